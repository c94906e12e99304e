/**
 * The normalized feed model every parser returns, whatever the wire format (RSS 0.9x/1.0/2.0, Atom 0.3/1.0,
 * JSON Feed 1.0/1.1). Field mapping follows feedparser's (see ../shared/data/feed-conformance-dev/README.md).
 * Dates are ISO-8601 UTC strings or null; absent values are null or [].
 */

export type FeedFormat =
  | 'rss2' | 'rss091' | 'rss092' | 'rss093' | 'rss094' | 'rss' | 'rss1' | 'rss090'
  | 'atom10' | 'atom03' | 'atom01' | 'atom02' | 'atom'
  | 'json1' | 'json11';

export interface Person {
  name: string | null;
  email: string | null;
  url: string | null;
}

export interface FeedImage {
  url: string | null;
  title: string | null;
  link: string | null;
}

export interface Enclosure {
  url: string;
  type: string | null;
  /** Bytes, or null when the feed does not say. */
  length: number | null;
}

export interface ParsedEntry {
  id: string | null;
  title: string | null;
  link: string | null;
  /** Text or HTML, as the feed gave it (not yet sanitized). */
  summary: string | null;
  /** The best full body (content:encoded / Atom content / description), HTML or text, not yet sanitized. */
  content: string | null;
  published: string | null;
  updated: string | null;
  author: Person | null;
  categories: string[];
  enclosures: Enclosure[];
}

export interface ParsedFeedMeta {
  title: string | null;
  link: string | null;
  description: string | null;
  language: string | null;
  updated: string | null;
  author: Person | null;
  image: FeedImage | null;
  generator: string | null;
  id: string | null;
  icon: string | null;
  /** WebSub hub URL advertised by the feed (`<link rel="hub">`), if any. */
  hub?: string | null;
  /** RSS `<ttl>` in minutes, if any. */
  ttlMinutes?: number | null;
}

export interface ParsedFeed {
  format: FeedFormat;
  /** The character encoding actually used to decode, lower-case label (e.g. "utf-8", "windows-1252"). */
  encoding: string;
  feed: ParsedFeedMeta;
  entries: ParsedEntry[];
}
