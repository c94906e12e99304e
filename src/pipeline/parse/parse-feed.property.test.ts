import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { parseFeed, parseFeedDate } from './index.ts';

const fixtures = ['rss2.xml', 'rss091.xml', 'rdf.xml', 'atom10.xml', 'atom03.xml', 'feed.json', 'illformed.xml', 'xxe.xml',
  'koi8r-undeclared.xml', 'utf16le-bom.xml'].map((name) => readFileSync(new URL(`./testdata/${name}`, import.meta.url)));

const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

/** Either a failure value or a model whose shape holds (every key present, dates ISO-8601 UTC or null). */
function assertWellShaped(bytes: Uint8Array, opts: { url?: string; contentType?: string } = {}): void {
  const r = parseFeed(bytes, opts);
  if (!r.ok) {
    assert.equal(r.error.kind, 'parse');
    assert.equal(typeof r.error.message, 'string');
    return;
  }
  const f = r.value;
  assert.equal(typeof f.format, 'string');
  assert.equal(typeof f.encoding, 'string');
  for (const d of [f.feed.updated, ...f.entries.flatMap((e) => [e.published, e.updated])]) {
    assert.ok(d === null || ISO_UTC.test(d), `bad date ${d}`);
  }
  for (const e of f.entries) {
    assert.ok(Array.isArray(e.categories) && Array.isArray(e.enclosures));
    for (const k of ['id', 'title', 'link', 'summary', 'content'] as const) assert.ok(e[k] === null || typeof e[k] === 'string');
  }
  JSON.stringify(f);
}

test('never throws on random bytes', () => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 2048 }), fc.option(fc.constantFrom('text/xml', 'application/rss+xml; charset=utf-16', 'text/html; charset=bogus-enc', 'application/xml;charset=x-unknown')), (bytes, ct) => {
      assertWellShaped(bytes, ct === null ? {} : { contentType: ct });
    }),
    { numRuns: 300 },
  );
});

test('never throws on XML-ish token soup', () => {
  const token = fc.constantFrom(
    '<rss>', '</rss>', '<channel>', '</channel>', '<item>', '</item>', '<title>', '</title>', '<feed xmlns="http://www.w3.org/2005/Atom">',
    '<entry>', '</entry>', '<content type="xhtml">', '<div xmlns="http://www.w3.org/1999/xhtml">', '</div>', '<![CDATA[', ']]>',
    '<!--', '-->', '&amp;', '&nbsp;', '&#x110000;', '&#0;', '&', '<', '>', '"', "'", '<?xml version="1.0" encoding="utf-16"?>',
    '<!DOCTYPE x [<!ENTITY a "&a;&a;">]>', '&a;', 'xml:base="::bad::"', '<link href="%%"/>', '<pubDate>', '</pubDate>',
    'Thu, 31 Feb 2004', '2004-99-99T99:99:99Z', 'text', ' ', '\n', '<a:b:c>', '</>', '<x y=z w>', '{', '}', '"items":[',
  );
  fc.assert(
    fc.property(fc.array(token, { maxLength: 60 }), fc.option(fc.webUrl()), (tokens, url) => {
      assertWellShaped(new TextEncoder().encode(tokens.join('')), url === null ? {} : { url });
    }),
    { numRuns: 400 },
  );
});

test('never throws on mutated valid feeds', () => {
  const mutation = fc.record({
    which: fc.nat({ max: fixtures.length - 1 }),
    edits: fc.array(fc.record({ at: fc.nat(), len: fc.nat({ max: 40 }), insert: fc.uint8Array({ maxLength: 12 }) }), { minLength: 1, maxLength: 8 }),
  });
  fc.assert(
    fc.property(mutation, ({ which, edits }) => {
      let bytes = Uint8Array.from(fixtures[which]!);
      for (const { at, len, insert } of edits) {
        const pos = at % (bytes.length + 1);
        bytes = Uint8Array.from([...bytes.subarray(0, pos), ...insert, ...bytes.subarray(pos + len)]);
      }
      assertWellShaped(bytes);
    }),
    { numRuns: 300 },
  );
});

test('parseFeedDate returns ISO-8601 UTC or null for any string', () => {
  fc.assert(
    fc.property(fc.string({ maxLength: 60 }), (s) => {
      const d = parseFeedDate(s);
      assert.ok(d === null || ISO_UTC.test(d), `${s} → ${d}`);
    }),
    { numRuns: 1000 },
  );
});

test('round trip: generated RSS items come back with their titles, links and dates', () => {
  const item = fc.record({
    // No '<': an RSS title holding "<a b>" is HTML (as in feedparser), so its tag comes back re-serialized (`<a b="b">`).
    title: fc.string({ minLength: 1, maxLength: 30 })
      .filter((s) => s.trim() !== '' && !/[<\u0000-\u001f\u007f-\u009f\ufffe\uffff]/.test(s) && !/[\ud800-\udfff]/.test(s)),
    path: fc.stringMatching(/^[a-z0-9-]{1,20}$/),
    ms: fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2090, 0, 1) }),
  });
  const escape = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  fc.assert(
    fc.property(fc.array(item, { maxLength: 8 }), (items) => {
      const xml = '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>t</title>' +
        items.map((it) => `<item><title>${escape(it.title)}</title><link>/p/${it.path}</link><pubDate>${new Date(Math.floor(it.ms / 1000) * 1000).toUTCString()}</pubDate></item>`).join('') +
        '</channel></rss>';
      const r = parseFeed(new TextEncoder().encode(xml), { url: 'https://rt.example/feed' });
      assert.ok(r.ok);
      assert.equal(r.value.entries.length, items.length);
      items.forEach((it, k) => {
        const e = r.value.entries[k]!;
        assert.equal(e.title, it.title);
        assert.equal(e.link, `https://rt.example/p/${it.path}`);
        assert.equal(e.published, new Date(Math.floor(it.ms / 1000) * 1000).toISOString().slice(0, 19) + 'Z');
      });
    }),
    { numRuns: 200 },
  );
});

test('a 50,000-item feed parses completely', () => {
  const parts: string[] = ['<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Big</title>'];
  for (let k = 0; k < 50_000; k++) {
    parts.push(`<item><title>Item ${k}</title><link>https://big.example/${k}</link><guid>https://big.example/${k}</guid>` +
      `<pubDate>Mon, 06 Jan 2025 10:${String(k % 60).padStart(2, '0')}:00 GMT</pubDate><description>Body &amp; text ${k}</description></item>`);
  }
  parts.push('</channel></rss>');
  const r = parseFeed(new TextEncoder().encode(parts.join('')), {});
  assert.ok(r.ok);
  assert.equal(r.value.entries.length, 50_000);
  assert.equal(r.value.entries[49_999]?.title, 'Item 49999');
  assert.equal(r.value.entries[49_999]?.summary, 'Body & text 49999');
});

test('deeply nested elements do not overflow the stack', () => {
  const depth = 100_000;
  const xml = '<rss><channel><title>deep</title><item><description>' + '<b>'.repeat(depth) + 'x' + '</b>'.repeat(depth) + '</description></item></channel></rss>';
  const r = parseFeed(new TextEncoder().encode(xml), {});
  assert.ok(r.ok);
  assert.equal(r.value.feed.title, 'deep');
  assert.ok(r.value.entries[0]?.summary?.includes('x'));
});

test('pathological inputs (unterminated tags, bare ampersands, unclosed quotes) are handled', () => {
  const docs = [
    '<rss><channel><item><description>' + '&lt;a b=c '.repeat(20_000) + '</description></item></channel></rss>',
    '<rss><channel><item><description>' + "&lt;a b='c' ".repeat(20_000) + '/</description></item></channel></rss>',
    '<rss><channel><item><description>' + '&lt;a b=c'.repeat(20_000) + '</description></item></channel></rss>',
    '<rss><channel><title>' + '&'.repeat(100_000) + '</title></channel></rss>',
    '<!DOCTYPE x [' + '<!ENTITY a "'.repeat(20_000) + ']><rss/>',
    '<rss><channel><managingEditor>' + 'a.'.repeat(100_000) + '</managingEditor></channel></rss>',
    '<rss>' + '<a>'.repeat(300) + '</b>'.repeat(50_000) + '</rss>',
    '<rss>' + '<x xmlns:a="u">'.repeat(10_000),
    '<rss>' + '<!--'.repeat(20_000),
  ];
  for (const d of docs) assertWellShaped(new TextEncoder().encode(d));
});
