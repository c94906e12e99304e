/**
 * Refresh of 500 local feeds (20 entries each, RSS/Atom/JSON Feed mix) through the scheduler and the whole
 * pipeline into SQLite, against fetching the same 500 documents only (the HTTP floor) in the same run.
 * Prints items/s of both, the ratio, and peak RSS.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import pLimit from 'p-limit';
import { silentLogger } from '../src/lib/logger.ts';
import { createFetcher } from '../src/pipeline/fetch/index.ts';
import { parseFeed } from '../src/pipeline/parse/index.ts';
import { htmlToText, sanitizeHtml } from '../src/pipeline/sanitize/index.ts';
import { refreshFeed } from '../src/pipeline/ingest.ts';
import { createScheduler } from '../src/jobs/scheduler.ts';
import { createRepos } from '../src/storage/index.ts';
import { openTestDatabase } from '../src/storage/testing.ts';

const FEEDS = 500;
const ITEMS = 20;
const CONCURRENCY = 16;
const para = 'The committee said on Tuesday that the plan would be reviewed again next month, after objections from residents and two councillors.';

function document(f: number): { body: string; type: string } {
  const items = Array.from({ length: ITEMS }, (_, i) => ({
    id: `f${f}-i${i}`,
    title: `Story ${i} from feed ${f}`,
    date: new Date(Date.UTC(2024, 5, 1) + (f * ITEMS + i) * 60_000),
    html: `<p>${para}</p><p>${para} (${f}/${i})</p>`,
  }));
  if (f % 3 === 0) {
    return {
      type: 'application/rss+xml',
      body: `<?xml version="1.0"?><rss version="2.0"><channel><title>Feed ${f}</title><link>http://s${f}.test/</link><description>d</description>${items
        .map((it) => `<item><guid>${it.id}</guid><title>${it.title}</title><link>http://s${f}.test/${it.id}</link><pubDate>${it.date.toUTCString()}</pubDate><description><![CDATA[${it.html}]]></description></item>`)
        .join('')}</channel></rss>`,
    };
  }
  if (f % 3 === 1) {
    return {
      type: 'application/atom+xml',
      body: `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Feed ${f}</title><id>urn:f${f}</id><updated>2024-06-01T00:00:00Z</updated>${items
        .map((it) => `<entry><id>${it.id}</id><title>${it.title}</title><link href="http://s${f}.test/${it.id}"/><updated>${it.date.toISOString()}</updated><content type="html"><![CDATA[${it.html}]]></content></entry>`)
        .join('')}</feed>`,
    };
  }
  return {
    type: 'application/feed+json',
    body: JSON.stringify({
      version: 'https://jsonfeed.org/version/1.1',
      title: `Feed ${f}`,
      items: items.map((it) => ({ id: it.id, title: it.title, url: `http://s${f}.test/${it.id}`, date_published: it.date.toISOString(), content_html: it.html })),
    }),
  };
}

const docs = Array.from({ length: FEEDS }, (_, f) => document(f));
const server = createServer((req, res) => {
  const f = Number((req.url ?? '').match(/\/feed\/(\d+)/)?.[1]);
  const doc = docs[f];
  if (!doc) return void res.writeHead(404).end();
  res.writeHead(200, { 'content-type': doc.type }).end(doc.body);
});
await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
const fetcher = createFetcher({ allowPrivate: ['127.0.0.1'], timeoutMs: 20_000, maxBytes: 15 << 20, userAgent: 'bench', perHostConcurrency: CONCURRENCY });
const t = await openTestDatabase('sqlite');
const repos = createRepos(t.database);
try {
  for (let f = 0; f < FEEDS; f++) await repos.feeds.add({ feedUrl: `${base}/feed/${f}` });
  const limit = pLimit(CONCURRENCY);
  let start = performance.now();
  await Promise.all(Array.from({ length: FEEDS }, (_, f) => limit(() => fetcher.fetch({ url: `${base}/feed/${f}` }))));
  const fetchSeconds = (performance.now() - start) / 1000;

  const deps = { repos, fetcher, parseFeed, sanitizeHtml, htmlToText, logger: silentLogger() };
  const scheduler = createScheduler(
    { repos, refresh: (feed) => refreshFeed(deps, feed), logger: silentLogger() },
    { batchSize: 100, perHost: 100, concurrency: CONCURRENCY, idleMs: 10, claimMs: 600_000 },
  );
  start = performance.now();
  let refreshed = 0;
  for (;;) {
    const n = (await scheduler.tick()).length;
    if (n === 0) break;
    refreshed += n;
  }
  const refreshSeconds = (performance.now() - start) / 1000;
  const items = await repos.articles.count();
  console.log(`refresh: ${refreshed} local feeds, ${items} items stored, concurrency ${CONCURRENCY}`);
  console.log(`  fetch only (reference)  ${((FEEDS * ITEMS) / fetchSeconds).toFixed(0).padStart(6)} items/s  (${fetchSeconds.toFixed(2)} s)`);
  console.log(`  scheduler + pipeline    ${(items / refreshSeconds).toFixed(0).padStart(6)} items/s  (${refreshSeconds.toFixed(2)} s)`);
  console.log(`  ratio pipeline/fetch    ${(fetchSeconds / refreshSeconds).toFixed(2)}`);
  console.log(`  peak RSS                ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`);
} finally {
  await fetcher.close();
  await t.cleanup();
  server.close();
}
