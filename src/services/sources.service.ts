/**
 * Sources use-cases: add/remove/list feeds, OPML import (all or nothing) and export, and the default source list.
 * Composes the feeds repository with the pure OPML stage.
 */
import type { ParsedFeed } from '../domain/feed.ts';
import { fail, ok, type Result } from '../domain/errors.ts';
import { discoverFeeds } from '../pipeline/discover/index.ts';
import type { Fetcher } from '../pipeline/fetch/index.ts';
import { buildOpml, parseOpml, type OpmlFeed } from '../pipeline/opml/index.ts';
import type { FeedRow, Repos } from '../storage/index.ts';

export interface ImportSummary {
  added: number;
  existing: number;
  total: number;
}

/**
 * Imports every feed of an OPML document. The document is parsed and checked whole before anything is stored, so a
 * broken file imports nothing. Feeds already present (same URL) are left as they are.
 */
export async function importOpml(repos: Repos, text: string): Promise<Result<ImportSummary>> {
  const parsed = parseOpml(text);
  if (!parsed.ok) return parsed;
  return ok(await addFeeds(repos, parsed.value));
}

async function addFeeds(repos: Repos, feeds: OpmlFeed[]): Promise<ImportSummary> {
  let added = 0;
  for (const f of feeds) {
    const r = await repos.feeds.add({
      feedUrl: f.feedUrl,
      title: f.title,
      siteUrl: f.siteUrl,
      category: f.category,
      country: f.country,
      language: f.language,
      premium: f.premium,
    });
    if (r.created) added++;
  }
  return { added, existing: feeds.length - added, total: feeds.length };
}

/** Every feed as an OPML 2.0 document, categories as nested outlines. */
export async function exportOpml(repos: Repos): Promise<string> {
  const feeds = await repos.feeds.list();
  return buildOpml(
    feeds.map((f) => ({
      feedUrl: f.feed_url,
      siteUrl: f.site_url,
      title: f.title,
      category: f.category,
      country: f.country,
      language: f.language,
      premium: f.premium === 1,
    })),
  );
}

export interface DiscoveryDeps {
  repos: Repos;
  fetcher: Fetcher;
  parseFeed(bytes: Uint8Array, opts: { url?: string; contentType?: string }): Result<ParsedFeed> | Promise<Result<ParsedFeed>>;
}

/**
 * Adds a source from a feed URL or a site URL. A site's page is searched for the feeds it advertises
 * (`<link rel="alternate">`), then for common feed paths; the first candidate that fetches and parses as a feed is
 * added, with the feed's own title unless `options.title` is given.
 * @returns the feed row and whether it was new, or a failure (invalid URL, fetch failure, no feed found).
 */
export async function addSource(
  deps: DiscoveryDeps,
  url: string,
  options: { title?: string; category?: string } = {},
): Promise<Result<{ feed: FeedRow; created: boolean }>> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return fail({ kind: 'invalid-url', message: `not a URL: ${url}` });
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    return fail({ kind: 'invalid-url', message: `only http and https sources are supported: ${url}` });
  }
  const page = await deps.fetcher.fetch({ url: parsed.href });
  if (!page.ok) return page;
  if (page.status !== 200) return fail({ kind: 'http', message: `unexpected HTTP ${page.status} for ${url}` });
  const add = (feedUrl: string, doc: ParsedFeed) =>
    deps.repos.feeds.add({
      feedUrl,
      title: options.title ?? doc.feed.title,
      siteUrl: doc.feed.link,
      description: doc.feed.description,
      language: doc.feed.language,
      category: options.category ?? null,
    });
  const direct = await deps.parseFeed(page.body, { url: page.url, ...(page.contentType ? { contentType: page.contentType } : {}) });
  if (direct.ok) return ok(await add(page.url, direct.value));

  const candidates = discoverFeeds(new TextDecoder().decode(page.body), page.url);
  for (const candidate of candidates) {
    const known = await deps.repos.feeds.getByUrl(candidate.url);
    if (known) return ok({ feed: known, created: false });
    const r = await deps.fetcher.fetch({ url: candidate.url });
    if (!r.ok || r.status !== 200) continue;
    const doc = await deps.parseFeed(r.body, { url: r.url, ...(r.contentType ? { contentType: r.contentType } : {}) });
    if (doc.ok) return ok(await add(r.url, doc.value));
  }
  return fail({ kind: 'parse', message: `no feed found at ${url} (it is not a feed, and none of ${candidates.length} candidate feed URLs worked)` });
}

/**
 * Removes a feed (and its articles) given its id or its URL.
 * @returns whether something was removed.
 */
export async function removeSource(repos: Repos, idOrUrl: string): Promise<boolean> {
  const feed = (await repos.feeds.get(idOrUrl)) ?? (await repos.feeds.getByUrl(idOrUrl));
  return feed ? repos.feeds.remove(feed.id) : false;
}
