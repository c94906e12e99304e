/**
 * Storage throughput: article upserts (batches of 100 entries) and the reader's two hot queries (latest page,
 * search) on SQLite and on PostgreSQL, same data, same run. Ratios are PostgreSQL / SQLite (>1 = PostgreSQL faster).
 */
import { createRepos } from '../src/storage/index.ts';
import { openTestDatabase, postgresUnavailable } from '../src/storage/testing.ts';
import type { ArticleInput } from '../src/storage/index.ts';
import type { DialectName } from '../src/storage/database.ts';

const FEEDS = 20;
const PER_FEED = 500;
const words = 'bridge council minister election storm market court police vote hospital school river strike budget'.split(' ');

function entry(feed: number, i: number): ArticleInput {
  const w = (k: number) => words[(feed * 7 + i * 3 + k) % words.length]!;
  const text = Array.from({ length: 120 }, (_, k) => w(k)).join(' ');
  return {
    guid: `f${feed}-${i}`, entryKey: `f${feed}-${i}`, url: `https://s${feed}.example/${i}`, canonicalUrl: null,
    title: `${w(1)} ${w(2)} ${w(3)} ${i}`, author: null, publishedAt: 1_700_000_000_000 + i * 60_000, updatedAt: null,
    summary: null, contentHtml: `<p>${text}</p>`, text, language: 'en', contentHash: `h${feed}-${i}`, imageUrl: null,
    fullTextStatus: 'feed',
  };
}

async function measure(engine: DialectName) {
  const t = await openTestDatabase(engine);
  const repos = createRepos(t.database);
  try {
    const feedIds: string[] = [];
    for (let f = 0; f < FEEDS; f++) feedIds.push((await repos.feeds.add({ feedUrl: `https://s${f}.example/feed` })).feed.id);
    let start = performance.now();
    for (let f = 0; f < FEEDS; f++) {
      for (let b = 0; b < PER_FEED; b += 100) {
        await repos.articles.upsertEntries(feedIds[f]!, Array.from({ length: 100 }, (_, k) => entry(f, b + k)));
      }
    }
    const insertPerSec = (FEEDS * PER_FEED) / ((performance.now() - start) / 1000);
    start = performance.now();
    const N = 200;
    for (let i = 0; i < N; i++) await repos.articles.list({ limit: 40 });
    const listPerSec = N / ((performance.now() - start) / 1000);
    start = performance.now();
    for (let i = 0; i < N; i++) await repos.articles.search(`${words[i % words.length]} ${words[(i + 3) % words.length]}`, 20);
    const searchPerSec = N / ((performance.now() - start) / 1000);
    return { insertPerSec, listPerSec, searchPerSec };
  } finally {
    await t.cleanup();
  }
}

const sqlite = await measure('sqlite');
const pgSkip = await postgresUnavailable();
const pg = pgSkip ? null : await measure('postgres');
const row = (name: string, key: keyof typeof sqlite) =>
  console.log(
    `${name.padEnd(26)} sqlite ${sqlite[key].toFixed(0).padStart(7)}/s   postgres ${pg ? pg[key].toFixed(0).padStart(7) + '/s' : '   n/a'}   ratio pg/sqlite ${pg ? (pg[key] / sqlite[key]).toFixed(2) : 'n/a'}`,
  );
console.log(`storage: ${FEEDS * PER_FEED} articles in ${FEEDS} feeds${pgSkip ? ` (PostgreSQL skipped: ${pgSkip})` : ''}`);
row('article upserts', 'insertPerSec');
row('latest page (40)', 'listPerSec');
row('search (2 words, top 20)', 'searchPerSec');
