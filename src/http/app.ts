/**
 * The HTTP app: `createApp(deps)` builds a Hono app with health checks, request ids, structured access logs,
 * security headers (CSP from the sanitizer) and the reader. Tests call `app.request()` in-process.
 * HTTP status mapping for unexpected errors happens here, in `onError`, and nowhere else.
 */
import { Hono } from 'hono';
import { requestId } from 'hono/request-id';
import { secureHeaders } from 'hono/secure-headers';
import { sql } from 'kysely';
import type { Logger } from '../lib/logger.ts';
import type { Database, Repos } from '../storage/index.ts';
import { ARTICLE_CSP_DIRECTIVES, serializeCsp } from '../pipeline/sanitize/index.ts';
import type { IngestDeps } from '../pipeline/ingest.ts';
import { notFoundPage, readerRoutes } from './reader/reader.routes.tsx';
import { websubRoutes } from './websub.routes.ts';

/**
 * The reader's Content-Security-Policy: the sanitizer's article policy (no scripts at all) plus what the reader
 * itself needs — its own search form — and no framing of Newsdesk by other sites.
 */
export const READER_CSP = serializeCsp({
  ...ARTICLE_CSP_DIRECTIVES,
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
});

export interface AppDeps {
  repos: Repos;
  database: Database;
  logger: Logger;
  /** The ingest pipeline, for content pushed to us (WebSub). Without it the WebSub callbacks answer 404. */
  ingest?: IngestDeps;
  now?: () => number;
  /** How long a ranked "Top stories" list is reused (ms; default 30 s, 0 = rank on every request). */
  topStoriesTtlMs?: number;
}

export function createApp(deps: AppDeps): Hono {
  const app = new Hono();
  app.use(requestId());
  app.use(async (c, next) => {
    const start = performance.now();
    await next();
    deps.logger.info(
      { reqId: c.get('requestId'), method: c.req.method, path: c.req.path, status: c.res.status, ms: Math.round(performance.now() - start) },
      'request',
    );
  });
  app.use(
    secureHeaders({
      contentSecurityPolicy: undefined,
      crossOriginEmbedderPolicy: false,
      referrerPolicy: 'no-referrer',
    }),
  );
  app.use(async (c, next) => {
    await next();
    c.header('Content-Security-Policy', READER_CSP);
  });

  app.get('/healthz', (c) => c.json({ status: 'ok' }));
  app.get('/readyz', async (c) => {
    try {
      await sql`select 1`.execute(deps.database.db);
      return c.json({ status: 'ready', database: deps.database.dialect });
    } catch (err) {
      return c.json({ status: 'unavailable', error: (err as Error).message }, 503);
    }
  });

  /** Operator status: what is stored and what work is still queued (for dashboards, scripts and tests). */
  app.get('/api/v1/status', async (c) => {
    const [feeds, articles, backlog] = await Promise.all([deps.repos.feeds.count(), deps.repos.articles.count(), deps.repos.articles.backlog()]);
    return c.json({ feeds, articles, ...backlog });
  });

  if (deps.ingest) app.route('/', websubRoutes(deps.ingest));
  app.route('/', readerRoutes(deps.repos, { now: deps.now, topStoriesTtlMs: deps.topStoriesTtlMs }));

  // API clients get JSON; people get the reader's page, with its navigation.
  app.notFound((c) => (c.req.path.startsWith('/api/') ? c.json({ error: 'not found' }, 404) : notFoundPage(c)));
  app.onError((err, c) => {
    deps.logger.error({ err, reqId: c.get('requestId'), path: c.req.path }, 'unhandled error');
    return c.text(`Internal error (request ${c.get('requestId')})`, 500);
  });
  return app;
}
