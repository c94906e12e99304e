import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRepos, type Repos } from '../storage/index.ts';
import { openTestDatabase, type TestDatabase } from '../storage/testing.ts';
import { createFetcher, type Fetcher } from '../pipeline/fetch/index.ts';
import { parseFeed } from '../pipeline/parse/index.ts';
import { addSource, importOpml } from './sources.service.ts';

const feed = (title: string) =>
  `<?xml version="1.0"?><rss version="2.0"><channel><title>${title}</title><link>http://site.test/</link><item><title>x</title><guid>1</guid></item></channel></rss>`;
const pages: Record<string, [string, string]> = {
  '/advertised/': ['text/html', '<html><head><link rel="alternate" type="application/rss+xml" href="/news.rss"></head><body>hi</body></html>'],
  '/news.rss': ['application/rss+xml', feed('Advertised Feed')],
  '/feed': ['application/rss+xml', feed('Guessed Feed')],
  '/direct.xml': ['application/rss+xml', feed('Direct Feed')],
};

let server: Server;
let base = '';
let t: TestDatabase;
let repos: Repos;
let fetcher: Fetcher;
before(async () => {
  server = createServer((req, res) => {
    const page = pages[(req.url ?? '').split('?')[0]!];
    if (!page) return void res.writeHead(404).end();
    res.writeHead(200, { 'Content-Type': page[0] }).end(page[1]);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  t = await openTestDatabase('sqlite');
  repos = createRepos(t.database);
  fetcher = createFetcher({ allowPrivate: ['127.0.0.1'], timeoutMs: 5000, maxBytes: 1 << 20, userAgent: 't' });
});
after(async () => {
  await fetcher.close();
  await t.cleanup();
  server.close();
});

test('a feed URL is added as it is, with the feed’s title', async () => {
  const r = await addSource({ repos, fetcher, parseFeed }, `${base}/direct.xml`);
  assert.ok(r.ok);
  assert.equal(r.value.feed.title, 'Direct Feed');
  assert.equal(r.value.created, true);
});

test('a site URL: the advertised feed is found; else a common path', async () => {
  const advertised = await addSource({ repos, fetcher, parseFeed }, `${base}/advertised/`);
  assert.ok(advertised.ok);
  assert.equal(advertised.value.feed.feed_url, `${base}/news.rss`);
  const missing = await addSource({ repos, fetcher, parseFeed }, `${base}/advertised/x`);
  assert.equal(missing.ok, false, 'a 404 page is a clear failure');
  pages['/plain/'] = ['text/html', '<html><body>no links</body></html>'];
  const plain = await addSource({ repos, fetcher, parseFeed }, `${base}/plain/`);
  assert.ok(plain.ok);
  assert.equal(plain.value.feed.title, 'Guessed Feed');
  const again = await addSource({ repos, fetcher, parseFeed }, `${base}/plain/`);
  assert.ok(again.ok && !again.value.created, 'the discovered feed is already known');
  delete pages['/feed'];
  await repos.feeds.remove(plain.value.feed.id);
  const none = await addSource({ repos, fetcher, parseFeed }, `${base}/plain/?again`);
  assert.equal(none.ok, false);
  assert.match(!none.ok ? none.error.message : '', /no feed found/);
  assert.equal((await addSource({ repos, fetcher, parseFeed }, 'ftp://x.example/')).ok, false);
});

test('OPML import is all or nothing', async () => {
  const before = await repos.feeds.count();
  const r = await importOpml(repos, `<opml><body><outline xmlUrl="https://a.example/f"/><outline xmlUrl="https://b.example/f"></body></opml>`);
  assert.equal(r.ok, false);
  assert.equal(await repos.feeds.count(), before);
});
