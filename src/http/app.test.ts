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
  app = createApp({ repos, database: t.database, logger: silentLogger(), now: () => now, topStoriesTtlMs: 0 });
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
  const missing = await app.request('/no/such/page');
  assert.equal(missing.status, 404);
  assert.match(await missing.text(), /<html lang="en">[\s\S]*<title>Not found[\s\S]*There is no such page/, 'the reader’s 404 page');
  const missingApi = await app.request('/api/v1/nope');
  assert.equal(missingApi.status, 404);
  assert.deepEqual(await missingApi.json(), { error: 'not found' });
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

test('top stories and story pages: coverage, editions, merged stories redirect', async () => {
  const at = now - 600_000;
  const mk = async (url: string, site: string, country: string, key: string, title: string) => {
    const { feed } = await repos.feeds.add({ feedUrl: url, siteUrl: site, country, title: `Outlet ${country}` });
    const [row] = await repos.articles.upsertEntries(
      feed.id,
      [{ guid: key, entryKey: key, url: `${site}${key}`, canonicalUrl: null, title, author: null, publishedAt: at, updatedAt: null,
        summary: null, contentHtml: `<p>${title}</p>`, text: `${title} happened today.`, language: 'en', contentHash: key, imageUrl: null,
        fullTextStatus: 'feed' as const }],
      now,
    );
    return row!.id;
  };
  const a = await mk('https://fr.example/rss', 'https://fr.example/', 'fr', 'k1', 'Volcano erupts near the coast');
  const b = await mk('https://de.example/rss', 'https://de.example/', 'de', 'k2', 'Coastal volcano eruption forces evacuations');
  await repos.stories.create({ id: 'S1', title: 'Volcano', language: 'en', publishedAt: at });
  await repos.stories.create({ id: 'S2', title: 'Volcano (dup)', language: 'en', publishedAt: at });
  await repos.stories.attach('S1', a);
  await repos.stories.attach('S2', b);
  let home = await (await app.request('/')).text();
  assert.doesNotMatch(home, /id="top"/, 'one outlet per story: not yet a top story');
  await repos.stories.merge('S2', 'S1');
  home = await (await app.request('/')).text();
  assert.match(home, /id="top"/);
  assert.match(home, /href="\/stories\/S1"/);
  assert.match(home, /2 outlets in 2 countries/);
  assert.match(await (await app.request('/?lang=en')).text(), /id="top"/, 'the English edition');
  assert.doesNotMatch(await (await app.request('/?lang=ja')).text(), /id="top"/, 'another language edition');
  assert.doesNotMatch(await (await app.request('/?country=FR')).text(), /id="top"/, 'a regional edition counts only its outlets');
  const moved = await app.request('/stories/S2');
  assert.equal(moved.status, 301);
  assert.equal(moved.headers.get('location'), '/stories/S1');
  const story = await (await app.request('/stories/S1')).text();
  assert.match(story, /First reported by/);
  assert.match(story, /<strong>2<\/strong> outlets/);
  assert.match(story, /FR, DE|DE, FR/);
  assert.equal((await app.request('/stories/NOPE')).status, 404);
});

test('a ranked "Top stories" list is reused for its TTL, per edition', async () => {
  const cached = createApp({ repos, database: t.database, logger: silentLogger(), now: () => now, topStoriesTtlMs: 60_000 });
  assert.match(await (await cached.request('/')).text(), /href="\/stories\/S1"/);
  assert.doesNotMatch(await (await cached.request('/?lang=ja')).text(), /id="top"/);
  // A new story covered by two outlets: the uncached app ranks it at once, the cached one after its TTL.
  for (const [country, key] of [['it', 'q1'], ['es', 'q2']] as const) {
    const { feed } = await repos.feeds.add({ feedUrl: `https://${country}.example/rss`, country, title: `Outlet ${country}` });
    const [row] = await repos.articles.upsertEntries(feed.id, [{ guid: key, entryKey: key, url: `https://${country}.example/${key}`,
      canonicalUrl: null, title: 'Harbour strike ends', author: null, publishedAt: now - 60_000, updatedAt: null, summary: null,
      contentHtml: '<p>x</p>', text: 'The harbour strike ended.', language: 'ja', contentHash: key, imageUrl: null, fullTextStatus: 'feed' }], now);
    await repos.stories.create({ id: 'S3', title: 'Harbour strike', language: 'ja', publishedAt: now - 60_000 });
    await repos.stories.attach('S3', row!.id);
  }
  assert.match(await (await app.request('/?lang=ja')).text(), /href="\/stories\/S3"/);
  assert.doesNotMatch(await (await cached.request('/?lang=ja')).text(), /id="top"/, 'the cached edition is reused');
});
