/**
 * Atom 1.0 (RFC 4287) and Atom 0.3 (and the 0.1/0.2 drafts) element trees → the normalized model. Field sources
 * follow feedparser's mapping: `link rel=alternate` (or no rel), `subtitle`/`tagline`, `updated`/`modified`,
 * `published`/`issued`, first `author`, `logo`/`icon`, `category term`, `link rel=enclosure`.
 */
import type { Enclosure, FeedFormat, ParsedEntry, ParsedFeedMeta } from '../../domain/feed.ts';
import {
  allChildren, atomText, attr, childElements, declaredLanguage, hrefOf, keyOf, latestDate, linkRel, nonEmpty,
  personElement, preferredChild, textOf, urlOf,
} from './elements.ts';
import type { MappedFeed } from './mapped-feed.ts';
import { textContent, type XmlElement } from './xml-tree.ts';

/** The Atom 1.0 namespace, lower-cased as the XML reader reports namespaces. */
export const ATOM10_NS = 'http://www.w3.org/2005/atom';

/** Atom names match with or without the `atom` prefix (Atom in its own namespace, in none, or prefixed). */
function a(el: XmlElement, ...locals: string[]): XmlElement | undefined {
  for (const l of locals) {
    for (const c of el.children) {
      if (typeof c === 'string') continue;
      const k = keyOf(c);
      if (k === l || (k.length === l.length + 5 && k.startsWith('atom:') && k.endsWith(l))) return c;
    }
  }
  return undefined;
}

/** Lookup keys for Atom names: each bare name also as `atom:name` (prefixed names are kept as they are). */
function atomKeys(...names: string[]): string[] {
  return names.flatMap((n) => (n.includes(':') ? [n] : [n, 'atom:' + n]));
}

/** Date synonyms: Atom 1.0 `published`/`updated`, Atom 0.3 `issued`/`modified` (`created` only as a fallback), DC. */
const PUBLISHED_KEYS = atomKeys('published', 'issued', 'dcterms:issued');
const CREATED_KEYS = atomKeys('created', 'dcterms:created');
const UPDATED_KEYS = atomKeys('updated', 'modified', 'dc:date', 'dcterms:modified');

function all(el: XmlElement, local: string): XmlElement[] {
  return allChildren(el, local, 'atom:' + local);
}

const HTML_TYPES = new Set(['text/html', 'application/xhtml+xml']);

/**
 * The alternate link: the first `link` with rel="alternate" (the default) whose type is HTML (the default) — as
 * feedparser, which ignores alternates of other types (e.g. an Atom or audio alternate is not the page).
 */
function alternateLink(el: XmlElement): string | null {
  for (const l of all(el, 'link')) {
    const rel = linkRel(l);
    if (rel !== 'alternate') continue;
    const href = hrefOf(l) ?? urlOf(textOf(l), l);
    if (href === null) continue;
    const type = (attr(l, 'type') ?? 'text/html').trim().toLowerCase();
    if (HTML_TYPES.has(type) || type === 'html' || type === 'xhtml' || type === '') return href;
  }
  return null;
}

function linkWithRel(el: XmlElement, wanted: string): string | null {
  for (const l of all(el, 'link')) {
    if (linkRel(l) === wanted) {
      const h = hrefOf(l);
      if (h !== null) return h;
    }
  }
  return null;
}

function idOf(el: XmlElement): string | null {
  const idEl = a(el, 'id');
  const t = textOf(idEl);
  if (t === null || idEl === undefined) return null;
  // Relative ids are resolved like other IRIs (feedparser does; absolute ones are left untouched).
  return /^[a-z][a-z0-9+.-]*:/i.test(t) ? t : (urlOf(t, idEl) ?? t);
}

function categoriesOf(el: XmlElement): string[] {
  const out: string[] = [];
  for (const c of childElements(el)) {
    const k = keyOf(c);
    let v: string | null = null;
    if (k === 'category' || k === 'atom:category') v = nonEmpty(attr(c, 'term')?.trim()) ?? textOf(c);
    else if (k === 'dc:subject') v = textOf(c);
    if (v !== null && !out.includes(v)) out.push(v);
  }
  return out;
}

function enclosuresOf(el: XmlElement): Enclosure[] {
  const out: Enclosure[] = [];
  for (const l of all(el, 'link')) {
    if (linkRel(l) !== 'enclosure') continue;
    const url = hrefOf(l);
    if (url === null) continue;
    const lengthText = (attr(l, 'length') ?? '').trim();
    out.push({ url, type: nonEmpty(attr(l, 'type')?.trim()), length: /^\d+$/.test(lengthText) ? Number(lengthText) : null });
  }
  return out;
}

function atomFormat(root: XmlElement): FeedFormat {
  if (root.ns === ATOM10_NS) return 'atom10';
  const v = (attr(root, 'version') ?? '').trim();
  if (v === '0.3') return 'atom03';
  if (v === '0.2') return 'atom02';
  if (v === '0.1') return 'atom01';
  if (v === '1.0') return 'atom10';
  return root.ns === 'http://purl.org/atom/ns#' ? 'atom03' : 'atom';
}

function mapEntry(entry: XmlElement, feedAuthor: ParsedFeedMeta['author']): ParsedEntry {
  const summaryEl = a(entry, 'summary');
  const summary = nonEmpty(atomText(summaryEl));
  // Several <content> elements: prefer an HTML-ish one, as readers do.
  const contents = all(entry, 'content');
  const contentEl =
    contents.find((c) => /html/i.test(attr(c, 'type') ?? '')) ?? contents[0];
  const content = nonEmpty(atomText(contentEl)) ?? summary;
  const authorEl = a(entry, 'author');
  let author = personElement(authorEl);
  if (author === null) {
    const dc = textOf(preferredChild(entry, 'dc:creator', 'dc:author'));
    if (dc !== null) author = { name: dc, email: null, url: null };
  }
  return {
    id: idOf(entry),
    title: nonEmpty(atomText(a(entry, 'title'))),
    link: alternateLink(entry),
    summary: summary ?? (contentEl !== undefined ? content : null),
    content,
    published: latestDate(entry, PUBLISHED_KEYS, CREATED_KEYS),
    updated: latestDate(entry, UPDATED_KEYS),
    author: author ?? feedAuthor,
    categories: categoriesOf(entry),
    enclosures: enclosuresOf(entry),
  };
}

/** Maps an Atom `<feed>` root to the model. */
export function mapAtom(root: XmlElement): MappedFeed {
  const logoEl = a(root, 'logo');
  const iconEl = a(root, 'icon');
  const generatorEl = a(root, 'generator');
  const authorEl = a(root, 'author');
  const author = personElement(authorEl);
  const feed: ParsedFeedMeta = {
    title: nonEmpty(atomText(a(root, 'title'))),
    link: alternateLink(root),
    description: nonEmpty(atomText(a(root, 'subtitle', 'tagline'))),
    // A language element states it outright; feedparser lets it override the root's xml:lang.
    language: textOf(preferredChild(root, 'dc:language')) ?? declaredLanguage(root),
    updated: latestDate(root, UPDATED_KEYS),
    author: author ?? personFromDc(root),
    image: logoEl !== undefined ? { url: urlOf(textContent(logoEl), logoEl), title: null, link: null } : null,
    generator: generatorEl !== undefined ? textOf(generatorEl) : null,
    id: idOf(root),
    icon: iconEl !== undefined ? urlOf(textContent(iconEl), iconEl) : null,
    hub: linkWithRel(root, 'hub'),
    ttlMinutes: null,
  };
  const entries = all(root, 'entry').map((e) => mapEntry(e, feed.author));
  return { format: atomFormat(root), feed, entries };
}

/**
 * Maps an Atom Entry Document (RFC 4287 §4.1.2: a lone `<entry>` as the root, as served by AtomPub) to a model with
 * that one entry and no feed metadata.
 */
export function mapAtomEntryDocument(entry: XmlElement): MappedFeed {
  const feed: ParsedFeedMeta = {
    title: null, link: null, description: null, language: declaredLanguage(entry), updated: null, author: null,
    image: null, generator: null, id: null, icon: null, hub: null, ttlMinutes: null,
  };
  return { format: atomFormat(entry), feed, entries: [mapEntry(entry, null)] };
}

function personFromDc(root: XmlElement): ParsedFeedMeta['author'] {
  const dc = textOf(preferredChild(root, 'dc:creator', 'dc:author'));
  return dc === null ? null : { name: dc, email: null, url: null };
}
