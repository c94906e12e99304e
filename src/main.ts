/**
 * Composition root: the only place that reads process.env and wires config → dependencies → a CLI command.
 */
import { serve } from '@hono/node-server';
import { databaseLocation, loadConfig, type Config } from './config/index.ts';
import { runCli } from './cli/program.ts';
import type { Runtime } from './cli/context.ts';
import { createLogger } from './lib/logger.ts';
import { openStorage } from './storage/index.ts';
import { createFetcher } from './pipeline/fetch/index.ts';
import { parseFeedOffThread } from './pipeline/parse/index.ts';
import { htmlToText, sanitizeHtml } from './pipeline/sanitize/index.ts';
import { extractArticle } from './pipeline/extract/index.ts';
import { fetchFullText, refreshFeed, type IngestDeps } from './pipeline/ingest.ts';
import { createQueueForDatabase } from './jobs/index.ts';
import { fullTextJob } from './jobs/definitions/full-text.job.ts';
import { createScheduler } from './jobs/scheduler.ts';
import { createApp } from './http/app.ts';
import { subscribeIfAdvertised } from './services/websub.service.ts';
import { createAnalyzerWorker } from './services/analysis.service.ts';
import { createArticleCleaner } from './services/cleaning.service.ts';
import { createPoller } from './lib/poller.ts';

/** Runs `newsdesk <argv>`; resolves to the process exit code. */
export async function main(argv: string[]): Promise<number> {
  const configFile = optionValue(argv, '--config') ?? optionValue(argv, '-c');
  let config: Config | undefined;
  const getConfig = () => (config ??= loadConfig(process.env, configFile));
  let signalled: Promise<string> | undefined;
  return runCli(argv, {
    io: { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin },
    config: getConfig,
    runtime: (overrides) => buildRuntime({ ...getConfig(), ...overrides }),
    // One promise per process: the first call installs the handlers (long-running commands call it first thing).
    untilSignal: () =>
      (signalled ??= new Promise((resolveSignal) => {
        for (const s of ['SIGINT', 'SIGTERM'] as const) process.once(s, () => resolveSignal(s));
      })),
  });
}

async function buildRuntime(config: Config): Promise<Runtime> {
  const logger = createLogger(config.logLevel);
  const storage = await openStorage({ url: databaseLocation(config) });
  const fetcher = createFetcher({
    allowPrivate: config.fetchAllowPrivate,
    timeoutMs: config.fetchTimeoutMs,
    maxBytes: config.fetchMaxBytes,
    userAgent: config.userAgent,
    perHostConcurrency: config.perHostConcurrency,
  });
  // The database is the queue: a jobs table on SQLite, pg-boss on PostgreSQL (N workers on N hosts).
  const queue = createQueueForDatabase(storage.database, { logger });
  const cleaner = await createArticleCleaner({ repos: storage, logger });
  const ingest: IngestDeps = {
    repos: storage,
    fetcher,
    parseFeed: parseFeedOffThread,
    sanitizeHtml,
    htmlToText,
    extractArticle,
    cleanArticle: cleaner.clean,
    enqueueFullText: async (articleId) => {
      await queue.enqueue(fullTextJob, { articleId }, { idempotencyKey: articleId });
    },
    logger,
  };
  const websub = { repos: storage, fetcher, logger, baseUrl: config.baseUrl };
  // After each successful poll, subscribe to the feed's WebSub hub when it advertises one (polling goes on).
  const refresh = async (feed: Parameters<Runtime['refresh']>[0]) => {
    const outcome = await refreshFeed(ingest, feed);
    if (outcome.ok && config.baseUrl) {
      const fresh = await storage.feeds.get(feed.id);
      if (fresh) await subscribeIfAdvertised(websub, fresh);
    }
    return outcome;
  };

  return {
    config,
    logger,
    storage,
    fetcher,
    queue,
    ingest,
    refresh,
    async startWorkers() {
      queue.work(fullTextJob, async ({ articleId }) => {
        await fetchFullText(ingest, articleId);
      }, { concurrency: config.workerConcurrency });
      await queue.start();
      const scheduler = createScheduler(
        { repos: storage, refresh, logger },
        {
          batchSize: config.schedulerBatchSize,
          perHost: config.perHostConcurrency,
          concurrency: config.workerConcurrency * 2,
          idleMs: 5_000,
          claimMs: 10 * 60_000,
        },
      );
      scheduler.start();
      // Copies and stories: one analyzer per installation at a time (a lease), fed in publication order from the store.
      const analyzer = config.analyzer ? createAnalyzerWorker({ repos: storage, logger }) : null;
      const analysis = analyzer
        ? createPoller(() => analyzer.analyzePending(200), 2_000, (err) => logger.error({ err }, 'analysis failed'))
        : null;
      analysis?.start();
      return async () => {
        await scheduler.stop();
        await analysis?.stop();
        await analyzer?.release();
        await queue.stop({ graceful: true, timeoutMs: 10_000 });
      };
    },
    async serve() {
      const app = createApp({ repos: storage, database: storage.database, logger, ingest });
      return new Promise((resolveServe) => {
        const server = serve({ fetch: app.fetch, hostname: config.host, port: config.port }, (info) => {
          resolveServe({
            url: `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${info.port}`,
            close: () => new Promise<void>((r) => server.close(() => r())),
          });
        });
      });
    },
    async close() {
      await queue.stop({ graceful: false });
      await cleaner.flush();
      await fetcher.close();
      await storage.close();
    },
  };
}

function optionValue(argv: string[], name: string): string | undefined {
  const i = argv.indexOf(name);
  if (i >= 0) return argv[i + 1];
  const eq = argv.find((a) => a.startsWith(name + '='));
  return eq?.slice(name.length + 1);
}
