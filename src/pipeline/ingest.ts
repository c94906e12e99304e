/**
 * The ingest orchestrator: one feed's refresh top to bottom (after miniflux's handler.RefreshFeed) —
 * fetch → parse → normalize → sanitize → store, and one article's full-text job — fetch → extract → clean →
 * sanitize → store. The ONLY pipeline file that touches storage and the queue; every stage it calls is pure and
 * injected, so tests run it on real SQLite/PostgreSQL with real HTTP on loopback.
 *
 * Failures are values: whatever goes wrong with a feed is written on its row (error count, last error, next
 * check with exponential backoff) and returned; nothing here throws for a bad feed.
 */
import type { ParsedFeed } from '../domain/feed.ts';
import type { Failure, Result } from '../domain/errors.ts';
import { backoffMs, MAX_BACKOFF_MS, MAX_INTERVAL_MS, refreshIntervalMs, withJitter } from '../domain/schedule.ts';
import { bytesHash, shortHash } from '../lib/hash.ts';
import type { Logger } from '../lib/logger.ts';
import type { ArticleInput, FeedRow, Repos } from '../storage/index.ts';
import type { Fetcher } from './fetch/index.ts';
import { looksLikeSummary, normalizeEntries, type NormalizedEntry } from './normalize/index.ts';

/** What extraction gives back for one page (a subset of the extract stage's result). */
export interface ExtractedPage {
  title: string | null;
  byline: string | null;
  text: string;
  html: string;
}

export interface IngestDeps {
  repos: Repos;
  fetcher: Fetcher;
  /** Feed parser; may answer asynchronously (large documents are parsed on a worker thread). */
  parseFeed(bytes: Uint8Array, opts: { url?: string; contentType?: string }): Result<ParsedFeed> | Promise<Result<ParsedFeed>>;
  sanitizeHtml(html: string, opts: { baseUrl?: string | null }): string;
  htmlToText(html: string): string;
  /** Full-text extraction of an article page; a failure is a value with a message. */
  extractArticle?(html: Uint8Array, opts: { url: string }): Result<ExtractedPage, { message: string }>;
  /**
   * Removes repeated paragraphs and learnt site boilerplate from an article body (text: paragraphs separated by
   * blank lines; html: its markup). Applied before the final sanitize, to feed content and extracted pages alike.
   */
  cleanArticle?(url: string, body: { text: string; html: string }): { text: string; html: string; removed: number };
  /** Schedules the full-text job of a stored article (enqueued after the entries are committed). */
  enqueueFullText?(articleId: string): Promise<void>;
  logger: Logger;
  now?: () => number;
  random?: () => number;
}

export type RefreshOutcome =
  | {
      ok: true;
      feedId: string;
      feedUrl: string;
      notModified: boolean;
      inserted: number;
      updated: number;
      /** Ids of articles stored for the first time by this refresh. */
      newArticleIds: string[];
    }
  | { ok: false; feedId: string; feedUrl: string; error: Failure };

/**
 * Refreshes one feed and writes the outcome on its row.
 * @returns counts of new/updated entries, or the failure (also stored as last_error / error_count / next_check_at).
 */
export async function refreshFeed(deps: IngestDeps, feed: FeedRow): Promise<RefreshOutcome> {
  const now = deps.now?.() ?? Date.now();
  const random = deps.random ?? Math.random;
  const log = deps.logger.child({ feedId: feed.id, feedUrl: feed.feed_url });
  let feedUrl = feed.feed_url;

  const failWith = async (error: Failure): Promise<RefreshOutcome> => {
    const errors = feed.error_count + 1;
    const retryAfterMs = Math.min((error.retryAfterSeconds ?? 0) * 1000, MAX_BACKOFF_MS);
    // Jitter spreads retries, but never earlier than the server asked.
    const delay = Math.max(withJitter(backoffMs(errors, retryAfterMs), random()), retryAfterMs);
    await deps.repos.feeds.recordFailure(
      feed.id,
      { kind: error.kind, message: error.message, nextCheckAt: now + delay, disable: error.kind === 'gone' },
      now,
    );
    log.warn({ kind: error.kind, errors, retryInMs: delay }, `feed refresh failed: ${error.message}`);
    return { ok: false, feedId: feed.id, feedUrl, error };
  };

  let fetched;
  try {
    fetched = await deps.fetcher.fetch({ url: feedUrl, etag: feed.etag, lastModified: feed.last_modified, accept: FEED_ACCEPT });
  } catch (err) {
    // A bug in the fetcher must not stop the batch; record it like any other failure.
    return failWith({ kind: 'connection', message: `unexpected fetch error: ${(err as Error).message}` });
  }
  if (fetched.permanentRedirect && fetched.permanentRedirect !== feedUrl) {
    if (await deps.repos.feeds.updateUrl(feed.id, fetched.permanentRedirect, now)) {
      log.info({ to: fetched.permanentRedirect }, 'feed moved permanently; URL updated');
      feedUrl = fetched.permanentRedirect;
    }
  }
  if (!fetched.ok) return failWith(fetched.error);

  const floorMs = Math.min((fetched.maxAgeSeconds ?? 0) * 1000, MAX_INTERVAL_MS);
  // A body identical to the last one stored counts as 304: servers without validators (or ignoring them) then cost
  // a hash, not a parse and an entry-by-entry comparison (as NetNewsWire does: "How NetNewsWire Avoids Parsing
  // Feeds", inessential.com, 2020).
  const contentHash = fetched.status === 304 ? null : bytesHash(fetched.body);
  if (fetched.status === 304 || contentHash === feed.content_hash) {
    await deps.repos.feeds.recordSuccess(
      feed.id,
      {
        etag: fetched.etag ?? feed.etag,
        lastModified: fetched.lastModified ?? feed.last_modified,
        nextCheckAt: now + Math.max(withJitter(refreshIntervalMs(feed.entries_per_day, floorMs), random()), floorMs),
      },
      now,
    );
    return { ok: true, feedId: feed.id, feedUrl, notModified: true, inserted: 0, updated: 0, newArticleIds: [] };
  }

  const stored = await storeFeedDocument(deps, feed, fetched.body, fetched.url, fetched.contentType, now);
  if (!stored.ok) return failWith(stored.error);
  const { doc, entries, newArticleIds, updated } = stored.value;
  const entriesPerDay = estimateEntriesPerDay(entries, now);
  const ttlMs = Math.min((doc.feed.ttlMinutes ?? 0) * 60_000, MAX_INTERVAL_MS);
  await deps.repos.feeds.recordSuccess(
    feed.id,
    {
      etag: fetched.etag,
      lastModified: fetched.lastModified,
      ...(contentHash ? { contentHash } : {}),
      nextCheckAt: now + Math.max(withJitter(refreshIntervalMs(entriesPerDay, Math.max(floorMs, ttlMs)), random()), floorMs, ttlMs),
      entriesPerDay,
      title: doc.feed.title,
      siteUrl: doc.feed.link,
      description: doc.feed.description,
      language: doc.feed.language,
      hubUrl: doc.feed.hub ?? null,
    },
    now,
  );
  log.info({ inserted: newArticleIds.length, updated, entries: entries.length }, 'feed refreshed');
  return { ok: true, feedId: feed.id, feedUrl, notModified: false, inserted: newArticleIds.length, updated, newArticleIds };
}

/**
 * Parses a feed document and stores its entries for `feed` (new ones inserted, changed ones updated in place), then
 * enqueues the full-text jobs of new summary-only entries. Shared by polling (`refreshFeed`) and WebSub pushes.
 * @returns the parsed document, its normalized entries, the new article ids and the number updated; or the parse
 *   failure (nothing stored).
 */
export async function storeFeedDocument(
  deps: IngestDeps,
  feed: FeedRow,
  body: Uint8Array,
  url: string,
  contentType: string | null,
  now = deps.now?.() ?? Date.now(),
): Promise<Result<{ doc: ParsedFeed; entries: NormalizedEntry[]; newArticleIds: string[]; updated: number }>> {
  const parsed = await deps.parseFeed(body, { url, ...(contentType ? { contentType } : {}) });
  if (!parsed.ok) return parsed;
  const entries = newestEntries(normalizeEntries(parsed.value, url), MAX_ENTRIES_PER_DOCUMENT);
  const inputs = entries.map((e) => toArticleInput(deps, feed, e));
  const results = await deps.repos.articles.upsertEntries(feed.id, inputs, now);
  // Enqueue after commit: the job must find the row it is about.
  if (deps.enqueueFullText) {
    for (let i = 0; i < results.length; i++) {
      if (results[i]!.status === 'inserted' && inputs[i]!.fullTextStatus === 'pending') await deps.enqueueFullText(results[i]!.id);
    }
  }
  return {
    ok: true,
    value: {
      doc: parsed.value,
      entries,
      newArticleIds: results.filter((r) => r.status === 'inserted').map((r) => r.id),
      updated: results.filter((r) => r.status === 'updated').length,
    },
  };
}

/**
 * Entries stored from one feed document at most. A real news feed carries tens of entries; a document with tens of
 * thousands is a dump or an attack, and storing all of it would flood the store and the reader.
 */
export const MAX_ENTRIES_PER_DOCUMENT = 1000;

/** The `max` newest entries (dated ones by date, undated ones in document order after them). */
function newestEntries(entries: NormalizedEntry[], max: number): NormalizedEntry[] {
  if (entries.length <= max) return entries;
  return entries
    .map((e, i) => ({ e, i }))
    .sort((a, b) => (b.e.publishedAt ?? -Infinity) - (a.e.publishedAt ?? -Infinity) || a.i - b.i)
    .slice(0, max)
    .map((x) => x.e);
}

const FEED_ACCEPT =
  'application/rss+xml, application/atom+xml, application/feed+json, application/json;q=0.9, application/rdf+xml;q=0.9, application/xml;q=0.8, text/xml;q=0.8, */*;q=0.5';

function toArticleInput(deps: IngestDeps, feed: FeedRow, e: NormalizedEntry): ArticleInput {
  const baseUrl = e.url ?? feed.feed_url;
  const summaryHtml = e.summary ? deps.sanitizeHtml(asHtml(e.summary), { baseUrl }) : null;
  // The body is the content, else the summary (parsers often give the summary as both): sanitize each text once.
  const sanitized = e.content !== null && e.content !== e.summary ? deps.sanitizeHtml(asHtml(e.content), { baseUrl }) : summaryHtml;
  const body = sanitized ? cleanBody(deps, baseUrl, sanitized) : null;
  const contentHtml = body?.html ?? null;
  const text = body?.text ?? '';
  const wantFullText =
    e.url !== null && (feed.full_text === 'always' || (feed.full_text === 'auto' && looksLikeSummary(e, text)));
  return {
    guid: e.guid,
    entryKey: e.entryKey,
    url: e.url,
    canonicalUrl: e.canonicalUrl,
    title: e.title,
    author: e.author,
    publishedAt: e.publishedAt,
    updatedAt: e.updatedAt,
    summary: summaryHtml,
    contentHtml,
    text,
    language: feed.language,
    contentHash: shortHash(e.title, text),
    imageUrl: e.imageUrl,
    fullTextStatus: wantFullText && deps.enqueueFullText ? 'pending' : 'feed',
  };
}

/**
 * Sanitized HTML → its text, cleaned (repeated paragraphs, learnt boilerplate). Cleaning edits the markup, so
 * what it returns is sanitized again: nothing reaches the store without passing the allow-list last.
 */
function cleanBody(deps: IngestDeps, url: string, html: string): { html: string; text: string } {
  const text = deps.htmlToText(html);
  if (!deps.cleanArticle) return { html, text };
  const cleaned = deps.cleanArticle(url, { text, html });
  if (cleaned.removed === 0) return { html, text };
  const again = deps.sanitizeHtml(cleaned.html, { baseUrl: url });
  return { html: again, text: deps.htmlToText(again) };
}

/** Plain text from a feed (no tags at all) becomes paragraphs so it renders as the feed meant it. */
function asHtml(s: string): string {
  if (/<[a-z][\s\S]*>/i.test(s)) return s;
  return s
    .split(/\n\s*\n/)
    .map((p) => `<p>${p.replace(/&(?![#\w]+;)/g, '&amp;').replace(/</g, '&lt;')}</p>`)
    .join('');
}

/**
 * Entries per day over the window the feed document shows (its oldest to newest dated entry, at least one day,
 * at most 30 days). A feed with no dated entries counts as quiet (0).
 */
export function estimateEntriesPerDay(entries: Array<Pick<NormalizedEntry, 'publishedAt'>>, now: number): number {
  const dates = entries.map((e) => e.publishedAt).filter((d): d is number => d !== null && d <= now);
  if (dates.length === 0) return 0;
  const day = 86_400_000;
  const span = Math.min(30 * day, Math.max(day, now - Math.min(...dates)));
  const recent = dates.filter((d) => d >= now - span).length;
  return (recent * day) / span;
}

/**
 * The full-text job for one stored article: fetch its page through the SSRF-safe client, extract the article,
 * sanitize and store it. A page that fails leaves the feed's own content in place and marks the article 'failed'.
 * @returns 'extracted' | 'failed' | 'skipped' (article gone, no URL, or no extractor configured).
 */
export async function fetchFullText(deps: IngestDeps, articleId: string): Promise<'extracted' | 'failed' | 'skipped'> {
  const article = await deps.repos.articles.get(articleId);
  if (!article || !article.url || !deps.extractArticle || article.full_text_status === 'extracted') return 'skipped';
  const log = deps.logger.child({ articleId, url: article.url });
  const page = await deps.fetcher.fetch({ url: article.url, accept: 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.5' });
  if (!page.ok || page.status !== 200) {
    const message = page.ok ? `unexpected status ${page.status}` : page.error.message;
    log.warn({ kind: page.ok ? 'http' : page.error.kind }, `full-text fetch failed: ${message}`);
    await deps.repos.articles.setFullTextStatus(articleId, 'failed');
    return 'failed';
  }
  const extracted = deps.extractArticle(page.body, { url: page.url });
  // Keep the feed's text when extraction finds less than it: a teaser page must not replace a fuller summary.
  if (!extracted.ok || extracted.value.text.length < article.text.length) {
    log.warn(extracted.ok ? 'extracted text shorter than the feed text; kept the feed text' : `extraction failed: ${extracted.error.message}`);
    await deps.repos.articles.setFullTextStatus(articleId, 'failed');
    return 'failed';
  }
  const body = cleanBody(deps, page.url, deps.sanitizeHtml(extracted.value.html, { baseUrl: page.url }));
  await deps.repos.articles.setFullText(articleId, {
    contentHtml: body.html,
    text: body.text,
    status: 'extracted',
    ...(article.author ? {} : { author: extracted.value.byline }),
  });
  log.debug({ chars: body.text.length }, 'full text extracted');
  return 'extracted';
}
