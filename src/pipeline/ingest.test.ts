/**
 * The ingest orchestrator end to end on real SQLite with real HTTP on loopback: the real fetcher, parser,
 * sanitizer and extractor. Each failure kind ends on the feed row; nothing is stored twice.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { silentLogger } from '../lib/logger.ts';
import { createRepos, type Repos } from '../storage/index.ts';
import { openTestDatabase, type TestDatabase } from '../storage/testing.ts';
import { createFetcher, type Fetcher } from './fetch/index.ts';
import { parseFeed } from './parse/index.ts';
import { htmlToText, sanitizeHtml } from './sanitize/index.ts';
import { extractArticle, removeRepeatedParagraphs } from './extract/index.ts';
import { fetchFullText, refreshFeed, type IngestDeps } from './ingest.ts';

const para = (n: number) =>
  `Paragraph ${n} of the report. Officials said on Tuesday that the bridge would reopen after repairs lasting several weeks, ` +
  `and that traffic would be diverted through the northern districts until then.`;
const longBody = Array.from({ length: 8 }, (_, i) => `<p>${para(i + 1)}</p>`).join('');

function rss(items: string): string {
  return `<?xml version="1.0" encoding="utf-8"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>
<title>Loopback News</title><link>http://example.test/</link><description>d</description><ttl>60</ttl>${items}</channel></rss>`;
}
let base = '';
const fullItem = (n: number) => `<item><guid>n${n}</guid><title>Item ${n}</title><link>/n${n}</link><content:encoded><![CDATA[${longBody}]]></content:encoded></item>`;
let noValidatorItems = fullItem(1);
const routes: Record<string, (req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => void> = {
  '/full.xml': (req, res) => {
    if (req.headers['if-none-match'] === '"v1"') return void res.writeHead(304).end();
    res.writeHead(200, { 'Content-Type': 'application/rss+xml', ETag: '"v1"' });
    res.end(
      rss(`<item><guid>a1</guid><title>Bridge to reopen &amp; traffic</title><link>/a1</link><pubDate>Tue, 01 Oct 2024 10:00:00 GMT</pubDate>
<content:encoded><![CDATA[${longBody}<script>alert(1)</script><img src="/img.png" onerror="alert(2)">]]></content:encoded></item>
<item><guid>a2</guid><title>Second</title><link>/a2</link><pubDate>Tue, 01 Oct 2024 11:00:00 GMT</pubDate><content:encoded><![CDATA[${longBody}]]></content:encoded></item>`),
    );
  },
  '/teaser.xml': (_req, res) => {
    res.writeHead(200, { 'Content-Type': 'application/rss+xml' });
    res.end(rss(`<item><guid>t1</guid><title>Teaser</title><link>${base}/page/1.html</link><description>Officials said the bridge would reopen…</description></item>`));
  },
  '/page/1.html': (_req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(`<!doctype html><html lang="en"><head><title>Bridge to reopen | Loopback News</title></head><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav><div class="banner">Download our app</div>
<article><h1>Bridge to reopen</h1>${longBody}</article>
<aside><h2>Related stories</h2><ul><li><a href="/x">Other story one</a></li><li><a href="/y">Other story two</a></li></ul></aside>
<footer>© Loopback News</footer></body></html>`);
  },
  '/doubled.xml': (_req, res) => {
    res.writeHead(200, { 'Content-Type': 'application/rss+xml' });
    res.end(rss(`<item><guid>d1</guid><title>Doubled</title><link>/d1</link><content:encoded><![CDATA[${longBody}${longBody}]]></content:encoded></item>`));
  },
  '/no-validators.xml': (_req, res) => {
    res.writeHead(200, { 'Content-Type': 'application/rss+xml' });
    res.end(rss(noValidatorItems));
  },
  '/broken.xml': (_req, res) => void res.writeHead(500).end('oops'),
  '/not-a-feed.xml': (_req, res) => void res.writeHead(200, { 'Content-Type': 'text/plain' }).end('hello, not a feed'),
  '/moved.xml': (_req, res) => void res.writeHead(301, { Location: '/full.xml?moved' }).end(),
  '/gone.xml': (_req, res) => void res.writeHead(410).end(),
  '/limited.xml': (_req, res) => void res.writeHead(429, { 'Retry-After': '7200' }).end(),
};

let server: Server;
let t: TestDatabase;
let repos: Repos;
let fetcher: Fetcher;
let deps: IngestDeps;
const enqueued: string[] = [];

before(async () => {
  server = createServer((req, res) => (routes[(req.url ?? '').split('?')[0]!] ?? ((_q, r) => void r.writeHead(404).end()))(req, res));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  t = await openTestDatabase('sqlite');
  repos = createRepos(t.database);
  fetcher = createFetcher({ allowPrivate: ['127.0.0.1'], timeoutMs: 5000, maxBytes: 1 << 20, userAgent: 'newsdesk-test' });
  deps = {
    repos,
    fetcher,
    parseFeed,
    sanitizeHtml,
    htmlToText,
    extractArticle,
    cleanArticle: (_url, body) => removeRepeatedParagraphs(body),
    enqueueFullText: async (id) => void enqueued.push(id),
    logger: silentLogger(),
  };
});
after(async () => {
  await fetcher.close();
  await t.cleanup();
  server.close();
});

async function feedFor(path: string) {
  return (await repos.feeds.add({ feedUrl: base + path })).feed;
}

test('a feed is stored once; a re-fetch is a conditional GET; content is sanitized', async () => {
  const feed = await feedFor('/full.xml');
  const first = await refreshFeed(deps, feed);
  assert.ok(first.ok && !first.notModified);
  assert.equal(first.inserted, 2);
  const row = (await repos.feeds.get(feed.id))!;
  assert.equal(row.title, 'Loopback News');
  assert.equal(row.etag, '"v1"');
  assert.equal(row.error_count, 0);
  assert.ok(row.next_check_at >= Date.now() + 55 * 60_000, 'TTL 60 min raises the interval');
  const again = await refreshFeed(deps, row);
  assert.ok(again.ok && again.notModified, 'ETag → 304');
  assert.equal(await repos.articles.count(feed.id), 2);
  const [top] = await repos.articles.list({ limit: 1, feedId: feed.id });
  const article = (await repos.articles.get(top!.id))!;
  assert.equal(article.title, 'Second');
  const a1 = (await repos.articles.list({ limit: 5, feedId: feed.id })).find((a) => a.title.startsWith('Bridge'))!;
  const stored = (await repos.articles.get(a1.id))!;
  assert.equal(stored.title, 'Bridge to reopen & traffic');
  assert.equal(stored.url, `${base}/a1`);
  assert.doesNotMatch(stored.content_html ?? '', /<script|onerror|alert/);
  assert.match(stored.content_html ?? '', new RegExp(`src="${base}/img.png"`));
  assert.match(stored.text, /Paragraph 8 of the report/);
  assert.equal(stored.full_text_status, 'feed', 'full content needs no full-text job');
});

test('without ETag or Last-Modified, an identical body is not parsed again; a changed one is', async () => {
  const feed = await feedFor('/no-validators.xml');
  const first = await refreshFeed(deps, feed);
  assert.ok(first.ok && !first.notModified && first.inserted === 1);
  const same = await refreshFeed(deps, (await repos.feeds.get(feed.id))!);
  assert.ok(same.ok && same.notModified, 'same bytes → treated as 304');
  noValidatorItems += fullItem(2);
  const changed = await refreshFeed(deps, (await repos.feeds.get(feed.id))!);
  assert.ok(changed.ok && !changed.notModified && changed.inserted === 1);
  assert.equal(await repos.articles.count(feed.id), 2);
});

test('a body a scraper printed twice is stored once', async () => {
  const feed = await feedFor('/doubled.xml');
  const outcome = await refreshFeed(deps, feed);
  assert.ok(outcome.ok);
  const stored = (await repos.articles.get(outcome.newArticleIds[0]!))!;
  assert.equal(stored.text.match(/Paragraph 3 of the report/g)?.length, 1);
  assert.equal(stored.content_html?.match(/Paragraph 3 of the report/g)?.length, 1);
});

test('every failure kind is written on the feed row and backs off', async () => {
  const cases: Array<[string, string]> = [
    ['/broken.xml', 'http'],
    ['/not-a-feed.xml', 'parse'],
    ['/gone.xml', 'gone'],
    ['/limited.xml', 'http'],
  ];
  for (const [path, kind] of cases) {
    const feed = await feedFor(path);
    const before = Date.now();
    const outcome = await refreshFeed(deps, feed);
    assert.equal(outcome.ok, false, path);
    if (!outcome.ok && path === '/limited.xml') assert.equal(outcome.error.retryAfterSeconds, 7200);
    const row = (await repos.feeds.get(feed.id))!;
    assert.equal(row.last_error_kind, kind, path);
    assert.equal(row.error_count, 1);
    assert.ok(row.last_error && row.last_error.length > 5, 'a message a person can read');
    assert.ok(row.next_check_at > before, 'next check in the future');
    if (path === '/gone.xml') assert.equal(row.disabled, 1);
    if (path === '/limited.xml') assert.ok(row.next_check_at >= before + 7_000_000, 'Retry-After honoured');
  }
  const blocked = await refreshFeed(
    { ...deps, fetcher: createFetcher({ allowPrivate: [], timeoutMs: 5000, maxBytes: 1 << 20, userAgent: 't' }) },
    await feedFor('/full.xml?private'),
  );
  assert.equal(blocked.ok, false);
  assert.equal(!blocked.ok && blocked.error.kind, 'blocked-address');
});

test('a moved feed updates its URL', async () => {
  const feed = await feedFor('/moved.xml');
  const outcome = await refreshFeed(deps, feed);
  assert.ok(outcome.ok);
  assert.equal((await repos.feeds.get(feed.id))!.feed_url, `${base}/full.xml?moved`);
});

test('a summary-only entry gets a full-text job that stores the extracted article without site chrome', async () => {
  const feed = await feedFor('/teaser.xml');
  const outcome = await refreshFeed(deps, feed);
  assert.ok(outcome.ok);
  assert.equal(outcome.inserted, 1);
  const id = outcome.newArticleIds[0]!;
  assert.deepEqual(enqueued, [id]);
  assert.equal((await repos.articles.get(id))!.full_text_status, 'pending');
  assert.equal(await fetchFullText(deps, id), 'extracted');
  const stored = (await repos.articles.get(id))!;
  assert.equal(stored.full_text_status, 'extracted');
  assert.match(stored.text, /Paragraph 8 of the report/);
  assert.doesNotMatch(stored.text, /Download our app|Related stories|Other story one/);
  assert.equal(await fetchFullText(deps, id), 'skipped', 'done once');
});
