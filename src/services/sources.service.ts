/**
 * Sources use-cases: add/remove/list feeds, OPML import (all or nothing) and export, and the default source list.
 * Composes the feeds repository with the pure OPML stage.
 */
import { fail, ok, type Result } from '../domain/errors.ts';
import { buildOpml, parseOpml, type OpmlFeed } from '../pipeline/opml/index.ts';
import type { Repos } from '../storage/index.ts';

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

/**
 * Adds one feed by URL (no autodiscovery yet: the URL must be the feed itself).
 * @returns the feed and whether it was new, or an 'invalid-url' failure.
 */
export async function addSource(repos: Repos, url: string, options: { title?: string; category?: string } = {}) {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return fail({ kind: 'invalid-url' as const, message: `not a URL: ${url}` });
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    return fail({ kind: 'invalid-url' as const, message: `only http and https feeds are supported: ${url}` });
  }
  return ok(await repos.feeds.add({ feedUrl: parsed.toString(), title: options.title ?? null, category: options.category ?? null }));
}

/**
 * Removes a feed (and its articles) given its id or its URL.
 * @returns whether something was removed.
 */
export async function removeSource(repos: Repos, idOrUrl: string): Promise<boolean> {
  const feed = (await repos.feeds.get(idOrUrl)) ?? (await repos.feeds.getByUrl(idOrUrl));
  return feed ? repos.feeds.remove(feed.id) : false;
}
