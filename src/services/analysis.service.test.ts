import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { silentLogger } from '../lib/logger.ts';
import { createRepos, type ArticleInput, type Repos } from '../storage/index.ts';
import { openTestDatabase, type TestDatabase } from '../storage/testing.ts';
import { createAnalyzer, createAnalyzerWorker } from './analysis.service.ts';

const ORIGINAL = readFileSync(new URL('../pipeline/copies/testdata/bridge-original.txt', import.meta.url), 'utf8').trim();
const UNRELATED = readFileSync(new URL('../pipeline/copies/testdata/library-original.txt', import.meta.url), 'utf8').trim();

function entry(key: string, title: string, text: string, publishedAt: number): ArticleInput {
  return {
    guid: key,
    entryKey: key,
    url: `https://${key}.example/a`,
    canonicalUrl: `https://${key}.example/a`,
    title,
    author: null,
    publishedAt,
    updatedAt: null,
    summary: null,
    contentHtml: text.split(/\n\s*\n/).map((p) => `<p>${p}</p>`).join(''),
    text,
    language: 'en',
    contentHash: `hash-${key}`,
    imageUrl: null,
    fullTextStatus: 'feed',
  };
}

let t: TestDatabase;
let repos: Repos;
before(async () => {
  t = await openTestDatabase('sqlite');
  repos = createRepos(t.database);
});
after(() => t.cleanup());

test('a truncated copy stamped earlier is credited to the full original, which then names the story', async () => {
  const copyFeed = (await repos.feeds.add({ feedUrl: 'https://copier.example/rss', title: 'Copier' })).feed;
  const origFeed = (await repos.feeds.add({ feedUrl: 'https://paper.example/rss', title: 'Paper' })).feed;
  const otherFeed = (await repos.feeds.add({ feedUrl: 'https://other.example/rss', title: 'Other' })).feed;
  const base = Date.parse('2024-05-01T08:00:00Z');
  const paragraphs = ORIGINAL.split(/\n\s*\n/);
  const truncated = paragraphs.slice(0, Math.ceil(paragraphs.length * 0.6)).join('\n\n');
  const [copy] = await repos.articles.upsertEntries(copyFeed.id, [entry('copier', 'SHOCK: bridge falls into river', truncated, base)]);
  const [original] = await repos.articles.upsertEntries(origFeed.id, [entry('paper', 'Rail bridge over the Marrow River partly collapses', ORIGINAL, base + 3_600_000)]);
  await repos.articles.upsertEntries(otherFeed.id, [entry('other', 'Town library reopens', UNRELATED, base + 7_200_000)]);

  const analyzer = await createAnalyzer({ repos, logger: silentLogger() });
  assert.equal(await analyzer.analyzePending(), 3);

  const copyRow = (await repos.articles.get(copy!.id))!;
  const originalRow = (await repos.articles.get(original!.id))!;
  assert.equal(copyRow.copy_of, original!.id, 'the copy is credited to the fuller original despite its earlier clock');
  assert.equal(originalRow.copy_of, null);
  assert.ok(originalRow.story_id && copyRow.story_id === originalRow.story_id, 'a copy joins its original’s story');
  const story = (await repos.stories.resolve(originalRow.story_id))!.story;
  assert.equal(story.title, 'Rail bridge over the Marrow River partly collapses', 'the original, not the first-arrived copy, names the story');
  const other = (await repos.articles.get((await repos.articles.list({ feedId: otherFeed.id, limit: 1 }))[0]!.id))!;
  assert.notEqual(other.story_id, originalRow.story_id, 'an unrelated article is another story');
  assert.deepEqual(await repos.stories.related(story.id, 5), [], 'an unrelated story is not listed as related');
});

test('one analyzer at a time: the lease holder analyzes, another process takes over after release with the state', async () => {
  const base = Date.now() - 6 * 3_600_000; // the copy index a successor rebuilds reaches back 30 days
  const wire = (await repos.feeds.add({ feedUrl: 'https://wire.example/rss', title: 'Wire' })).feed;
  const paper = (await repos.feeds.add({ feedUrl: 'https://daily.example/rss', title: 'Daily' })).feed;
  const [original] = await repos.articles.upsertEntries(wire.id, [entry('wire-lib', 'Town library reopens', UNRELATED, base)]);
  const first = createAnalyzerWorker({ repos, logger: silentLogger(), holder: 'worker-1' });
  const second = createAnalyzerWorker({ repos, logger: silentLogger(), holder: 'worker-2' });
  assert.equal(await first.analyzePending(), 1);
  const [copy] = await repos.articles.upsertEntries(paper.id, [entry('daily-lib', 'Library reopens in town', UNRELATED + '\n\nSubscribe to the Daily.', base + 3_600_000)]);
  assert.equal(await second.analyzePending(), 0, 'worker-1 holds the lease');
  await first.release();
  assert.equal(await second.analyzePending(), 1, 'worker-2 takes over at once after a release');
  assert.equal((await repos.articles.get(copy!.id))!.copy_of, original!.id, 'with the copy index worker-1 built, from the store');
  assert.equal(await first.analyzePending(), 0, 'worker-2 holds it now');
});
