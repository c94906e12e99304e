// The offline demo feed server: replays the bundled corpus as many small news sites on 127.0.0.1, each with a
// feed, article pages in site chrome, and the hard cases (moved, gone, rate-limited, failing feeds).

import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import type { AddressInfo } from 'node:net';
import { Hono } from 'hono';
import { serve } from '@hono/node-server';
import { loadDemoCorpus, type DemoFeed } from './corpus.ts';
import {
  feedExtension,
  renderArticlePage,
  renderFeed,
  renderOpml,
  renderSitePage,
  type RenderedBody,
  type ServedArticle,
  type ServedFeed,
} from './render.ts';

/** Options of {@link startDemoFeedServer}. */
export interface DemoFeedServerOptions {
  /** TCP port; 0 (default) picks any free port. */
  port?: number;
  /** Interface to bind; only loopback makes sense for a demo. Default '127.0.0.1'. */
  host?: '127.0.0.1';
  /** gzip'd JSONL corpus; default data/demo/corpus.jsonl.gz in the repository. */
  corpusPath?: string;
  /** The clock the publication dates are shifted towards; default: the time of the call. */
  now?: Date;
  /** Wall clock in epoch ms for the rate-limit window (tests inject one); default Date.now. */
  clock?: () => number;
}

/** A running demo feed server. */
export interface DemoFeedServer {
  /** e.g. "http://127.0.0.1:43117" (no trailing slash). */
  baseUrl: string;
  port: number;
  /** OPML 2.0 listing every demo feed with its local URL, country, language, premium; also served at /opml. */
  opml: string;
  /** Number of feeds in the OPML, hard cases included. */
  feedCount: number;
  /** Number of distinct articles served across all feeds. */
  articleCount: number;
  /** Stops listening and drops open connections. Resolves when the socket is closed. */
  close(): Promise<void>;
}

/** How far before `now` the newest article is placed. */
const NEWEST_AGE_MS = 10 * 60 * 1000;
/** The corpus spans months; the demo squeezes it into at most this span so everything looks like recent news. */
const MAX_SPAN_MS = 3 * 24 * 60 * 60 * 1000;
/** Retry-After of the rate-limited feed, seconds. */
const RETRY_AFTER_S = 120;

/**
 * Maps original publication times onto recent ones: the newest lands `NEWEST_AGE_MS` (10 min) before `now`, the
 * order and the relative gaps are kept, and the whole span is scaled down linearly to at most 3 days.
 * @param publishedMs original times, epoch ms (at least one).
 * @returns a function from an original time (epoch ms) to its shifted time (a Date, whole seconds).
 */
export function createDateShift(publishedMs: readonly number[], now: Date): (originalMs: number) => Date {
  const newest = Math.max(...publishedMs);
  const oldest = Math.min(...publishedMs);
  const span = newest - oldest;
  const scale = span > MAX_SPAN_MS ? MAX_SPAN_MS / span : 1;
  const anchor = now.getTime() - NEWEST_AGE_MS;
  return (t) => new Date(Math.floor((anchor - (newest - t) * scale) / 1000) * 1000);
}

function etagOf(body: Uint8Array): string {
  return `"${createHash('sha1').update(body).digest('base64url').slice(0, 27)}"`;
}

/** True when an Accept-Encoding header allows gzip (q=0 excluded). */
function acceptsGzip(header: string | undefined): boolean {
  return (header ?? '').split(',').some((part) => {
    const [coding, ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    return (coding === 'gzip' || coding === 'x-gzip') && (q === undefined || Number(q.slice(2)) > 0);
  });
}

/** An HTML response, gzip'd when the client accepts it (pages are rendered on demand, so compressed per request). */
function html(acceptEncoding: string | undefined, page: string): Response {
  const headers: Record<string, string> = { 'content-type': 'text/html; charset=utf-8', vary: 'accept-encoding' };
  if (!acceptsGzip(acceptEncoding)) return new Response(page, { headers });
  return new Response(new Uint8Array(gzipSync(page)), { headers: { ...headers, 'content-encoding': 'gzip' } });
}

function feedPath(feed: DemoFeed, moved = false): string {
  return `/feeds/${feed.id}${moved ? '-new' : ''}.${feedExtension(feed)}`;
}

/**
 * Starts the demo feed server on 127.0.0.1.
 *
 * Routes: `/` (index), `/opml`, `/feeds/<id>.{xml,atom,json}` (feeds; a moved feed's old path answers 301 to
 * `/feeds/<id>-new.<ext>`), `/sites/<id>/` (site home with feed autodiscovery), `/sites/<id>/articles/<article>.html`
 * (article pages in site chrome). Feeds support conditional GET (ETag / If-None-Match, Last-Modified);
 * feeds and pages are gzip'd when the client accepts it.
 *
 * @throws if the corpus cannot be read or the port cannot be bound (e.g. EADDRINUSE).
 * @example
 *   const demo = await startDemoFeedServer({ port: 0 });
 *   console.log(demo.baseUrl, demo.feedCount); // http://127.0.0.1:41234 148
 *   await demo.close();
 */
export async function startDemoFeedServer(options: DemoFeedServerOptions = {}): Promise<DemoFeedServer> {
  const host = options.host ?? '127.0.0.1';
  const now = options.now ?? new Date();
  const clock = options.clock ?? Date.now;
  const corpus = await loadDemoCorpus(options.corpusPath);

  const app = new Hono();
  const server = serve({ fetch: app.fetch, port: options.port ?? 0, hostname: host });
  await new Promise<void>((resolve, reject) => {
    if (server.listening) return resolve();
    server.once('listening', () => resolve());
    server.once('error', reject);
  });
  const port = (server.address() as AddressInfo).port;
  const baseUrl = `http://${host}:${port}`;

  const allMs = corpus.flatMap((f) => f.articles.map((a) => Date.parse(a.published)));
  const shift = createDateShift(allMs.length > 0 ? allMs : [now.getTime()], now);

  const served: ServedFeed[] = corpus.map((feed) => {
    const siteUrl = `${baseUrl}/sites/${feed.id}/`;
    return {
      feed,
      url: baseUrl + feedPath(feed),
      bodyUrl: baseUrl + feedPath(feed, feed.role === 'moved'),
      siteUrl,
      articles: feed.articles
        .map((article) => ({
          article,
          published: shift(Date.parse(article.published)),
          pageUrl: `${siteUrl}articles/${article.id}.html`,
        }))
        .sort((a, b) => b.published.getTime() - a.published.getTime() || a.article.id.localeCompare(b.article.id)),
    };
  });
  const byId = new Map(served.map((s) => [s.feed.id, s]));
  // Feeds are rendered once: bodies and ETags stay byte-stable for the server's life, as a real static feed's would.
  // Real news sites gzip their feeds, so the fetcher must cope (and cap the decompressed size); compressing once
  // here keeps requests cheap. The gzip variant is another representation, hence its own ETag.
  const bodies = new Map<string, RenderedBody & { gzip: Uint8Array<ArrayBuffer>; etag: string; lastModified: string }>();
  for (const s of served) {
    if (s.feed.role === 'gone' || s.feed.role === 'failing') continue;
    const rendered = renderFeed(s, now);
    bodies.set(s.feed.id, {
      ...rendered,
      gzip: new Uint8Array(gzipSync(rendered.body)),
      etag: etagOf(rendered.body),
      lastModified: (s.articles[0]?.published ?? now).toUTCString(),
    });
  }
  const opml = renderOpml(served, 'Newsdesk offline demo', now);
  const articleCount = new Set(served.flatMap((s) => s.articles.map((a) => a.article.id))).size;
  let rateLimitedUntil = 0; // real clock: the 429 window is about the client's behaviour, not the demo's dates

  app.get('/', (c) =>
    c.html(
      `<!DOCTYPE html><html><head><meta charset="utf-8"><title>Newsdesk demo feeds</title></head><body>` +
        `<h1>Newsdesk demo feeds</h1><p>${served.length} feeds, ${articleCount} articles. <a href="/opml">OPML</a></p><ul>` +
        served.map((s) => `<li><a href="${s.url}">${s.feed.title.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</a></li>`).join('') +
        `</ul></body></html>`,
    ),
  );
  app.get('/opml', (c) => c.body(opml, 200, { 'content-type': 'text/x-opml; charset=utf-8' }));

  app.get('/feeds/:file', (c) => {
    const m = /^(.+?)(-new)?\.(xml|atom|json)$/.exec(c.req.param('file'));
    const s = m ? byId.get(m[1]!) : undefined;
    if (!m || !s || m[3] !== feedExtension(s.feed)) return c.text('Not Found', 404);
    const isNewPath = m[2] !== undefined;
    if (isNewPath && s.feed.role !== 'moved') return c.text('Not Found', 404);
    switch (s.feed.role) {
      case 'gone':
        return c.text('Gone: this feed has been discontinued.', 410);
      case 'failing':
        return c.text('Internal Server Error', 500);
      case 'moved':
        if (!isNewPath) return c.redirect(s.bodyUrl, 301);
        break;
      case 'rate-limited': {
        const t = clock();
        if (t < rateLimitedUntil || rateLimitedUntil === 0) {
          if (rateLimitedUntil === 0) rateLimitedUntil = t + RETRY_AFTER_S * 1000;
          return c.text('Too Many Requests', 429, { 'retry-after': String(RETRY_AFTER_S) });
        }
        rateLimitedUntil = t + RETRY_AFTER_S * 1000; // served once; the next window starts now
        break;
      }
      case 'regular':
        break;
    }
    const b = bodies.get(s.feed.id)!;
    const gzip = acceptsGzip(c.req.header('accept-encoding'));
    const etag = gzip ? b.etag.replace(/"$/, '-gz"') : b.etag;
    const headers = { etag, 'last-modified': b.lastModified, 'cache-control': 'max-age=300', vary: 'accept-encoding' };
    // If-None-Match uses weak comparison (RFC 9110 13.1.2): W/"x" matches "x".
    const inm = c.req.header('if-none-match');
    if (inm !== undefined && inm.split(',').some((t) => t.trim() === '*' || t.trim().replace(/^W\//, '') === etag)) {
      return c.body(null, 304, headers);
    }
    return gzip
      ? c.body(b.gzip, 200, { ...headers, 'content-type': b.contentType, 'content-encoding': 'gzip' })
      : c.body(b.body, 200, { ...headers, 'content-type': b.contentType });
  });

  app.get('/sites/:feed/', (c) => {
    const s = byId.get(c.req.param('feed'));
    return s && s.articles.length > 0 ? html(c.req.header('accept-encoding'), renderSitePage(s)) : c.text('Not Found', 404);
  });

  app.get('/sites/:feed/articles/:file', (c) => {
    const s = byId.get(c.req.param('feed'));
    const id = /^(.+)\.html$/.exec(c.req.param('file'))?.[1];
    const index = s && id ? s.articles.findIndex((a) => a.article.id === id) : -1;
    const item = s?.articles[index];
    if (!s || !item) return c.text('Not Found', 404);
    // "Related stories": the neighbours in the same feed, as a site's own recirculation module would pick.
    const related: ServedArticle[] = [];
    for (let k = 1; related.length < 4 && k < s.articles.length; k++) {
      const r = s.articles[(index + k) % s.articles.length];
      if (r && r !== item) related.push(r);
    }
    return html(c.req.header('accept-encoding'), renderArticlePage(s, item, related));
  });

  return {
    baseUrl,
    port,
    opml,
    feedCount: served.length,
    articleCount,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        // Keep-alive sockets of clients would otherwise hold close() open.
        if ('closeAllConnections' in server) server.closeAllConnections();
      }),
  };
}
