import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { silentLogger } from '../lib/logger.ts';
import { createRepos, type FeedRow, type Repos } from '../storage/index.ts';
import { openTestDatabase, type TestDatabase } from '../storage/testing.ts';
import type { RefreshOutcome } from '../pipeline/ingest.ts';
import { createScheduler } from './scheduler.ts';

let t: TestDatabase;
let repos: Repos;
before(async () => {
  t = await openTestDatabase('sqlite');
  repos = createRepos(t.database);
});
after(() => t.cleanup());

const options = { batchSize: 10, perHost: 2, concurrency: 3, idleMs: 20, claimMs: 60_000 };

test('a tick refreshes due feeds at most perHost per host, with bounded concurrency; claimed feeds are not re-run', async () => {
  for (let i = 0; i < 5; i++) await repos.feeds.add({ feedUrl: `https://one.example/f${i}` });
  await repos.feeds.add({ feedUrl: 'https://two.example/f' });
  let inFlight = 0;
  let maxInFlight = 0;
  const seen: string[] = [];
  const refresh = async (feed: FeedRow): Promise<RefreshOutcome> => {
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    await new Promise((r) => setTimeout(r, 10));
    inFlight--;
    seen.push(feed.feed_url);
    return { ok: true, feedId: feed.id, feedUrl: feed.feed_url, notModified: true, inserted: 0, updated: 0, newArticleIds: [] };
  };
  const scheduler = createScheduler({ repos, refresh, logger: silentLogger() }, options);
  const first = await scheduler.tick();
  assert.equal(first.length, 3, 'two of one.example, one of two.example');
  assert.equal(seen.filter((u) => u.includes('one.example')).length, 2);
  assert.ok(maxInFlight <= 3);
  const second = await scheduler.tick();
  assert.equal(second.length, 2, 'the next two of one.example; none claimed twice');
  assert.equal(new Set(seen).size, seen.length);
});

test('start runs ticks until every due feed is done; stop waits for the refreshes in flight', async () => {
  const done = new Set<string>();
  let active = 0;
  const refresh = async (feed: FeedRow): Promise<RefreshOutcome> => {
    active++;
    await new Promise((r) => setTimeout(r, 5));
    done.add(feed.id);
    active--;
    // What ingest does on success: schedule the next check later.
    await repos.feeds.recordSuccess(feed.id, { etag: null, lastModified: null, nextCheckAt: Date.now() + 3_600_000 });
    return { ok: true, feedId: feed.id, feedUrl: feed.feed_url, notModified: false, inserted: 1, updated: 0, newArticleIds: [] };
  };
  const all = await repos.feeds.list();
  for (const f of all) await repos.feeds.markDue(f.id);
  const scheduler = createScheduler({ repos, refresh, logger: silentLogger() }, options);
  scheduler.start();
  const deadline = Date.now() + 10_000;
  while (done.size < all.length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
  await scheduler.stop();
  assert.equal(done.size, all.length);
  assert.equal(active, 0, 'nothing left running after stop');
});
