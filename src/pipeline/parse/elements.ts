/**
 * Element lookup and value helpers shared by the RSS, RDF and Atom mappings: canonical namespace prefixes (so
 * `<foo:encoded xmlns:foo="http://purl.org/rss/1.0/modules/content/">` is `content:encoded`), text extraction,
 * Atom text constructs, person parsing.
 */
import type { Person } from '../../domain/feed.ts';
import { parseFeedDate } from './dates.ts';
import { absolutizeHtml } from './html-urls.ts';
import { resolveUrl } from './uri.ts';
import { innerXml, textContent, type XmlElement } from './xml-tree.ts';

/**
 * Namespace URI (lower-case) → the prefix we match on. The core feed vocabularies map to '' (no prefix); Atom
 * inside RSS keeps `atom`. Source: feedparser's `namespaces` table (feedparser/namespaces/*), trimmed to what the
 * normalized model reads.
 */
const CANONICAL_PREFIXES: ReadonlyMap<string, string> = new Map([
  ['http://backend.userland.com/rss', ''],
  ['http://backend.userland.com/rss2', ''],
  ['http://blogs.law.harvard.edu/tech/rss', ''],
  ['http://purl.org/rss/1.0/', ''],
  ['http://my.netscape.com/rdf/simple/0.9/', ''],
  ['http://purl.org/rss/1.0/modules/rss091#', ''],
  ['http://example.com/newformat#', ''],
  ['http://example.com/necho', ''],
  ['http://purl.org/echo/', ''],
  ['uri/of/echo/namespace#', ''],
  ['http://purl.org/pie/', ''],
  ['http://purl.org/atom/ns#', 'atom'],
  ['http://www.w3.org/2005/atom', 'atom'],
  ['http://purl.org/rss/1.0/modules/content/', 'content'],
  ['http://purl.org/dc/elements/1.1/', 'dc'],
  ['http://purl.org/dc/terms/', 'dcterms'],
  ['http://www.itunes.com/dtds/podcast-1.0.dtd', 'itunes'],
  ['http://example.com/dtds/podcast-1.0.dtd', 'itunes'],
  ['http://search.yahoo.com/mrss', 'media'],
  ['http://search.yahoo.com/mrss/', 'media'],
  ['http://www.w3.org/1999/02/22-rdf-syntax-ns#', 'rdf'],
  ['http://www.w3.org/1999/xhtml', 'xhtml'],
  ['http://www.w3.org/xml/1998/namespace', 'xml'],
  ['http://webns.net/mvcb/', 'admin'],
  ['http://purl.org/rss/1.0/modules/syndication/', 'sy'],
  ['http://purl.org/syndication/thread/1.0', 'thr'],
  ['http://wellformedweb.org/commentapi/', 'wfw'],
  ['http://purl.org/rss/1.0/modules/slash/', 'slash'],
  ['http://www.google.com/schemas/reader/atom/', 'gr'],
  ['http://rssnamespace.org/feedburner/ext/1.0', 'feedburner'],
]);

/** The lookup key of an element: `local` for core vocabulary, `prefix:local` otherwise (e.g. `dc:creator`). */
export function keyOf(el: XmlElement): string {
  return (el.key ??= computeKey(el));
}

function computeKey(el: XmlElement): string {
  let prefix: string;
  if (el.ns !== '') {
    const canonical = CANONICAL_PREFIXES.get(el.ns);
    // An unknown namespace keeps its written prefix; an unknown default namespace reads as the core vocabulary.
    prefix = canonical ?? el.prefix.toLowerCase();
  } else {
    prefix = el.prefix.toLowerCase();
  }
  return prefix === '' ? el.local : prefix + ':' + el.local;
}

/** The element children of `el` (text dropped), in document order. */
export function childElements(el: XmlElement): XmlElement[] {
  const out: XmlElement[] = [];
  for (const c of el.children) if (typeof c !== 'string') out.push(c);
  return out;
}

/** First child element whose key is one of `keys` (in document order). */
export function firstChild(el: XmlElement, ...keys: string[]): XmlElement | undefined {
  for (const c of el.children) if (typeof c !== 'string' && keys.includes(keyOf(c))) return c;
  return undefined;
}

/** First child by key priority: the first key that matches any child wins. */
export function preferredChild(el: XmlElement, ...keys: string[]): XmlElement | undefined {
  for (const k of keys) {
    for (const c of el.children) if (typeof c !== 'string' && keyOf(c) === k) return c;
  }
  return undefined;
}

/**
 * The date of the last child (in document order) whose key is one of `keys` and whose text parses; else, the same
 * over `fallbackKeys`. Synonyms (`pubDate`/`dcterms:issued`, Atom 0.3 `issued`/`published`) fill one field, so a later
 * one overrides an earlier one, as feedparser overwrites the parsed date.
 */
export function latestDate(
  el: XmlElement, keys: readonly string[], fallbackKeys: readonly string[] = [],
): string | null {
  for (const group of [keys, fallbackKeys]) {
    let found: string | null = null;
    for (const c of el.children) {
      if (typeof c === 'string' || !group.includes(keyOf(c))) continue;
      found = parseFeedDate(textOf(c)) ?? found;
    }
    if (found !== null) return found;
  }
  return null;
}

/** Every child element whose key is one of `keys`, in document order. */
export function allChildren(el: XmlElement, ...keys: string[]): XmlElement[] {
  const out: XmlElement[] = [];
  for (const c of el.children) if (typeof c !== 'string' && keys.includes(keyOf(c))) out.push(c);
  return out;
}

/**
 * An attribute value by lower-case local name: unprefixed (or in the element's namespace) first, else any prefix.
 */
export function attr(el: XmlElement, local: string): string | undefined {
  for (const a of el.attrs) if (a.local === local && (a.ns === '' || a.ns === el.ns)) return a.value;
  for (const a of el.attrs) if (a.local === local) return a.value;
  return undefined;
}

function hasElementChildren(el: XmlElement): boolean {
  return el.children.some((c) => typeof c !== 'string');
}

/**
 * The value of a simple element: its text, or — when it holds inline markup (unescaped HTML in an RSS
 * description) — that markup serialized back.
 */
export function valueOf(el: XmlElement | undefined): string | null {
  if (el === undefined) return null;
  return hasElementChildren(el) ? innerXml(el) : textContent(el);
}

/** Plain text of an element, trimmed; null when absent or empty. */
export function textOf(el: XmlElement | undefined): string | null {
  if (el === undefined) return null;
  const t = textContent(el).trim();
  return t === '' ? null : t;
}

/**
 * The language an element declares for its content: `xml:lang` in effect (inherited), else a bare `lang` attribute
 * (HTML habit, which feedparser also reads). `xml:lang=""` means "no language" (XML 1.0 §2.12).
 */
export function declaredLanguage(el: XmlElement): string | null {
  if (el.lang !== null) return nonEmpty(el.lang);
  return nonEmpty(attr(el, 'lang')?.trim());
}

/** Non-empty trimmed string or null. */
export function nonEmpty(s: string | null | undefined): string | null {
  if (s === null || s === undefined) return null;
  return s.trim() === '' ? null : s;
}

/** A URL-valued element or attribute, resolved against the element's base. */
export function urlOf(value: string | null | undefined, el: XmlElement): string | null {
  if (value === null || value === undefined) return null;
  const v = value.trim();
  if (v === '') return null;
  return resolveUrl(v, el.base);
}

function decodeBase64Utf8(s: string): string {
  return Buffer.from(s.replace(/\s+/g, ''), 'base64').toString('utf8');
}

/**
 * The value of an element holding HTML (RSS description, content:encoded; HTML-looking titles): like `valueOf`,
 * with relative URLs in the markup resolved against the element's base.
 */
export function htmlOf(el: XmlElement | undefined): string | null {
  const v = valueOf(el);
  return v === null || el === undefined || v.indexOf('<') < 0 ? v : absolutizeHtml(v, el.base);
}

/** MIME types whose Atom content is character data rather than base64 (RFC 4287 §4.1.3.3). */
function isTextualMime(type: string): boolean {
  return type.startsWith('text/') || type.endsWith('+xml') || type.endsWith('/xml');
}

/**
 * An Atom text construct (RFC 4287 §3.1) or Atom 0.3 content construct: `type="text"` → the characters,
 * `html` → the HTML markup, `xhtml` → the markup inside the wrapping `<div>`; other non-textual MIME types and
 * 0.3's `mode="base64"` are base64-decoded (unless they hold elements: inline XML); 0.3's inline XHTML
 * (`mode="xml"`) is serialized with its `<div>`; 0.3's `multipart/alternative` yields its HTML part.
 * Relative URLs in HTML/XHTML markup are resolved against the element's base.
 */
export function atomText(el: XmlElement | undefined): string | null {
  if (el === undefined) return null;
  const type = (attr(el, 'type') ?? 'text').trim().toLowerCase();
  const mode = (attr(el, 'mode') ?? '').trim().toLowerCase();
  const kids = childElements(el);
  if (type.startsWith('multipart/')) {
    // Atom 0.3 multipart/alternative: the alternatives are nested content constructs; the HTML one is the body.
    const parts = kids.filter((k) => k.local === 'content');
    return atomText(parts.find((p) => /html/i.test(attr(p, 'type') ?? '')) ?? parts[0]);
  }
  const base64 = mode === 'base64' ||
    (type.includes('/') && !isTextualMime(type) && mode !== 'escaped' && mode !== 'xml' && kids.length === 0);
  if (base64) {
    try {
      return decodeBase64Utf8(textContent(el));
    } catch {
      return textContent(el);
    }
  }
  const onlyDiv =
    kids.length === 1 && kids[0]!.local === 'div' && el.children.every((c) => typeof c !== 'string' || c.trim() === '');
  let html: string;
  // RFC 4287 strips the wrapping <div> of XHTML content; Atom 0.3 feeds kept it (feedparser preserves it there).
  const atom10 = el.ns === 'http://www.w3.org/2005/atom';
  if (type === 'xhtml' || (atom10 && type === 'application/xhtml+xml')) {
    html = innerXml(onlyDiv ? kids[0]! : el);
  } else if (kids.length > 0) {
    // Inline markup: Atom 0.3 `mode="xml"` keeps its <div>; a stray <div> in type="html" is dropped.
    html = type === 'html' && onlyDiv ? innerXml(kids[0]!) : innerXml(el);
  } else {
    const text = textContent(el);
    if (type === 'text' || type === 'text/plain') return text;
    html = text;
  }
  return html.indexOf('<') < 0 ? html : absolutizeHtml(html, el.base);
}

const EMAIL = /(?:mailto:)?([\w.+-]+@[\w-]+(?:\.[\w-]+)+)/;

/**
 * Splits an RSS-style author string: `email (Name)`, `Name <email>`, `Name`, or `email`.
 * feedparser `_sync_author_detail` does the same: find the e-mail, the rest (minus brackets) is the name.
 */
export function parsePersonString(raw: string | null): Person | null {
  if (raw === null) return null;
  const s = raw.trim();
  if (s === '') return null;
  // A bounded input keeps the e-mail regex linear-time in practice; a 1 kB "author" is not a person string anyway.
  const m = s.length <= 1000 ? EMAIL.exec(s) : null;
  if (m === null) return { name: s, email: null, url: null };
  const email = m[1]!;
  let name = s.replace(m[0], '').replace(/\(\s*\)|<\s*>/g, '').trim();
  name = name.replace(/^[(<\s]+|[)>\s]+$/g, '').trim();
  return { name: name === '' ? null : name, email, url: null };
}

/**
 * A person element: an Atom person construct (`name`, `email`, `uri`; Atom 0.3 `url`), or — when it has none of
 * those parts, as RSS `author`/`managingEditor`/`dc:creator` — an author string split by `parsePersonString`.
 */
export function personElement(el: XmlElement | undefined): Person | null {
  if (el === undefined) return null;
  const name = textOf(preferredChild(el, 'name', 'atom:name'));
  const email = textOf(preferredChild(el, 'email', 'atom:email'));
  const uriEl = preferredChild(el, 'uri', 'atom:uri', 'url', 'atom:url', 'homepage', 'atom:homepage');
  const url = uriEl !== undefined ? urlOf(textContent(uriEl), uriEl) : null;
  if (name === null && email === null && url === null) {
    // RSS, and some Atom feeds, put the whole person in the element's text.
    const t = textOf(el);
    return t === null ? null : parsePersonString(t);
  }
  return { name, email, url };
}

const IANA_RELATIONS = 'http://www.iana.org/assignments/relation/';

/**
 * The relation of a `<link>`, lower-cased: `rel` (default `alternate`, RFC 4287 §4.2.7.2), with the IANA registry IRI
 * form (`http://www.iana.org/assignments/relation/alternate`) read as the bare name it is equivalent to.
 */
export function linkRel(el: XmlElement): string {
  const rel = (attr(el, 'rel') ?? 'alternate').trim().toLowerCase();
  return rel.startsWith(IANA_RELATIONS) ? rel.slice(IANA_RELATIONS.length) : rel;
}

/** `<link>`-like href attribute resolved against the element's base. */
export function hrefOf(el: XmlElement): string | null {
  return urlOf(attr(el, 'href') ?? null, el);
}
