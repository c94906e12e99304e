import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { ParsedFeed } from '../../domain/feed.ts';
import { parseFeed, type ParseFeedOptions } from './index.ts';

const fixture = (name: string): Uint8Array => readFileSync(new URL(`./testdata/${name}`, import.meta.url));
const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

function parsed(bytes: Uint8Array, opts: ParseFeedOptions = {}): ParsedFeed {
  const r = parseFeed(bytes, opts);
  if (!r.ok) assert.fail(`expected a feed, got failure: ${r.error.message}`);
  return r.value;
}

test('RSS 2.0: channel and item fields with namespaces', () => {
  const f = parsed(fixture('rss2.xml'), { url: 'https://gazette.example/feed.xml' });
  assert.equal(f.format, 'rss2');
  assert.equal(f.encoding, 'utf-8');
  assert.equal(f.feed.title, 'Harbour Gazette');
  assert.equal(f.feed.link, 'https://gazette.example/');
  assert.equal(f.feed.description, 'News from the harbour & the hills');
  assert.equal(f.feed.language, 'en-gb');
  assert.equal(f.feed.updated, '2003-06-10T04:00:00Z');
  assert.deepEqual(f.feed.author, { name: 'Mara Quay', email: 'editor@gazette.example', url: null });
  assert.deepEqual(f.feed.image, { url: 'https://gazette.example/logo.png', title: 'Gazette logo', link: 'https://gazette.example/' });
  assert.equal(f.feed.generator, 'Handset 1.2');
  assert.equal(f.feed.hub, 'https://hub.example/');
  assert.equal(f.feed.ttlMinutes, 45);
  assert.equal(f.entries.length, 2);
  const [e, second] = f.entries;
  assert.ok(e && second);
  assert.equal(e.id, 'ferry-2003');
  assert.equal(e.link, 'https://gazette.example/ferry');
  assert.equal(e.summary, 'Short <b>summary</b>');
  // content:encoded wins; its relative link is resolved against the document URL.
  assert.equal(e.content, '<p>Full <em>body</em> with a <a href="https://gazette.example/ferry/map">map</a>.</p>');
  assert.equal(e.published, '2003-06-11T07:39:21Z');
  assert.equal(e.updated, '2003-06-12T08:00:00Z');
  assert.deepEqual(e.author, { name: 'Ivo Pier', email: 'news@gazette.example', url: null });
  assert.deepEqual(e.categories, ['Transport', 'Local']);
  assert.deepEqual(e.enclosures, [{ url: 'https://gazette.example/ferry.mp3', type: 'audio/mpeg', length: 12345 }]);
  // A permalink guid doubles as the link.
  assert.equal(second.link, 'https://gazette.example/second');
  assert.equal(second.author?.name, 'Lena Hale');
  assert.equal(second.summary, null);
  assert.equal(second.published, null);
});

test('RSS 0.91 with a DOCTYPE, HTML entities and ISO-8859-1', () => {
  const f = parsed(fixture('rss091.xml'));
  assert.equal(f.format, 'rss091');
  assert.equal(f.encoding, 'iso-8859-1');
  assert.equal(f.feed.title, 'Café Notes');
  assert.equal(f.feed.description, 'Old-school \u00a0RSS');
  assert.equal(f.entries[0]?.title, 'First…');
});

test('RSS version attribute → format label', () => {
  const v = (version: string | null): string =>
    parsed(utf8(`<rss${version === null ? '' : ` version="${version}"`}><channel><title>t</title></channel></rss>`)).format;
  assert.equal(v('2.0'), 'rss2');
  assert.equal(v('0.92'), 'rss092');
  assert.equal(v('0.93'), 'rss093');
  assert.equal(v('0.94'), 'rss094');
  assert.equal(v(null), 'rss');
});

test('RSS 1.0 (RDF): items beside the channel, rdf:about ids, Dublin Core', () => {
  const f = parsed(fixture('rdf.xml'));
  assert.equal(f.format, 'rss1');
  assert.equal(f.feed.title, 'RDF Site');
  assert.equal(f.feed.language, 'de');
  assert.equal(f.feed.updated, '2004-02-03T09:00:00Z');
  assert.deepEqual(f.entries.map((e) => e.id), ['http://rdf.example/a', 'http://rdf.example/b']);
  assert.equal(f.entries[0]?.author?.name, 'Anke');
  assert.deepEqual(f.entries[0]?.categories, ['Tests']);
  assert.equal(f.entries[0]?.updated, '2004-02-03T09:00:00Z');
});

test('RSS 0.90 (RDF in the Netscape namespace)', () => {
  const f = parsed(utf8(
    '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://my.netscape.com/rdf/simple/0.9/">' +
      '<channel><title>Old</title><link>http://old.example/</link></channel><item><title>I</title><link>http://old.example/i</link></item></rdf:RDF>',
  ));
  assert.equal(f.format, 'rss090');
  assert.equal(f.entries[0]?.title, 'I');
});

test('Atom 1.0: text constructs, xml:base, links, enclosures, inherited author', () => {
  const f = parsed(fixture('atom10.xml'), { url: 'http://ignored.example/' });
  assert.equal(f.format, 'atom10');
  assert.equal(f.feed.title, 'Le <Blog>');
  assert.equal(f.feed.description, 'Un <em>blog</em>');
  assert.equal(f.feed.link, 'http://atom.example/blog/');
  assert.equal(f.feed.language, 'fr');
  assert.equal(f.feed.id, 'urn:uuid:60a76c80-d399-11d9-b93C-0003939e0af6');
  assert.equal(f.feed.icon, 'http://atom.example/favicon.ico');
  assert.equal(f.feed.image?.url, 'http://atom.example/blog/logo.png');
  assert.equal(f.feed.generator, 'Generator X');
  assert.equal(f.feed.hub, 'https://hub.example/');
  assert.deepEqual(f.feed.author, { name: 'Claire', email: 'claire@atom.example', url: 'http://atom.example/about' });
  const [e, e2] = f.entries;
  assert.ok(e && e2);
  assert.equal(e.title, 'Un <b>titre</b>');
  assert.equal(e.link, 'http://atom.example/blog/posts/1');
  assert.equal(e.published, '2005-07-30T17:00:00Z');
  assert.equal(e.summary, 'Résumé');
  // xml:base on <content> overrides the feed's for URLs inside the XHTML.
  assert.equal(e.content, '<p>Voir <a href="http://other.example/x/y">ici</a>.</p>');
  assert.deepEqual(e.categories, ['nouvelles', 'tests']);
  assert.deepEqual(e.enclosures, [{ url: 'http://atom.example/blog/media/1.mp3', type: 'audio/mpeg', length: 1337 }]);
  assert.equal(e.author?.name, 'Claire');
  assert.equal(e2.author?.name, 'Paul');
  assert.equal(e2.content, '<p>Bonjour</p>');
  assert.equal(e2.summary, '<p>Bonjour</p>');
});

test('Atom 0.3: tagline, modified/issued, base64 content', () => {
  const f = parsed(fixture('atom03.xml'));
  assert.equal(f.format, 'atom03');
  assert.equal(f.feed.description, 'Old Atom');
  assert.equal(f.feed.updated, '2003-12-31T10:14:55Z');
  assert.equal(f.feed.author?.url, 'http://old.example/me');
  const e = f.entries[0];
  assert.equal(e?.published, '2003-12-30T10:00:00Z');
  assert.equal(e?.updated, '2003-12-31T10:00:00Z');
  assert.equal(e?.content, '<p>Hello <b>world</b></p>');
});

test('JSON Feed 1.1: mapping, numeric ids, relative URLs against feed_url, inherited author', () => {
  const f = parsed(fixture('feed.json'));
  assert.equal(f.format, 'json11');
  assert.equal(f.feed.title, 'JSON Desk');
  assert.equal(f.feed.link, 'https://json.example/');
  assert.equal(f.feed.image?.url, 'https://json.example/icon.png');
  assert.equal(f.feed.icon, 'https://json.example/favicon.ico');
  const [a, b] = f.entries;
  assert.equal(a?.id, '42');
  assert.equal(a?.link, 'https://json.example/posts/42');
  assert.equal(a?.content, '<p>Hi</p>');
  assert.equal(a?.published, '2020-06-30T10:00:00Z');
  assert.deepEqual(a?.enclosures, [{ url: 'https://json.example/ep.mp3', type: 'audio/mpeg', length: 99 }]);
  assert.equal(a?.author?.name, 'Ann');
  assert.equal(b?.content, 'Just text');
  assert.equal(b?.author?.name, 'Bob');
});

test('JSON Feed 1.0 and JSON that is not a feed', () => {
  const f = parsed(utf8('{"version":"https://jsonfeed.org/version/1","title":"T","author":{"name":"Z"},"items":[{"id":"1"}]}'));
  assert.equal(f.format, 'json1');
  assert.equal(f.entries[0]?.author?.name, 'Z');
  const r = parseFeed(utf8('{"hello": "world"}'), {});
  assert.equal(r.ok, false);
  const broken = parseFeed(utf8('{"version": "https://jsonfeed.org/version/1", '), {});
  assert.ok(!broken.ok && broken.error.kind === 'parse' && /JSON/.test(broken.error.message));
});

test('xml:base and the document URL resolve relative links', () => {
  const f = parsed(
    utf8('<rss version="2.0"><channel><link>/home</link><item xml:base="http://b.example/x/"><link>y/z</link></item>' +
      '<item><link>rel</link><enclosure url="e.mp3" type="audio/mpeg" length="1"/></item></channel></rss>'),
    { url: 'http://doc.example/feeds/main.xml' },
  );
  assert.equal(f.feed.link, 'http://doc.example/home');
  assert.equal(f.entries[0]?.link, 'http://b.example/x/y/z');
  assert.equal(f.entries[1]?.link, 'http://doc.example/feeds/rel');
  assert.equal(f.entries[1]?.enclosures[0]?.url, 'http://doc.example/feeds/e.mp3');
});

test('entities: undefined HTML entities become characters, unknown ones stay literal', () => {
  const f = parsed(utf8('<rss><channel><title>a&nbsp;b &eacute; &hellip; &#8217; &#x2014; &bogus;</title></channel></rss>'));
  assert.equal(f.feed.title, 'a\u00a0b é … ’ — &bogus;');
});

test('entities: internal DTD entities expand', () => {
  const f = parsed(utf8('<!DOCTYPE rss [<!ENTITY id "tag:example.com,">]><rss><channel><item><guid isPermaLink="false">&id;2006:/b</guid></item></channel></rss>'));
  assert.equal(f.entries[0]?.id, 'tag:example.com,2006:/b');
});

test('XXE: external entities are never loaded', () => {
  const f = parsed(fixture('xxe.xml'));
  const json = JSON.stringify(f);
  assert.ok(!json.includes('root:'), 'must not contain /etc/passwd content');
  assert.equal(f.feed.title, 'Safe&xxe;');
});

test('billion laughs: entity expansion stays small', () => {
  const f = parsed(fixture('billion-laughs.xml'));
  assert.ok(JSON.stringify(f).length < 300_000);
  assert.ok(f.feed.title?.startsWith('Laughs'));
});

test('recovery: junk before the root, bare ampersands, unclosed and mis-nested elements', () => {
  const f = parsed(fixture('illformed.xml'));
  assert.equal(f.format, 'rss2');
  assert.equal(f.feed.title, 'Tom & Jerry\u00a0News © 2024 &undefinedentity; AT&T');
  assert.equal(f.feed.link, 'http://ill.example/?a=1&b=2');
  assert.equal(f.entries.length, 2);
  assert.equal(f.entries[0]?.title, 'Unclosed <b>bold</b>');
  assert.equal(f.entries[0]?.summary, 'Para <p>one<br /> two</p>');
  assert.equal(f.entries[1]?.link, 'http://ill.example/2');
});

test('not a feed: HTML page, empty input, plain text', () => {
  for (const input of ['<!doctype html><html><body><p>hi</p></body></html>', '', 'just some text']) {
    const r = parseFeed(utf8(input), {});
    assert.equal(r.ok, false, input);
    if (!r.ok) {
      assert.equal(r.error.kind, 'parse');
      assert.ok(r.error.message.length > 0);
    }
  }
});

test('iTunes basics: itunes:image, itunes:summary, itunes:author, nested categories', () => {
  const f = parsed(utf8(
    '<rss version="2.0" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd"><channel>' +
      '<itunes:summary>Pod summary</itunes:summary><itunes:author>Host</itunes:author>' +
      '<itunes:image href="http://pod.example/art.jpg"/>' +
      '<item><itunes:category text="Technology"><itunes:category text="Gadgets"/></itunes:category></item>' +
      '</channel></rss>',
  ));
  assert.equal(f.feed.description, 'Pod summary');
  assert.equal(f.feed.author?.name, 'Host');
  assert.equal(f.feed.image?.url, 'http://pod.example/art.jpg');
  assert.deepEqual(f.entries[0]?.categories, ['Technology', 'Gadgets']);
});

test('odd namespace prefixes resolve by URI', () => {
  const f = parsed(utf8(
    '<rss version="2.0" xmlns:c="http://purl.org/rss/1.0/modules/content/" xmlns:x="http://purl.org/dc/elements/1.1/">' +
      '<channel><item><c:encoded>&lt;p&gt;body&lt;/p&gt;</c:encoded><x:creator>Dee</x:creator></item></channel></rss>',
  ));
  assert.equal(f.entries[0]?.content, '<p>body</p>');
  assert.equal(f.entries[0]?.author?.name, 'Dee');
});

test('windows-1252 code points mislabelled as C1 controls are repaired', () => {
  const f = parsed(utf8('<rss><channel><item><description>don\u0092t</description></item></channel></rss>'));
  assert.equal(f.entries[0]?.summary, 'don\u2019t');
});

test('Atom alternate links: HTML types only, first wins; enclosure links are not the page', () => {
  const f = parsed(utf8(
    '<feed xmlns="http://www.w3.org/2005/Atom"><entry>' +
      '<link rel="enclosure" href="http://a.example/x.mp3" type="audio/mpeg"/>' +
      '<link rel="alternate" type="application/atom+xml" href="http://a.example/entry.atom"/>' +
      '<link href="http://a.example/page"/><link rel="alternate" type="text/html" href="http://a.example/other"/>' +
      '</entry><entry><link rel="alternate" type="application/xhtml+xml" href="http://a.example/x"/></entry></feed>',
  ));
  assert.equal(f.entries[0]?.link, 'http://a.example/page');
  assert.equal(f.entries[1]?.link, 'http://a.example/x');
});

test('Atom 1.0 non-text content types are base64; inline XHTML drops its div only in Atom 1.0', () => {
  const b64 = Buffer.from('Hi <b>there</b>').toString('base64');
  const f = parsed(utf8(
    `<feed xmlns="http://www.w3.org/2005/Atom"><entry><content type="application/octet-stream">${b64}</content>` +
      '<title type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">A <i>b</i></div></title></entry></feed>',
  ));
  assert.equal(f.entries[0]?.content, 'Hi <b>there</b>');
  assert.equal(f.entries[0]?.title, 'A <i>b</i>');
  const old = parsed(utf8(
    '<feed version="0.3" xmlns="http://purl.org/atom/ns#"><entry><title type="application/xhtml+xml" mode="xml">' +
      '<div xmlns="http://www.w3.org/1999/xhtml">A <i>b</i></div></title></entry></feed>',
  ));
  assert.equal(old.entries[0]?.title, '<div>A <i>b</i></div>');
});

test('mostly-UTF-8 text with one bad byte stays UTF-8', () => {
  const good = new TextEncoder().encode('<rss><channel><title>Grüße aus Köln – schön, süß, öde, Ärger, Übel</title>');
  const bytes = Uint8Array.from([...good, 0xff, ...new TextEncoder().encode('</channel></rss>')]);
  const f = parsed(bytes);
  assert.equal(f.encoding, 'utf-8');
  assert.ok(f.feed.title?.startsWith('Grüße aus Köln – schön'));
});

test('HTML in RSS descriptions: relative URLs resolved, attributes normalized', () => {
  const f = parsed(
    utf8('<rss><channel><item><description>&lt;img src="i.png" alt=\'x\'&gt; &lt;a title=t href=/p&gt;p&lt;/a&gt;</description></item></channel></rss>'),
    { url: 'http://h.example/feed/' },
  );
  assert.equal(f.entries[0]?.summary, '<img alt="x" src="http://h.example/feed/i.png"> <a href="http://h.example/p" title="t">p</a>');
});

test('recovery: unclosed items end where the next one begins', () => {
  const f = parsed(fixture('unclosed-items.xml'));
  assert.deepEqual(f.entries.map((e) => e.title), ['a', 'b', 'c']);
});

test('RSS 1.0 image: the channel holds a reference, the image element sits beside it', () => {
  const f = parsed(utf8(
    '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/">' +
      '<channel rdf:about="http://r.example/"><title>R</title><image rdf:resource="http://r.example/logo.png"/></channel>' +
      '<image rdf:about="http://r.example/logo.png"><title>Logo</title><url>http://r.example/logo.png</url><link>http://r.example/</link></image>' +
      '</rdf:RDF>',
  ));
  assert.deepEqual(f.feed.image, { url: 'http://r.example/logo.png', title: 'Logo', link: 'http://r.example/' });
});

test('DOCTYPE internal subset: "]" inside literals, comments and PIs does not end it', () => {
  const title = (doctype: string, ref: string): string | null =>
    parsed(utf8(`<!DOCTYPE rss [${doctype}]><rss><channel><title>${ref}</title></channel></rss>`)).feed.title;
  assert.equal(title('<!ENTITY t "a]b">', '&t;'), 'a]b');
  assert.equal(title('<!-- ] --><!ENTITY u "U">', '&u;'), 'U');
  assert.equal(title('<?pi ]?><!ENTITY u \'U\'>', '&u;'), 'U');
});

test('XML line ends and attribute values are normalized (XML 1.0 §2.11, §3.3.3)', () => {
  const f = parsed(utf8('<feed xmlns="http://www.w3.org/2005/Atom">\r\n<title>a\r\nb\rc</title>\r\n' +
    '<link href="http://a.example/x\ny"/><entry><id>urn:x&#10;y</id></entry></feed>'));
  assert.equal(f.feed.title, 'a\nb\nc');
  assert.equal(f.feed.link, 'http://a.example/x y');
  assert.equal(f.entries[0]?.id, 'urn:x\ny'); // a character reference is data, not layout
});

test('dates: a later synonym overrides an earlier one; channel pubDate is only a fallback for updated', () => {
  const atom03 = parsed(utf8('<feed version="0.3" xmlns="http://purl.org/atom/ns#"><entry>' +
    '<published>2010-01-01T19:48:21Z</published><issued>2004-01-01T19:48:21Z</issued></entry></feed>'));
  assert.equal(atom03.entries[0]?.published, '2004-01-01T19:48:21Z');
  const rss = parsed(utf8('<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel>' +
    '<dc:date>2005-01-01T00:00:00Z</dc:date><pubDate>Thu, 01 Jan 2004 19:48:21 GMT</pubDate>' +
    '<item><dc:date>2003-01-01T00:00:00Z</dc:date><dc:date>not a date</dc:date></item></channel></rss>'));
  assert.equal(rss.feed.updated, '2005-01-01T00:00:00Z');
  assert.equal(rss.entries[0]?.updated, '2003-01-01T00:00:00Z'); // an unreadable later one does not erase it
});

test('feed language: a language element beats xml:lang; a bare lang attribute counts; xml:lang="" is none', () => {
  const lang = (xml: string): string | null => parsed(utf8(xml)).feed.language;
  assert.equal(lang('<feed xmlns="http://www.w3.org/2005/Atom" lang="en"><title>t</title></feed>'), 'en');
  assert.equal(lang('<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en" xmlns:dc="http://purl.org/dc/elements/1.1/">' +
    '<dc:language>fr</dc:language></feed>'), 'fr');
  assert.equal(lang('<rss version="2.0" xml:lang="de"><channel><language>en</language></channel></rss>'), 'en');
  assert.equal(lang('<rss version="2.0" xml:lang="de"><channel><title>t</title></channel></rss>'), 'de');
  assert.equal(lang('<feed xmlns="http://www.w3.org/2005/Atom" xml:lang=""><title>t</title></feed>'), null);
});

test('Atom links: IANA relation IRIs equal their short names; xml:base resolution keeps IRIs as written', () => {
  const f = parsed(utf8('<feed xmlns="http://www.w3.org/2005/Atom" xml:base="http://B.Example/dä/">' +
    '<link rel="http://www.iana.org/assignments/relation/alternate" href="home"/>' +
    '<entry><link href="../pü/1"/><link rel="http://www.iana.org/assignments/relation/enclosure" href="x.mp3" length="5"/></entry></feed>'));
  assert.equal(f.feed.link, 'http://B.Example/dä/home');
  assert.equal(f.entries[0]?.link, 'http://B.Example/pü/1');
  assert.deepEqual(f.entries[0]?.enclosures, [{ url: 'http://B.Example/dä/x.mp3', type: null, length: 5 }]);
});

test('an Atom Entry Document (lone <entry> root) is one entry', () => {
  const f = parsed(utf8('<entry xmlns="http://www.w3.org/2005/Atom" xml:lang="en"><title>E</title><id>urn:e</id>' +
    '<link href="http://e.example/"/><author><name>Ann</name></author></entry>'));
  assert.equal(f.format, 'atom10');
  assert.equal(f.feed.title, null);
  assert.equal(f.feed.language, 'en');
  assert.deepEqual(f.entries.map((e) => [e.id, e.title, e.link, e.author?.name]), [['urn:e', 'E', 'http://e.example/', 'Ann']]);
  assert.equal(parseFeed(utf8('<entry><title>not Atom</title></entry>')).ok, false);
});

test('JSON Feed: a numeric string size_in_bytes is read as a number', () => {
  const f = parsed(utf8(JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', items: [
    { id: '1', attachments: [{ url: 'https://j.example/a.mp3', size_in_bytes: '123' }, { url: 'https://j.example/b.mp3', size_in_bytes: 'big' }] },
  ] })));
  assert.deepEqual(f.entries[0]?.enclosures.map((e) => e.length), [123, null]);
});

test('text nested in child elements is kept; an RSS author given as name/email parts is read as such', () => {
  const f = parsed(utf8('<rss version="2.0"><channel><managingEditor><name>Ed Itor</name></managingEditor>' +
    '<item><author><name>X Y</name><email>x@y.example</email></author><category><b>Bold</b> topic</category></item></channel></rss>'));
  assert.deepEqual(f.feed.author, { name: 'Ed Itor', email: null, url: null });
  assert.deepEqual(f.entries[0]?.author, { name: 'X Y', email: 'x@y.example', url: null });
  assert.deepEqual(f.entries[0]?.categories, ['Bold topic']);
});

test('Atom 0.3 multipart/alternative content yields its HTML part', () => {
  const f = parsed(utf8('<feed version="0.3" xmlns="http://purl.org/atom/ns#"><entry><content type="multipart/alternative">' +
    '<content type="text/plain">Plain</content><content type="text/html" mode="escaped">&lt;b&gt;Rich&lt;/b&gt;</content>' +
    '</content></entry></feed>'));
  assert.equal(f.entries[0]?.content, '<b>Rich</b>');
});
