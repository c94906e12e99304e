// The bundled demo corpus: its on-disk shape (data/demo/corpus.jsonl.gz) and its loader.
// The builder (scripts/build-demo-corpus.ts) writes it; the feed server reads it. Keeping both sides on one set
// of types means a field renamed in one place fails the type check in the other.

import { readFile } from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';

/** Wire format a demo feed is served in. `rdf` = RSS 1.0, `rss091` = Netscape/UserLand RSS 0.91 (legacy). */
export type DemoFeedFormat = 'rss2' | 'atom' | 'json' | 'rdf' | 'rss091';

/** Character encoding of an XML feed's bytes (declared in both the XML declaration and the HTTP charset). */
export type DemoFeedEncoding = 'utf-8' | 'windows-1252' | 'iso-8859-1' | 'koi8-r';

/**
 * What the feed's URL does besides serving a feed:
 * - `regular`: 200 with the feed.
 * - `moved`: the URL listed in the OPML answers 301 to `/feeds/<id>-new.<ext>`, which serves the feed.
 * - `rate-limited`: 429 with `Retry-After: 120`; a client that waits the 120 s gets the feed once, then the
 *   window starts again.
 * - `gone`: 410 always (no articles). `failing`: 500 always (no articles).
 */
export type DemoFeedRole = 'regular' | 'moved' | 'rate-limited' | 'gone' | 'failing';

/** One article as it appears in ../shared/data/copies-dev/corpus.jsonl (minus nothing, plus nothing). */
export interface DemoArticle {
  /** Corpus id, e.g. "a000adcb5"; stable, used in GUIDs and page paths. */
  id: string;
  /** The article's original URL (real for originals, synthetic `.example` for copies). */
  url: string;
  /** Original publication time, ISO-8601 UTC. The server shifts it towards "now" when serving. */
  published: string;
  title: string;
  /** Plain text, paragraphs separated by blank lines. */
  text: string;
  /** The source name in the original corpus (several may share one demo feed). */
  source: string;
}

/** One demo feed (a "source" in Newsdesk terms) and its articles, newest first. */
export interface DemoFeed {
  /** URL-safe slug, unique, e.g. "reuters-com". */
  id: string;
  title: string;
  /** Host of the (fictional or real) site, e.g. "reuters.com"; used in page chrome and OPML htmlUrl. */
  siteHost: string;
  /** ISO 3166-1 alpha-2. */
  country: string;
  /** BCP 47. */
  language: string;
  /** Outline category in the OPML (e.g. "United Kingdom", "Demo: hard cases"). */
  category: string;
  format: DemoFeedFormat;
  encoding: DemoFeedEncoding;
  /** false = summary-only: the feed carries a teaser and the full text is only on the article page. */
  fullText: boolean;
  premium: boolean;
  role: DemoFeedRole;
  articles: DemoArticle[];
}

/** Absolute path of the bundled corpus (data/demo/corpus.jsonl.gz at the repository root). */
export function defaultDemoCorpusPath(): string {
  return fileURLToPath(new URL('../../data/demo/corpus.jsonl.gz', import.meta.url));
}

/**
 * Reads a demo corpus: gzip'd JSONL, one {@link DemoFeed} per line.
 * @param path file path; defaults to {@link defaultDemoCorpusPath}.
 * @throws Error if the file is missing, not gzip, or a line is not a feed object (the corpus is ours: a bad file
 *   is a bug, not an expected failure).
 */
export async function loadDemoCorpus(path: string = defaultDemoCorpusPath()): Promise<DemoFeed[]> {
  const text = gunzipSync(await readFile(path)).toString('utf8');
  const feeds: DemoFeed[] = [];
  for (const [i, line] of text.split('\n').entries()) {
    if (line.trim() === '') continue;
    const value = JSON.parse(line) as DemoFeed;
    if (typeof value.id !== 'string' || !Array.isArray(value.articles)) {
      throw new Error(`${path}:${i + 1}: not a demo feed`);
    }
    feeds.push(value);
  }
  return feeds;
}

/** Serializes feeds to the corpus file format (JSONL, gzip is up to the caller). */
export function serializeDemoCorpus(feeds: readonly DemoFeed[]): string {
  return feeds.map((f) => JSON.stringify(f)).join('\n') + '\n';
}
