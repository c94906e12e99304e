import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { DOMParser } from 'linkedom';
import { SaxesParser } from 'saxes';
import iconv from 'iconv-lite';
import { startDemoFeedServer, createDateShift, loadDemoCorpus, type DemoFeedServer, type DemoFeed } from './index.ts';

const NOW = new Date('2026-11-29T07:00:00Z');
const HOUR = 3600_000;
const DAY = 24 * HOUR;

let demo: DemoFeedServer;
let corpus: DemoFeed[];

before(async () => {
  [demo, corpus] = await Promise.all([startDemoFeedServer({ port: 0, now: NOW }), loadDemoCorpus()]);
});
after(async () => {
  await demo.close();
});

/**
 * Parses strictly (saxes, unlike linkedom, rejects ill-formed XML) and collects the text of every element by local
 * name — enough to check a feed's structure without a DOM, and fast enough to read all 148 feeds.
 */
function readXml(xml: string, label: string): { root: string; texts: Map<string, string[]> } {
  const parser = new SaxesParser({ xmlns: true });
  let failure: Error | undefined;
  let root = '';
  const texts = new Map<string, string[]>();
  const open: { name: string; text: string }[] = [];
  parser.on('error', (e) => {
    failure ??= e;
  });
  parser.on('opentag', (tag) => {
    if (root === '') root = tag.name;
    open.push({ name: tag.local ?? tag.name, text: '' });
  });
  parser.on('text', (t) => {
    const top = open[open.length - 1];
    if (top) top.text += t;
  });
  parser.on('cdata', (t) => {
    const top = open[open.length - 1];
    if (top) top.text += t;
  });
  parser.on('closetag', () => {
    const el = open.pop();
    if (el) texts.set(el.name, [...(texts.get(el.name) ?? []), el.text]);
  });
  parser.write(xml).close();
  assert.equal(failure, undefined, `${label}: ${failure?.message}`);
  return { root, texts };
}

function assertWellFormedXml(xml: string, label: string): void {
  readXml(xml, label);
}

function xml(text: string) {
  return new DOMParser().parseFromString(text, 'text/xml');
}

interface OpmlFeed {
  title: string;
  xmlUrl: string;
  country: string | null;
  language: string | null;
  premium: string | null;
}

function opmlFeeds(opml: string): OpmlFeed[] {
  return [...xml(opml).querySelectorAll('outline[xmlUrl]')].map((o) => ({
    // linkedom leaves &amp; undecoded in XML attributes; the demo's URLs and titles avoid needing it.
    title: o.getAttribute('title') ?? '',
    xmlUrl: o.getAttribute('xmlUrl') ?? '',
    country: o.getAttribute('newsdesk:country'),
    language: o.getAttribute('newsdesk:language'),
    premium: o.getAttribute('newsdesk:premium'),
  }));
}

const feedByTitle = (prefix: string): OpmlFeed => {
  const f = opmlFeeds(demo.opml).find((x) => x.title.startsWith(prefix));
  assert.ok(f, `no feed titled ${prefix}…`);
  return f;
};

test('the OPML lists at least 100 local feeds with country and language, hard cases marked', async () => {
  assertWellFormedXml(demo.opml, 'opml');
  const feeds = opmlFeeds(demo.opml);
  assert.equal(feeds.length, demo.feedCount);
  assert.ok(feeds.length >= 100, `only ${feeds.length} feeds`);
  assert.ok(demo.articleCount >= 900, `only ${demo.articleCount} articles`);
  for (const f of feeds) {
    assert.ok(f.xmlUrl.startsWith(demo.baseUrl + '/feeds/'), f.xmlUrl);
    assert.match(f.country ?? '', /^[A-Z]{2}$/);
    assert.equal(f.language, 'en');
    assert.ok(f.premium === null || f.premium === 'true');
  }
  assert.equal(new Set(feeds.map((f) => f.xmlUrl)).size, feeds.length, 'duplicate feed URLs');
  for (const label of ['moved feed', 'gone feed', 'rate-limited feed', 'failing feed', 'windows-1252', 'ISO-8859-1', 'legacy RSS 1.0', 'legacy RSS 0.91']) {
    assert.ok(feeds.some((f) => f.title.includes(label)), `no hard case "${label}"`);
  }
  const served = await fetch(`${demo.baseUrl}/opml`);
  assert.equal(await served.text(), demo.opml);
});

test('each format is served with its content type and parses; dates are shifted into the recent past', async () => {
  const feeds = opmlFeeds(demo.opml).filter((f) => f.title.startsWith('Demo:') === false);
  const counts = { rss: 0, atom: 0, json: 0 };
  const dates: number[] = [];
  await Promise.all(
    feeds.map(async (f) => {
      // identity: undici's streaming gunzip of 146 parallel bodies costs more than the rest of this test.
      const res = await fetch(f.xmlUrl, { headers: { 'accept-encoding': 'identity' } });
      assert.equal(res.status, 200, f.xmlUrl);
      const type = res.headers.get('content-type') ?? '';
      const text = await res.text();
      if (f.xmlUrl.endsWith('.json')) {
        assert.equal(type, 'application/feed+json; charset=utf-8');
        const doc = JSON.parse(text) as { version: string; items: { id: string; url: string; date_published: string }[] };
        assert.equal(doc.version, 'https://jsonfeed.org/version/1.1');
        assert.ok(doc.items.length > 0);
        for (const item of doc.items) {
          assert.match(item.id, /^urn:newsdesk-demo:article:/);
          dates.push(Date.parse(item.date_published));
        }
        counts.json++;
      } else if (f.xmlUrl.endsWith('.atom')) {
        assert.equal(type, 'application/atom+xml; charset=utf-8');
        const { root, texts } = readXml(text, f.xmlUrl);
        assert.equal(root, 'feed');
        const published = texts.get('published') ?? [];
        assert.ok(published.length > 0 && published.length === (texts.get('entry') ?? []).length);
        for (const d of published) dates.push(Date.parse(d));
        counts.atom++;
      } else {
        assert.equal(type, 'application/rss+xml; charset=utf-8');
        assert.match(text, /<rss version="2\.0"/);
        const { root, texts } = readXml(text, f.xmlUrl);
        assert.equal(root, 'rss');
        const guids = texts.get('guid') ?? [];
        const pubDates = texts.get('pubDate') ?? [];
        assert.ok(guids.length > 0 && guids.length === (texts.get('item') ?? []).length && pubDates.length === guids.length);
        for (const g of guids) assert.match(g, /^urn:newsdesk-demo:article:/);
        for (const d of pubDates) dates.push(Date.parse(d));
        counts.rss++;
      }
    }),
  );
  const total = counts.rss + counts.atom + counts.json;
  for (const [format, n] of Object.entries(counts)) {
    assert.ok(n > total / 4 && n < total / 2.5, `${format}: ${n} of ${total} — not about a third`);
  }
  assert.ok(dates.every((d) => Number.isFinite(d)), 'unparsable date');
  const newest = Math.max(...dates);
  const oldest = Math.min(...dates);
  assert.ok(newest <= NOW.getTime() && newest > NOW.getTime() - HOUR, `newest ${new Date(newest).toISOString()}`);
  assert.ok(oldest >= NOW.getTime() - 3 * DAY - HOUR, `oldest ${new Date(oldest).toISOString()}`);
  assert.ok(newest - oldest > DAY, 'the span collapsed: gaps were not kept');
});

test('summary-only feeds carry teasers; their article pages hold the full text inside site chrome', async () => {
  const summaryOnly = corpus.find((f) => !f.fullText && f.role === 'regular' && f.format === 'rss2' && f.articles.length >= 3);
  assert.ok(summaryOnly);
  const feedText = await (await fetch(`${demo.baseUrl}/feeds/${summaryOnly.id}.xml`)).text();
  const doc = xml(feedText);
  assert.equal(doc.querySelector('item encoded'), null, 'summary-only feed has content:encoded');
  const article = summaryOnly.articles.reduce((a, b) => (b.text.length > a.text.length ? b : a));
  const item = [...doc.querySelectorAll('item')].find((i) => i.querySelector('guid')?.textContent?.endsWith(article.id));
  assert.ok(item);
  const description = item.querySelector('description')?.textContent ?? '';
  assert.ok(description.length < article.text.length / 2, 'teaser is not short');
  const link = item.querySelector('link')?.textContent ?? '';
  assert.ok(link.startsWith(demo.baseUrl));

  const res = await fetch(link);
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type') ?? '', /^text\/html/);
  const page = new DOMParser().parseFromString(await res.text(), 'text/html');
  const body = [...page.querySelectorAll('article p')].map((p) => p.textContent).join('\n\n');
  const expected = article.text.split(/\n\s*\n/).map((p) => p.replace(/\s+/g, ' ').trim()).filter((p) => p !== '');
  for (const p of expected) assert.ok(body.includes(p), `paragraph missing from page: ${p.slice(0, 60)}`);
  assert.equal(page.querySelector('meta[property="og:title"]')?.getAttribute('content'), article.title);
  assert.ok(page.querySelector('title')?.textContent?.startsWith(article.title));
  const published = page.querySelector('meta[property="article:published_time"]')?.getAttribute('content') ?? '';
  assert.ok(Date.parse(published) > NOW.getTime() - 4 * DAY);
  const text = page.documentElement.textContent ?? '';
  for (const chrome of ['Sign up to read this article', 'Related stories', 'Download our app', 'newsletter', 'Accept all', 'Privacy policy']) {
    assert.ok(text.includes(chrome), `chrome missing: ${chrome}`);
  }
  assert.ok(page.querySelectorAll('.related-stories a').length >= 2);
  assert.ok(page.querySelector('nav') !== null && page.querySelector('footer') !== null);
});

test('full-content feeds carry the article as HTML paragraphs', async () => {
  const full = corpus.find((f) => f.fullText && f.role === 'regular' && f.format === 'atom' && f.encoding === 'utf-8');
  assert.ok(full);
  const doc = xml(await (await fetch(`${demo.baseUrl}/feeds/${full.id}.atom`)).text());
  const content = doc.querySelector('entry content');
  assert.equal(content?.getAttribute('type'), 'html');
  assert.match(content?.textContent ?? '', /^<p>[\s\S]+<\/p>$/);
});

test('moved, gone, rate-limited and failing feeds answer 301, 410, 429 and 500', async () => {
  const moved = feedByTitle('Demo: moved feed');
  const r301 = await fetch(moved.xmlUrl, { redirect: 'manual' });
  assert.equal(r301.status, 301);
  const location = r301.headers.get('location') ?? '';
  assert.notEqual(location, moved.xmlUrl);
  const atNew = await fetch(new URL(location, moved.xmlUrl));
  assert.equal(atNew.status, 200);
  assertWellFormedXml(await atNew.text(), location);

  assert.equal((await fetch(feedByTitle('Demo: gone feed').xmlUrl)).status, 410);
  const r429 = await fetch(feedByTitle('Demo: rate-limited feed').xmlUrl);
  assert.equal(r429.status, 429);
  assert.equal(r429.headers.get('retry-after'), '120');
  assert.equal((await fetch(feedByTitle('Demo: failing feed').xmlUrl)).status, 500);
  assert.equal((await fetch(`${demo.baseUrl}/feeds/no-such-feed.xml`)).status, 404);
});

test('the windows-1252 feed is really windows-1252 bytes; ISO-8859-1 and KOI8-R likewise', async () => {
  const res = await fetch(feedByTitle('Demo: windows-1252').xmlUrl);
  assert.equal(res.headers.get('content-type'), 'application/rss+xml; charset=windows-1252');
  const bytes = Buffer.from(await res.arrayBuffer());
  assert.ok(bytes.subarray(0, 60).toString('latin1').includes('encoding="windows-1252"'));
  assert.throws(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes), 'bytes decode as UTF-8');
  for (const b of [0x93, 0x94, 0x97, 0x80]) assert.ok(bytes.includes(b), `byte 0x${b.toString(16)} absent`);
  const text = iconv.decode(bytes, 'windows-1252');
  assert.ok(text.includes('“smart quotes”, an em dash — a café, €5'));
  assertWellFormedXml(text, 'windows-1252 feed');

  const latin1 = Buffer.from(await (await fetch(feedByTitle('Demo: ISO-8859-1').xmlUrl)).arrayBuffer());
  assert.ok(latin1.includes(0xe9), 'no é byte');
  assert.ok(iconv.decode(latin1, 'iso-8859-1').includes('café, naïve façade, Müller'));
  const koi = await fetch(feedByTitle('Demo: KOI8-R').xmlUrl);
  assert.equal(koi.headers.get('content-type'), 'application/rss+xml; charset=koi8-r');
  assert.ok(iconv.decode(Buffer.from(await koi.arrayBuffer()), 'koi8-r').includes('Демонстрационная лента'));
});

test('legacy formats: RSS 1.0 (RDF) and RSS 0.91 are well-formed and carry items', async () => {
  const rdf = await (await fetch(feedByTitle('Demo: legacy RSS 1.0').xmlUrl)).text();
  assertWellFormedXml(rdf, 'rdf');
  assert.match(rdf, /<rdf:RDF[^>]+xmlns="http:\/\/purl\.org\/rss\/1\.0\/"/);
  assert.ok(xml(rdf).querySelectorAll('item').length > 0);
  const rss091 = await (await fetch(feedByTitle('Demo: legacy RSS 0.91').xmlUrl)).text();
  assertWellFormedXml(rss091, 'rss 0.91');
  assert.match(rss091, /<rss version="0\.91">/);
  assert.ok(xml(rss091).querySelectorAll('item').length > 0);
});

test('conditional GET: a matching If-None-Match gets 304; bodies are gzip when accepted', async () => {
  const url = opmlFeeds(demo.opml).find((f) => !f.title.startsWith('Demo:'))!.xmlUrl;
  const first = await fetch(url);
  const etag = first.headers.get('etag');
  assert.ok(etag);
  await first.arrayBuffer();
  const second = await fetch(url, { headers: { 'if-none-match': etag } });
  assert.equal(second.status, 304);
  const changed = await fetch(url, { headers: { 'if-none-match': '"other"' } });
  assert.equal(changed.status, 200);
  await changed.arrayBuffer();
  // fetch decompresses transparently; the header shows the bytes on the wire were gzip.
  const gz = await fetch(url, { headers: { 'accept-encoding': 'gzip' } });
  assert.equal(gz.headers.get('content-encoding'), 'gzip');
  assert.match(await gz.text(), /^(<\?xml|\{)/);
});

test('createDateShift keeps order and gaps, caps the span at 3 days, puts the newest just before now', () => {
  const t = [Date.parse('2024-01-01T00:00:00Z'), Date.parse('2024-06-01T00:00:00Z'), Date.parse('2024-12-01T00:00:00Z')];
  const shift = createDateShift(t, NOW);
  const [a, b, c] = t.map((x) => shift(x).getTime()) as [number, number, number];
  assert.ok(a < b && b < c);
  assert.ok(c <= NOW.getTime() && c > NOW.getTime() - HOUR);
  assert.ok(c - a <= 3 * DAY && c - a > 3 * DAY - 2000);
  assert.ok(Math.abs((b - a) / (c - a) - (t[1]! - t[0]!) / (t[2]! - t[0]!)) < 0.001, 'gaps not proportional');
  const short = createDateShift([0, HOUR], NOW);
  assert.equal(short(HOUR).getTime() - short(0).getTime(), HOUR, 'short spans must not be stretched');
});

test('the bundled corpus carries no gold labels and every article once', () => {
  const ids = corpus.flatMap((f) => f.articles.map((a) => a.id));
  assert.equal(new Set(ids).size, ids.length);
  assert.equal(ids.length, 956);
  for (const f of corpus) {
    for (const a of f.articles) assert.deepEqual(Object.keys(a).sort(), ['id', 'published', 'source', 'text', 'title', 'url']);
  }
  const withArticles = corpus.filter((f) => f.articles.length > 0).length;
  assert.ok(withArticles >= 100 && withArticles <= 150, `${withArticles} feeds with articles`);
});

test('the rate-limited feed serves a client that waited Retry-After, then limits again', async () => {
  let t = 1_000_000;
  const own = await startDemoFeedServer({ port: 0, now: NOW, clock: () => t });
  try {
    const url = opmlFeeds(own.opml).find((f) => f.title.startsWith('Demo: rate-limited feed'))!.xmlUrl;
    assert.equal((await fetch(url)).status, 429);
    t += 60_000;
    assert.equal((await fetch(url)).status, 429, 'served before Retry-After elapsed');
    t += 61_000;
    const ok = await fetch(url);
    assert.equal(ok.status, 200);
    assertWellFormedXml(await ok.text(), 'rate-limited feed');
    assert.equal((await fetch(url)).status, 429, 'a new window must start after serving');
  } finally {
    await own.close();
  }
});
