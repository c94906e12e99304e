/**
 * Normalize: turns parsed feed entries into the article shape Newsdesk stores — stable entry identity, canonical
 * URL, dates as epoch ms, a plain title, and whether the feed carries only a summary. Pure.
 */
import type { ParsedEntry, ParsedFeed } from '../../domain/feed.ts';
import { shortHash } from '../../lib/hash.ts';

export interface NormalizedEntry {
  guid: string | null;
  /** Stable identity within the feed: guid → link → title + date (hashed). */
  entryKey: string;
  url: string | null;
  canonicalUrl: string | null;
  title: string;
  author: string | null;
  /** Epoch ms, or null when the feed gives no parseable date. */
  publishedAt: number | null;
  updatedAt: number | null;
  /** Raw (unsanitized) HTML or text the feed gave as summary / full body. */
  summary: string | null;
  content: string | null;
  imageUrl: string | null;
  categories: string[];
}

/** Query parameters that only track the click (UTM and the big ad networks); dropped from canonical URLs. */
const TRACKING_PARAMS = /^(utm_\w+|fbclid|gclid|dclid|gbraid|wbraid|msclkid|mc_cid|mc_eid|igshid|yclid|_hsenc|_hsmi|ref_src|cmpid|ocid|ncid|sr_share|at_medium|at_campaign)$/i;

/**
 * The canonical form of an article URL: http(s) only, lower-case host, no default port, no fragment, tracking
 * parameters removed, remaining parameters kept in order. Returns null for anything that is not an http(s) URL.
 */
export function canonicalizeUrl(url: string | null | undefined, base?: string): string | null {
  if (!url) return null;
  let u: URL;
  try {
    u = base ? new URL(url.trim(), base) : new URL(url.trim());
  } catch {
    return null;
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
  u.hash = '';
  for (const key of [...u.searchParams.keys()]) if (TRACKING_PARAMS.test(key)) u.searchParams.delete(key);
  return u.toString();
}

/** Plain text of a feed title: tags removed, the common entities decoded, whitespace collapsed. */
export function plainTitle(s: string | null | undefined): string {
  if (!s) return '';
  return decodeBasicEntities(s.replace(/<[^>]*>/g, ' ')).replace(/\s+/g, ' ').trim();
}

function decodeBasicEntities(s: string): string {
  return s
    .replace(/&#(\d+);/g, (_, d) => safeCodePoint(Number(d)))
    .replace(/&#x([0-9a-f]+);/gi, (_, h) => safeCodePoint(parseInt(h, 16)))
    .replace(/&(amp|lt|gt|quot|apos|nbsp);/g, (_, n: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' })[n] ?? '');
}

function safeCodePoint(n: number): string {
  return n > 0 && n <= 0x10ffff ? String.fromCodePoint(n) : '\ufffd';
}

function toMs(iso: string | null): number | null {
  if (!iso) return null;
  const t = Date.parse(iso);
  return Number.isFinite(t) ? t : null;
}

/**
 * Normalizes one parsed entry.
 * @param feedUrl the feed's URL: base for relative links and part of nothing else.
 */
export function normalizeEntry(entry: ParsedEntry, feedUrl: string): NormalizedEntry {
  const url = canonicalizeUrl(entry.link, feedUrl) ?? (entry.link ? safeResolve(entry.link, feedUrl) : null);
  const publishedAt = toMs(entry.published) ?? toMs(entry.updated);
  const body = entry.content ?? entry.summary;
  let title = plainTitle(entry.title);
  if (!title) title = plainTitle(body).slice(0, 120) || '(untitled)';
  const guid = entry.id?.trim() || null;
  // Identity: the guid when the feed gives one, else the link, else title + date (miniflux does the same).
  const entryKey = guid ? shortHash('guid', guid) : url ? shortHash('link', url) : shortHash('title', title, String(publishedAt ?? ''));
  const image = entry.enclosures.find((e) => e.type?.startsWith('image/') || /\.(jpe?g|png|gif|webp|avif)(\?|$)/i.test(e.url));
  return {
    guid,
    entryKey,
    url,
    canonicalUrl: url,
    title,
    author: entry.author?.name ?? entry.author?.email ?? null,
    publishedAt,
    updatedAt: toMs(entry.updated),
    summary: entry.summary,
    content: entry.content,
    imageUrl: image ? safeResolve(image.url, feedUrl) : null,
    categories: entry.categories,
  };
}

function safeResolve(url: string, base: string): string | null {
  try {
    return new URL(url, base).toString();
  } catch {
    return null;
  }
}

/** Normalizes all entries of a parsed feed, dropping exact duplicates of an entry key (first wins). */
export function normalizeEntries(feed: ParsedFeed, feedUrl: string): NormalizedEntry[] {
  const seen = new Set<string>();
  const out: NormalizedEntry[] = [];
  for (const entry of feed.entries) {
    const n = normalizeEntry(entry, feedUrl);
    if (seen.has(n.entryKey)) continue;
    seen.add(n.entryKey);
    out.push(n);
  }
  return out;
}

/**
 * Whether a feed entry carries only a summary, so the article page should be fetched for the full text.
 * Rule: the feed gave no body distinct from its summary and the text is short (< 700 characters, about two short
 * paragraphs), or it ends in a "read more" / ellipsis teaser marker.
 * @param text plain text of the best body the feed gave.
 */
export function looksLikeSummary(entry: Pick<NormalizedEntry, 'summary' | 'content'>, text: string): boolean {
  const hasSeparateBody = entry.content !== null && entry.content !== entry.summary;
  const teaserEnd = /(\u2026|\.\.\.|\[…\]|\[\.\.\.\]|read more|continue reading|weiterlesen|lire la suite|leer más)\s*\W*$/i.test(text.trim());
  if (teaserEnd) return true;
  return !hasSeparateBody && text.length < 700;
}
