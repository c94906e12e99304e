import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { silentLogger } from '../lib/logger.ts';
import { createRepos, type Repos } from '../storage/index.ts';
import { openTestDatabase, type TestDatabase } from '../storage/testing.ts';
import { createApp, READER_CSP } from './app.ts';

let t: TestDatabase;
let repos: Repos;
let app: ReturnType<typeof createApp>;
const now = 1_750_000_000_000;

before(async () => {
  t = await openTestDatabase('sqlite');
  repos = createRepos(t.database);
  app = createApp({ repos, database: t.database, logger: silentLogger(), now: () => now });
});
after(() => t.cleanup());

test('health and readiness', async () => {
  assert.deepEqual(await (await app.request('/healthz')).json(), { status: 'ok' });
  const ready = await app.request('/readyz');
  assert.equal(ready.status, 200);
  assert.equal(((await ready.json()) as { database: string }).database, 'sqlite');
});

test('the home page explains an empty install, then lists articles newest first with their source', async () => {
  let html = await (await app.request('/')).text();
  assert.match(html, /No sources yet/);
  const { feed } = await repos.feeds.add({ feedUrl: 'https://wire.example/rss', title: 'Wire <Service>', country: 'us' });
  await repos.feeds.recordFailure(feed.id, { kind: 'dns', message: 'getaddrinfo ENOTFOUND wire.example', nextCheckAt: now });
  html = await (await app.request('/')).text();
  assert.match(html, /Nothing could be fetched yet: 1 of 1 sources failed/);
  assert.match(html, /npm run demo/);
  await repos.articles.upsertEntries(
    feed.id,
    ['older', 'newer'].map((k, i) => ({
      guid: k, entryKey: k, url: `https://wire.example/${k}`, canonicalUrl: null,
      title: `<script>alert(1)</script> ${k} headline`, author: null, publishedAt: now - 3_600_000 + i * 1000, updatedAt: null,
      summary: null, contentHtml: `<p>${k} body</p>`, text: `${k} body text`, language: 'en', contentHash: k, imageUrl: null,
      fullTextStatus: 'feed' as const,
    })),
    now,
  );
  const res = await app.request('/');
  assert.equal(res.headers.get('content-security-policy'), READER_CSP);
  assert.match(READER_CSP, /script-src 'none'/);
  html = await res.text();
  assert.ok(html.indexOf('newer headline') < html.indexOf('older headline'), 'newest first');
  assert.match(html, /Wire &lt;Service&gt;/, 'source shown, escaped');
  assert.doesNotMatch(html, /<script>alert/, 'titles are escaped');
  assert.match(html, /1 h ago/);
});

test('article, source and sources pages; unknown ids are 404', async () => {
  const [item] = await repos.articles.list({ limit: 1 });
  assert.ok(item);
  const article = await (await app.request(`/articles/${item.id}`)).text();
  assert.match(article, /<p>newer body<\/p>/);
  assert.match(article, /href="https:\/\/wire.example\/newer"/);
  const source = await (await app.request(`/sources/${item.feed_id}`)).text();
  assert.match(source, /older headline/);
  const sources = await (await app.request('/sources')).text();
  assert.match(sources, /dns: getaddrinfo ENOTFOUND wire.example/);
  assert.equal((await app.request('/articles/NOPE')).status, 404);
  assert.equal((await app.request('/sources/NOPE')).status, 404);
  assert.equal((await app.request('/no/such/page')).status, 404);
});

test('status reports stored articles and the backlog', async () => {
  const status = (await (await app.request('/api/v1/status')).json()) as Record<string, number>;
  assert.deepEqual(status, { feeds: 1, articles: 2, fullTextPending: 0, analysisPending: 2 });
});

test('search', async () => {
  const html = await (await app.request('/search?q=older')).text();
  assert.match(html, /1 article matches/);
  assert.match(html, /older headline/);
});
