/**
 * `parseFeed`: bytes of a feed document → the normalized model (ParsedFeed), whatever the format.
 */
import { fail, ok, type Result } from '../../domain/errors.ts';
import type { ParsedEntry, ParsedFeed, ParsedFeedMeta } from '../../domain/feed.ts';
import { ATOM10_NS, mapAtom, mapAtomEntryDocument } from './atom.ts';
import { decodeFeedBytes } from './encoding.ts';
import { looksLikeJson, mapJsonFeed } from './json-feed.ts';
import type { MappedFeed } from './mapped-feed.ts';
import { mapRss } from './rss.ts';
import { parseXml, type XmlElement } from './xml-tree.ts';

export interface ParseFeedOptions {
  /** The URL the document was fetched from: the base for relative links (xml:base inside takes precedence). */
  url?: string;
  /** The HTTP Content-Type header value, including any `charset=` (which wins over the XML declaration). */
  contentType?: string;
}

const FEED_ROOTS = new Set(['rss', 'rdf', 'feed', 'channel']);

/**
 * The first feed root element: a top-level one (an Atom Entry Document's `<entry>` counts), else one nested a few
 * levels down (e.g. inside an envelope).
 */
function findFeedRoot(roots: XmlElement[]): XmlElement | null {
  for (const r of roots) if (FEED_ROOTS.has(r.local) || (r.local === 'entry' && r.ns === ATOM10_NS)) return r;
  let level: XmlElement[] = roots;
  for (let depth = 0; depth < 3 && level.length > 0; depth++) {
    const next: XmlElement[] = [];
    for (const el of level) {
      for (const c of el.children) {
        if (typeof c === 'string') continue;
        if (c.local === 'rss' || c.local === 'feed' || (c.local === 'rdf' && c.prefix !== '')) return c;
        next.push(c);
      }
    }
    level = next.length > 10_000 ? next.slice(0, 10_000) : next;
  }
  return null;
}

/**
 * Windows-1252 characters for C1 control code points (U+0080–U+009F), which in feeds are nearly always
 * windows-1252 bytes mislabelled as ISO-8859-1 or Unicode ("demoronizing", as feedparser does).
 */
const CP1252_C1 = '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
  '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

function fixC1(s: string): string {
  if (!/[\u0080-\u009f]|&#(?:1[2-5]\d|x[89][0-9a-f]);/i.test(s)) return s;
  return s
    .replace(/[\u0080-\u009f]/g, (c) => CP1252_C1[c.charCodeAt(0) - 0x80]!)
    .replace(/&#(1[2-5]\d|x[89][0-9a-f]);/gi, (m, n: string) => {
      const cp = n[0] === 'x' || n[0] === 'X' ? parseInt(n.slice(1), 16) : Number(n);
      if (cp < 0x80 || cp > 0x9f) return m;
      const ch = CP1252_C1[cp - 0x80]!;
      return '&#x' + ch.charCodeAt(0).toString(16) + ';';
    });
}

function cleanString(s: string | null): string | null {
  return s === null ? null : fixC1(s);
}

function cleanMeta(m: ParsedFeedMeta): ParsedFeedMeta {
  return {
    ...m,
    title: cleanString(m.title),
    description: cleanString(m.description),
    generator: cleanString(m.generator),
    author: m.author === null ? null : { ...m.author, name: cleanString(m.author.name) },
  };
}

function cleanEntry(e: ParsedEntry): ParsedEntry {
  return {
    ...e,
    title: cleanString(e.title),
    summary: cleanString(e.summary),
    content: cleanString(e.content),
    author: e.author === null ? null : { ...e.author, name: cleanString(e.author.name) },
    categories: e.categories.map((c) => fixC1(c)),
  };
}

/**
 * Parses a feed document.
 *
 * Formats: RSS 0.90–0.94/2.0, RSS 1.0 (RDF), Atom 0.1–0.3/1.0, JSON Feed 1.0/1.1, detected from content (not from
 * the Content-Type). Encoding per RFC 7303 (see `decodeFeedBytes`). Ill-formed XML is recovered where it is still
 * readable; DTDs and external entities are never loaded.
 *
 * @param bytes the document exactly as received (not pre-decoded)
 * @param opts `url`: base URL for relative links; `contentType`: the HTTP Content-Type header
 * @returns the model (dates ISO-8601 UTC or null, absent values null or []), or a failure of kind 'parse' when the
 *   bytes hold no feed (empty, not XML/JSON, HTML page, unknown root element). Never throws on any input.
 */
export function parseFeed(bytes: Uint8Array, opts: ParseFeedOptions = {}): Result<ParsedFeed> {
  if (bytes.length === 0) return fail({ kind: 'parse', message: 'empty document' });
  const { text, encoding } = decodeFeedBytes(bytes, opts.contentType);
  const baseUrl = opts.url !== undefined && opts.url !== '' ? opts.url : null;
  let mapped: MappedFeed;
  if (looksLikeJson(text)) {
    const json = mapJsonFeed(text, baseUrl);
    if (!json.ok) return fail({ kind: 'parse', message: json.error });
    mapped = json.value;
  } else {
    const doc = parseXml(text, baseUrl);
    const root = findFeedRoot(doc.roots);
    if (root === null) {
      const first = doc.roots[0];
      const message =
        first === undefined
          ? 'not a feed: no XML element found'
          : `not a feed: root element <${first.name}> is not rss, RDF, feed (Atom) or channel`;
      return fail({ kind: 'parse', message });
    }
    mapped = root.local === 'feed' ? mapAtom(root) : root.local === 'entry' ? mapAtomEntryDocument(root) : mapRss(root);
  }
  return ok({
    format: mapped.format,
    encoding,
    feed: cleanMeta(mapped.feed),
    entries: mapped.entries.map(cleanEntry),
  });
}
