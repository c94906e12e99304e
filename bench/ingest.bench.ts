/**
 * Demo ingest: every feed of the offline demo corpus refreshed once through the whole pipeline (fetch → parse →
 * normalize → sanitize → store in SQLite), against the reference of fetching the same feeds only (the HTTP floor),
 * in the same run. Prints articles/s of both and the ratio, plus peak RSS.
 */
import pLimit from 'p-limit';
import { startDemoFeedServer } from '../src/demo/index.ts';
import { silentLogger } from '../src/lib/logger.ts';
import { createFetcher } from '../src/pipeline/fetch/index.ts';
import { parseFeed } from '../src/pipeline/parse/index.ts';
import { htmlToText, sanitizeHtml } from '../src/pipeline/sanitize/index.ts';
import { refreshFeed } from '../src/pipeline/ingest.ts';
import { importOpml } from '../src/services/sources.service.ts';
import { createRepos } from '../src/storage/index.ts';
import { openTestDatabase } from '../src/storage/testing.ts';

const CONCURRENCY = 8;
const demo = await startDemoFeedServer({ port: 0 });
const fetcher = createFetcher({ allowPrivate: ['127.0.0.1'], timeoutMs: 20_000, maxBytes: 15 << 20, userAgent: 'bench', perHostConcurrency: CONCURRENCY });
const t = await openTestDatabase('sqlite');
const repos = createRepos(t.database);
try {
  const imported = await importOpml(repos, demo.opml);
  if (!imported.ok) throw new Error(imported.error.message);
  const feeds = await repos.feeds.list();
  const limit = pLimit(CONCURRENCY);

  let start = performance.now();
  await Promise.all(feeds.map((f) => limit(() => fetcher.fetch({ url: f.feed_url }))));
  const fetchSeconds = (performance.now() - start) / 1000;

  const deps = { repos, fetcher, parseFeed, sanitizeHtml, htmlToText, logger: silentLogger() };
  start = performance.now();
  const outcomes = await Promise.all(feeds.map((f) => limit(() => refreshFeed(deps, f))));
  const ingestSeconds = (performance.now() - start) / 1000;
  const articles = await repos.articles.count();
  const failed = outcomes.filter((o) => !o.ok).length;
  console.log(`demo ingest: ${feeds.length} feeds (${failed} fail on purpose), ${articles} articles, concurrency ${CONCURRENCY}`);
  console.log(`  fetch only (reference)  ${(articles / fetchSeconds).toFixed(0).padStart(6)} articles/s  (${fetchSeconds.toFixed(2)} s)`);
  console.log(`  full ingest             ${(articles / ingestSeconds).toFixed(0).padStart(6)} articles/s  (${ingestSeconds.toFixed(2)} s)`);
  console.log(`  ratio ingest/fetch      ${(fetchSeconds / ingestSeconds).toFixed(2)}`);
  console.log(`  peak RSS                ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`);
} finally {
  await fetcher.close();
  await t.cleanup();
  await demo.close();
}
