/**
 * JSON Feed 1.0 / 1.1 (https://www.jsonfeed.org/version/1.1/) → the normalized model. Values of the wrong JSON type
 * are treated as absent rather than failing the feed.
 */
import type { Enclosure, ParsedEntry, ParsedFeedMeta, Person } from '../../domain/feed.ts';
import { fail, ok, type Result } from '../../domain/errors.ts';
import { parseFeedDate } from './dates.ts';
import type { MappedFeed } from './mapped-feed.ts';
import { resolveUrl } from './uri.ts';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type JsonObject = { [k: string]: Json };

function isObject(v: Json | undefined): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function str(v: Json | undefined): string | null {
  if (typeof v === 'string') return v.trim() === '' ? null : v;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v); // e.g. numeric ids
  return null;
}

function url(v: Json | undefined, base: string | null): string | null {
  const s = str(v);
  return s === null ? null : resolveUrl(s, base);
}

function person(v: Json | undefined, base: string | null): Person | null {
  if (!isObject(v)) return null;
  const p: Person = { name: str(v['name']), email: null, url: url(v['url'], base) };
  return p.name === null && p.url === null ? null : p;
}

/** JSON Feed 1.1 `authors` (first) or 1.0 `author`. */
function firstAuthor(o: JsonObject, base: string | null): Person | null {
  const authors = o['authors'];
  if (Array.isArray(authors)) {
    for (const a of authors) {
      const p = person(a, base);
      if (p !== null) return p;
    }
  }
  return person(o['author'], base);
}

/** `size_in_bytes`: a non-negative number, or a string of digits (a common producer slip); else null. */
function byteSize(v: Json | undefined): number | null {
  if (typeof v === 'number') return Number.isFinite(v) && v >= 0 ? Math.trunc(v) : null;
  return typeof v === 'string' && /^\s*\d+\s*$/.test(v) ? Number(v) : null;
}

/** Does this text look like a JSON document (first non-space character `{`)? */
export function looksLikeJson(text: string): boolean {
  return /^\s*\{/.test(text);
}

/**
 * Maps a JSON Feed document to the model.
 *
 * @param text the decoded document
 * @param baseUrl the document URL (for relative `home_page_url`, item `url`s …), or null
 * @returns the mapped feed, or a failure message when the text is not JSON or not a JSON Feed
 */
export function mapJsonFeed(text: string, baseUrl: string | null): Result<MappedFeed, string> {
  let doc: Json;
  try {
    doc = JSON.parse(text) as Json;
  } catch (err) {
    return fail(`invalid JSON: ${(err as Error).message}`);
  }
  if (!isObject(doc)) return fail('JSON document is not an object');
  const version = str(doc['version']) ?? '';
  if (!/jsonfeed\.org\/version\//i.test(version) && !Array.isArray(doc['items'])) {
    return fail('JSON document is not a JSON Feed (no jsonfeed.org version, no items)');
  }
  const base = url(doc['feed_url'], baseUrl) ?? baseUrl;
  const feedAuthor = firstAuthor(doc, base);
  const hubs = doc['hubs'];
  const hub = Array.isArray(hubs) && hubs.length > 0 && isObject(hubs[0]) ? url(hubs[0]['url'], base) : null;
  const icon = url(doc['icon'], base);
  const feed: ParsedFeedMeta = {
    title: str(doc['title']),
    link: url(doc['home_page_url'], base),
    description: str(doc['description']),
    language: str(doc['language']),
    updated: null,
    author: feedAuthor,
    image: icon !== null ? { url: icon, title: null, link: null } : null,
    generator: null,
    id: null,
    icon: url(doc['favicon'], base),
    hub,
    ttlMinutes: null,
  };
  const entries: ParsedEntry[] = [];
  const items = Array.isArray(doc['items']) ? doc['items'] : [];
  for (const item of items) {
    if (!isObject(item)) continue;
    const tags = Array.isArray(item['tags']) ? item['tags'] : [];
    const categories: string[] = [];
    for (const t of tags) {
      const s = str(t);
      if (s !== null) categories.push(s);
    }
    const enclosures: Enclosure[] = [];
    const attachments = Array.isArray(item['attachments']) ? item['attachments'] : [];
    for (const att of attachments) {
      if (!isObject(att)) continue;
      const u = url(att['url'], base);
      if (u === null) continue;
      enclosures.push({ url: u, type: str(att['mime_type']), length: byteSize(att['size_in_bytes']) });
    }
    entries.push({
      id: str(item['id']),
      title: str(item['title']),
      link: url(item['url'], base) ?? url(item['external_url'], base),
      summary: str(item['summary']),
      content: str(item['content_html']) ?? str(item['content_text']),
      published: parseFeedDate(str(item['date_published'])),
      updated: parseFeedDate(str(item['date_modified'])),
      author: firstAuthor(item, base) ?? feedAuthor,
      categories,
      enclosures,
    });
  }
  return ok({ format: /\/1\.1\b/.test(version) ? 'json11' : 'json1', feed, entries });
}
