/**
 * Hostile feeds, served from 127.0.0.1, refreshed in ONE scheduler batch beside good feeds through the real
 * pipeline: each ends bounded, with its error (or a safe result) on the feed row, and the good feeds are unaffected.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { silentLogger } from '../../src/lib/logger.ts';
import { createRepos, type Repos } from '../../src/storage/index.ts';
import { openTestDatabase, type TestDatabase } from '../../src/storage/testing.ts';
import { createFetcher, type Fetcher } from '../../src/pipeline/fetch/index.ts';
import { parseFeedOffThread } from '../../src/pipeline/parse/index.ts';
import { htmlToText, sanitizeHtml } from '../../src/pipeline/sanitize/index.ts';
import { MAX_ENTRIES_PER_DOCUMENT, refreshFeed } from '../../src/pipeline/ingest.ts';
import { createScheduler } from '../../src/jobs/scheduler.ts';

const TIMEOUT_MS = 5000;
const MAX_BYTES = 12 * 1024 * 1024;

const rss = (items: string, decl = '<?xml version="1.0" encoding="utf-8"?>') =>
  `${decl}<rss version="2.0"><channel><title>T</title><link>http://h.test/</link><description>d</description>${items}</channel></rss>`;
const item = (i: number) => `<item><guid>g${i}</guid><title>Item ${i}</title><link>http://h.test/${i}</link><pubDate>${new Date(Date.UTC(2024, 0, 1) + i * 60_000).toUTCString()}</pubDate><description>Body ${i}</description></item>`;
const bigFeed = rss(Array.from({ length: 50_000 }, (_, i) => item(i)).join(''));
const bomb = gzipSync(Buffer.alloc(200 * 1024 * 1024)); // 200 MiB of zeros, ~200 KiB compressed

const hostile: Record<string, (res: ServerResponse, port: number) => void> = {
  '/good-1.xml': (res) => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss(item(1) + item(2))),
  '/good-2.xml': (res) => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss(item(3))),
  '/500.xml': (res) => res.writeHead(500).end('boom'),
  '/hang.xml': () => {
    /* never answers */
  },
  '/slowloris.xml': (res) => {
    res.writeHead(200, { 'content-type': 'application/rss+xml' });
    res.write('<?xml version="1.0"?><rss><channel>');
    const timer = setInterval(() => (res.destroyed ? clearInterval(timer) : res.write(' ')), 200);
  },
  '/endless.xml': (res) => {
    res.writeHead(200, { 'content-type': 'application/rss+xml' });
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    const pump = () => {
      while (!res.destroyed && res.write(chunk));
      if (!res.destroyed) res.once('drain', pump);
    };
    pump();
  },
  '/bomb.xml': (res) => res.writeHead(200, { 'content-type': 'application/rss+xml', 'content-encoding': 'gzip' }).end(bomb),
  '/loop.xml': (res) => res.writeHead(302, { location: '/loop2.xml' }).end(),
  '/loop2.xml': (res) => res.writeHead(302, { location: '/loop.xml' }).end(),
  '/metadata.xml': (res) => res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' }).end(),
  '/mapped.xml': (res, port) => res.writeHead(302, { location: `http://[::ffff:127.0.0.1]:${port}/good-1.xml` }).end(),
  '/wrong-type.xml': (res) => res.writeHead(200, { 'content-type': 'text/html' }).end(rss(item(4))),
  '/mismatch.xml': (res) =>
    res
      .writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' })
      .end(Buffer.from(rss('<item><guid>m</guid><title>Caf\xe9 cr\xe8me</title></item>', '<?xml version="1.0"?>'), 'latin1')),
  '/50k.xml': (res) => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(bigFeed),
  '/xxe.xml': (res) =>
    res
      .writeHead(200, { 'content-type': 'application/rss+xml' })
      .end(`<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><rss version="2.0"><channel><title>X</title><item><guid>x</guid><title>Leak &xxe;</title><description>&xxe;</description></item></channel></rss>`),
  '/laughs.xml': (res) => {
    const ents = ['<!ENTITY lol "lol">'];
    for (let i = 1; i <= 9; i++) ents.push(`<!ENTITY lol${i} "${`&lol${i === 1 ? '' : i - 1};`.repeat(10)}">`);
    res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(`<?xml version="1.0"?><!DOCTYPE rss [${ents.join('')}]><rss version="2.0"><channel><title>L</title><item><guid>l</guid><title>&lol9;</title></item></channel></rss>`);
  },
};

let server: Server;
let port = 0;
let t: TestDatabase;
let repos: Repos;
let fetcher: Fetcher;
before(async () => {
  server = createServer((req, res) => {
    const handler = hostile[req.url ?? ''];
    if (handler) handler(res, port);
    else res.writeHead(404).end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  port = (server.address() as AddressInfo).port;
  t = await openTestDatabase('sqlite');
  repos = createRepos(t.database);
  fetcher = createFetcher({ allowPrivate: ['127.0.0.1'], timeoutMs: TIMEOUT_MS, maxBytes: MAX_BYTES, userAgent: 'hostile-test', perHostConcurrency: 16 });
});
after(async () => {
  await fetcher.close();
  await t.cleanup();
  server.closeAllConnections();
  server.close();
});

test('one batch of hostile feeds: each ends bounded with its error on the row; good feeds are unaffected', async () => {
  for (const path of Object.keys(hostile)) await repos.feeds.add({ feedUrl: `http://127.0.0.1:${port}${path}` });
  const deps = { repos, fetcher, parseFeed: parseFeedOffThread, sanitizeHtml, htmlToText, logger: silentLogger() };
  const scheduler = createScheduler(
    { repos, refresh: (f) => refreshFeed(deps, f), logger: silentLogger() },
    { batchSize: 100, perHost: 100, concurrency: 16, idleMs: 50, claimMs: 60_000 },
  );
  const started = Date.now();
  const outcomes = await scheduler.tick();
  const seconds = (Date.now() - started) / 1000;
  assert.equal(outcomes.length, Object.keys(hostile).length, 'every feed refreshed in the batch');
  assert.ok(seconds < 120, `bounded (${seconds} s)`);

  const row = async (path: string) => (await repos.feeds.getByUrl(`http://127.0.0.1:${port}${path}`))!;
  const expectError = async (path: string, kind: string) => {
    const r = await row(path);
    assert.equal(r.last_error_kind, kind, `${path}: ${r.last_error}`);
    assert.equal(r.error_count, 1, path);
    assert.ok(r.next_check_at > Date.now(), `${path} backs off`);
  };
  await expectError('/500.xml', 'http');
  await expectError('/hang.xml', 'timeout');
  await expectError('/slowloris.xml', 'timeout');
  await expectError('/endless.xml', 'too-large');
  await expectError('/bomb.xml', 'too-large');
  await expectError('/loop.xml', 'too-many-redirects');
  await expectError('/metadata.xml', 'blocked-address');
  await expectError('/mapped.xml', 'blocked-address');

  for (const path of ['/good-1.xml', '/good-2.xml', '/wrong-type.xml', '/mismatch.xml']) {
    const r = await row(path);
    assert.equal(r.last_error, null, `${path}: ${r.last_error}`);
    assert.ok((await repos.articles.count(r.id)) >= 1, path);
  }
  assert.equal(await repos.articles.count((await row('/good-1.xml')).id), 2);
  const mismatch = await repos.articles.list({ limit: 1, feedId: (await row('/mismatch.xml')).id });
  assert.match(mismatch[0]!.title, /Caf. cr.me/, 'a mis-declared encoding still yields the entry');

  const big = await row('/50k.xml');
  assert.equal(big.last_error, null, big.last_error ?? '');
  assert.equal(await repos.articles.count(big.id), MAX_ENTRIES_PER_DOCUMENT, 'a 50,000-item feed does not flood the store');
  const newest = await repos.articles.list({ limit: 1, feedId: big.id });
  assert.equal(newest[0]!.title, 'Item 49999', 'the newest entries are the ones kept');

  for (const path of ['/xxe.xml', '/laughs.xml']) {
    const r = await row(path);
    const articles = await repos.articles.list({ limit: 10, feedId: r.id });
    for (const a of articles) {
      assert.doesNotMatch(a.title + a.text, /root:/, `${path}: no file content`);
      assert.ok((a.title + a.text).length < 10_000, `${path}: entity expansion stays small`);
    }
  }
});
