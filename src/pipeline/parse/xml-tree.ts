/**
 * A tolerant XML reader: decoded text in, a small namespace-aware element tree out. It reads what a human would
 * still read — unescaped `&`, HTML named entities (`&nbsp;`), junk before the root, unclosed or badly nested
 * elements, unquoted attributes — and never fails: every input yields a (possibly empty) tree.
 *
 * Security: DTDs are skipped, never fetched; external entities (`SYSTEM`/`PUBLIC`) are ignored; internal general
 * entities (`<!ENTITY x "…">`) are expanded with a depth limit and a per-document expansion budget, so
 * "billion laughs" stays small and fast.
 */
import { HTML4_ENTITIES } from './entities.ts';
import { resolveUrl } from './uri.ts';

export interface XmlAttribute {
  /** Qualified name as written (`xml:base`, `href`). */
  name: string;
  /** Local name, lower-cased. */
  local: string;
  /** Namespace URI ('' for unprefixed attributes). */
  ns: string;
  value: string;
}

export interface XmlElement {
  /** Qualified name as written (`content:encoded`). */
  name: string;
  /** Local name, lower-cased (feeds are case-sloppy: `pubdate`, `pubDate`). */
  local: string;
  /** Namespace URI, lower-cased; '' when none is in scope. For an undeclared prefix: '' (see `prefix`). */
  ns: string;
  /** Prefix as written ('' for none). */
  prefix: string;
  attrs: XmlAttribute[];
  children: XmlNode[];
  parent: XmlElement | null;
  /** Base URL in effect for this element (xml:base resolved against the parent's base), or null. */
  base: string | null;
  /** xml:lang in effect, or null. */
  lang: string | null;
  /** Memo for the feed mappers' lookup key (see elements.ts `keyOf`); undefined until first asked. */
  key?: string;
}

export type XmlNode = XmlElement | string;

export interface XmlDocument {
  /** Top-level elements in order (normally one: the root). */
  roots: XmlElement[];
}

export const XML_NS = 'http://www.w3.org/xml/1998/namespace';

const XHTML_NS = 'http://www.w3.org/1999/xhtml';
const HTML_VOID_IN_FEEDS = new Set(['br', 'hr', 'img', 'input', 'wbr', 'area', 'col', 'embed', 'param', 'track']);

/** Cap on characters produced by expanding internal DTD entities in one document (billion-laughs guard). */
const ENTITY_EXPANSION_BUDGET = 100_000;
/** Cap on nested entity references (an entity whose value refers to another entity…). */
const ENTITY_MAX_DEPTH = 8;
/** Cap on element nesting; deeper elements are flattened into their ancestor so recursion stays bounded. */
const MAX_DEPTH = 256;

function isNameStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c === 58 || c > 127;
}

function isNameChar(c: number): boolean {
  return isNameStart(c) || (c >= 48 && c <= 57) || c === 45 || c === 46;
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 12;
}

const ATTRIBUTE_WHITESPACE = /[\t\n]/;
const REFERENCE = /&([^;&<>\s]{1,40});/g;
const OTHER_THAN_XML_REFERENCE = /&(?!(?:lt|gt|amp|quot|apos);)/;

class EntityDecoder {
  readonly internal = new Map<string, string>();
  private budget = ENTITY_EXPANSION_BUDGET;

  /** Decodes character and entity references in `s`; leaves anything unrecognized (a bare `&`) as written. */
  decode(s: string, depth = 0): string {
    if (s.indexOf('&') < 0) return s;
    // Escaped HTML is mostly the five XML references: native string replaces are much faster than a callback.
    // `&amp;` goes last so that "&amp;lt;" correctly ends as "&lt;".
    if (!OTHER_THAN_XML_REFERENCE.test(s)) {
      return s.replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&quot;', '"').replaceAll('&apos;', "'")
        .replaceAll('&amp;', '&');
    }
    // One regex pass (references are short and contain no whitespace, '&', '<' or ';'): linear, and far less
    // garbage than concatenating piece by piece.
    return s.replace(REFERENCE, (match: string, ref: string) => this.decodeRef(ref, depth) ?? match);
  }

  private decodeRef(ref: string, depth: number): string | null {
    if (ref.length === 0) return null;
    if (ref.charCodeAt(0) === 35 /* # */) {
      let cp: number;
      if (ref[1] === 'x' || ref[1] === 'X') {
        if (!/^[0-9a-fA-F]{1,8}$/.test(ref.slice(2))) return null;
        cp = parseInt(ref.slice(2), 16);
      } else {
        if (!/^[0-9]{1,10}$/.test(ref.slice(1))) return null;
        cp = parseInt(ref.slice(1), 10);
      }
      if (cp === 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return '\ufffd';
      return String.fromCodePoint(cp);
    }
    if (!/^[A-Za-z_:][\w.:-]*$/.test(ref)) return null;
    switch (ref) {
      case 'amp': return '&';
      case 'lt': return '<';
      case 'gt': return '>';
      case 'quot': return '"';
      case 'apos': return "'";
    }
    const own = this.internal.get(ref);
    if (own !== undefined) {
      // Charge each expansion its replacement text up front, so the work (not only the output) is bounded even
      // when nested expansions produce nothing.
      this.budget -= 1 + own.length;
      if (depth >= ENTITY_MAX_DEPTH || this.budget <= 0) return '';
      const expanded = this.decode(own, depth + 1);
      if (expanded.length > this.budget) {
        this.budget = 0;
        return '';
      }
      this.budget -= expanded.length;
      return expanded;
    }
    const cp = HTML4_ENTITIES.get(ref);
    return cp === undefined ? null : String.fromCodePoint(cp);
  }
}

/** Element/attribute names repeat endlessly in a feed: split and lower-case each distinct one once. */
interface SplitName {
  name: string;
  prefix: string;
  local: string;
}
const NAME_CACHE_LIMIT = 4096;
const NO_ATTRIBUTES: XmlAttribute[] = [];
const NO_CHILDREN: XmlNode[] = [];

/**
 * Parses `text` (already decoded to a string) into an element tree.
 *
 * @param source the document
 * @param baseUrl the document's URL (base for xml:base resolution), or null
 * @returns every top-level element; never throws for any input
 */
export function parseXml(source: string, baseUrl: string | null): XmlDocument {
  // XML 1.0 §2.11: every CRLF and lone CR reaches the application as LF.
  const text = source.indexOf('\r') < 0 ? source : source.replace(/\r\n?/g, '\n');
  const entities = new EntityDecoder();
  const roots: XmlElement[] = [];
  const stack: XmlElement[] = [];
  /** Lower-cased qualified names of `stack`, for case-insensitive end-tag matching without re-lowering. */
  const stackNames: string[] = [];
  const scopes: Array<Map<string, string> | null> = [];
  const names = new Map<string, SplitName>();
  const splitName = (qname: string): SplitName => {
    let sn = names.get(qname);
    if (sn === undefined) {
      const colon = qname.indexOf(':');
      sn = {
        name: qname,
        prefix: colon > 0 ? qname.slice(0, colon) : '',
        local: (colon > 0 ? qname.slice(colon + 1) : qname).toLowerCase(),
      };
      if (names.size < NAME_CACHE_LIMIT) names.set(qname, sn);
    }
    return sn;
  };
  const n = text.length;
  let i = 0;
  let textStart = 0;

  const lookupNs = (prefix: string): string | undefined => {
    for (let k = scopes.length - 1; k >= 0; k--) {
      const m = scopes[k];
      if (m !== null && m !== undefined) {
        const v = m.get(prefix);
        if (v !== undefined) return v;
      }
    }
    if (prefix === 'xml') return XML_NS;
    return prefix === '' ? '' : undefined;
  };

  const appendText = (s: string): void => {
    if (s.length === 0) return;
    const top = stack[stack.length - 1];
    if (top === undefined) return; // text outside the root is junk
    const last = top.children[top.children.length - 1];
    if (typeof last === 'string') top.children[top.children.length - 1] = last + s;
    else top.children.push(s);
  };

  const flushText = (end: number): void => {
    if (end > textStart) appendText(entities.decode(text.slice(textStart, end)));
  };

  while (i < n) {
    const lt = text.indexOf('<', i);
    if (lt < 0) break;
    const c1 = text.charCodeAt(lt + 1);
    if (c1 === 33 /* ! */) {
      if (text.startsWith('<!--', lt)) {
        flushText(lt);
        const end = text.indexOf('-->', lt + 4);
        i = end < 0 ? n : end + 3;
        textStart = i;
        continue;
      }
      if (text.startsWith('<![CDATA[', lt)) {
        flushText(lt);
        const end = text.indexOf(']]>', lt + 9);
        appendText(text.slice(lt + 9, end < 0 ? n : end));
        i = end < 0 ? n : end + 3;
        textStart = i;
        continue;
      }
      if (/^<!doctype/i.test(text.slice(lt, lt + 9))) {
        flushText(lt);
        i = skipDoctype(text, lt + 9, entities);
        textStart = i;
        continue;
      }
      // Some other markup declaration: skip to '>'.
      flushText(lt);
      const end = text.indexOf('>', lt + 2);
      i = end < 0 ? n : end + 1;
      textStart = i;
      continue;
    }
    if (c1 === 63 /* ? */) {
      flushText(lt);
      const end = text.indexOf('?>', lt + 2);
      i = end < 0 ? n : end + 2;
      textStart = i;
      continue;
    }
    if (c1 === 47 /* / */) {
      // End tag.
      let j = lt + 2;
      while (j < n && isNameChar(text.charCodeAt(j))) j++;
      if (j === lt + 2) {
        i = lt + 1; // "</ " is text
        continue;
      }
      flushText(lt);
      const name = text.slice(lt + 2, j);
      // Find the closing '>' but never run into the next tag (`</title<item>` is missing its '>').
      let g = j;
      while (g < n) {
        const c = text.charCodeAt(g);
        if (c === 62 /* > */ || c === 60 /* < */) break;
        g++;
      }
      i = g < n && text.charCodeAt(g) === 62 ? g + 1 : g;
      textStart = i;
      // Close the nearest open element of that name; an end tag matching nothing open is dropped.
      const lname = name.toLowerCase();
      for (let k = stack.length - 1; k >= 0; k--) {
        if (stackNames[k] === lname) {
          // pop() rather than `length = k`: truncating via length is a slow runtime call in V8.
          while (stack.length > k) {
            stack.pop();
            stackNames.pop();
            scopes.pop();
          }
          break;
        }
      }
      continue;
    }
    if (!isNameStart(c1)) {
      i = lt + 1; // a bare '<' in text
      continue;
    }
    // Start tag.
    flushText(lt);
    let j = lt + 1;
    while (j < n && isNameChar(text.charCodeAt(j))) j++;
    const qname = text.slice(lt + 1, j);
    const rawAttrs: string[] = []; // name, value, name, value …
    let selfClosing = false;
    // Attributes.
    for (;;) {
      while (j < n && isSpace(text.charCodeAt(j))) j++;
      if (j >= n) break;
      const c = text.charCodeAt(j);
      if (c === 62 /* > */) {
        j++;
        break;
      }
      if (c === 47 /* / */) {
        if (text.charCodeAt(j + 1) === 62) {
          selfClosing = true;
          j += 2;
          break;
        }
        j++;
        continue;
      }
      if (c === 60 /* < */) break; // unterminated tag: let the next tag start here
      const ns = j;
      while (j < n) {
        const d = text.charCodeAt(j);
        if (isSpace(d) || d === 61 || d === 62 || d === 60 || (d === 47 && text.charCodeAt(j + 1) === 62)) break;
        j++;
      }
      const aname = text.slice(ns, j);
      if (aname.length === 0) {
        j++;
        continue;
      }
      let k = j;
      while (k < n && isSpace(text.charCodeAt(k))) k++;
      let value = '';
      if (text.charCodeAt(k) === 61 /* = */) {
        k++;
        while (k < n && isSpace(text.charCodeAt(k))) k++;
        const q = text.charCodeAt(k);
        if (q === 34 || q === 39) {
          const end = text.indexOf(q === 34 ? '"' : "'", k + 1);
          const stop = end < 0 ? n : end;
          value = text.slice(k + 1, stop);
          j = end < 0 ? n : end + 1;
        } else {
          let e = k;
          while (e < n && !isSpace(text.charCodeAt(e)) && text.charCodeAt(e) !== 62) e++;
          value = text.slice(k, e);
          j = e;
        }
      }
      let seen = false;
      for (let k = 0; k < rawAttrs.length; k += 2) if (rawAttrs[k] === aname) seen = true;
      // XML 1.0 §3.3.3: literal tabs and newlines in a value become spaces (character references survive).
      if (!seen) {
        rawAttrs.push(aname, entities.decode(ATTRIBUTE_WHITESPACE.test(value) ? value.replace(/[\t\n]/g, ' ') : value));
      }
    }
    i = j;
    textStart = i;

    const lowered = splitName(qname).local;
    if (lowered === 'item' || lowered === 'entry') {
      // Items and entries never nest: an unclosed one ends where the next begins (as a reader would see it).
      for (let k = stack.length - 1; k >= 0; k--) {
        if (stack[k]!.name === qname) {
          while (stack.length > k) {
            stack.pop();
            stackNames.pop();
            scopes.pop();
          }
          break;
        }
      }
    }
    // Namespace declarations first, then resolve names.
    let nsMap: Map<string, string> | null = null;
    for (let k = 0; k < rawAttrs.length; k += 2) {
      const an = rawAttrs[k]!;
      if (an.startsWith('xmlns') && (an.length === 5 || an.charCodeAt(5) === 58)) {
        nsMap ??= new Map();
        nsMap.set(an.length === 5 ? '' : an.slice(6), rawAttrs[k + 1]!.trim().toLowerCase());
      }
    }
    scopes.push(nsMap);
    const qn = splitName(qname);
    const prefix = qn.prefix;
    const local = qn.local;
    const ns = lookupNs(prefix) ?? '';
    const attrs: XmlAttribute[] = rawAttrs.length === 0 ? NO_ATTRIBUTES : [];
    let xmlBase: string | undefined;
    let xmlLang: string | undefined;
    for (let k = 0; k < rawAttrs.length; k += 2) {
      const an = splitName(rawAttrs[k]!);
      const av = rawAttrs[k + 1]!;
      const ans = an.prefix === '' ? '' : (lookupNs(an.prefix) ?? '');
      attrs.push({ name: an.name, local: an.local, ns: ans, value: av });
      if (ans === XML_NS || an.prefix === 'xml') {
        if (an.local === 'base') xmlBase ??= av;
        else if (an.local === 'lang') xmlLang ??= av;
      }
    }
    const parent = stack[stack.length - 1] ?? null;
    const inheritedBase = parent !== null ? parent.base : baseUrl;
    // HTML void elements written the HTML way (`<br>`) inside feed text would swallow what follows; close them.
    // (`link`, `meta`, `source`, `base` are excluded: RSS/Atom use those names for elements with content.)
    const htmlVoid = (ns === '' || ns === XHTML_NS) && HTML_VOID_IN_FEEDS.has(local);
    const leaf = selfClosing || htmlVoid || stack.length >= MAX_DEPTH;
    const el: XmlElement = {
      name: qname,
      local,
      ns,
      prefix,
      attrs,
      // A leaf is never on the stack, so nothing is ever appended to it: share one empty array.
      children: leaf ? NO_CHILDREN : [],
      parent,
      base: xmlBase !== undefined ? resolveUrl(xmlBase, inheritedBase) : inheritedBase,
      lang: xmlLang !== undefined ? xmlLang.trim() : (parent?.lang ?? null),
    };
    if (parent === null) roots.push(el);
    else parent.children.push(el);
    if (leaf) scopes.pop();
    else {
      stack.push(el);
      stackNames.push(qname.toLowerCase());
    }
  }
  flushText(n); // text after the last tag belongs to whatever is still open
  return { roots };
}

/** Skips a DOCTYPE (from just after `<!DOCTYPE`), recording internal general entities; returns the index after it. */
function skipDoctype(text: string, from: number, entities: EntityDecoder): number {
  const n = text.length;
  let j = from;
  let quote = 0;
  while (j < n) {
    const c = text.charCodeAt(j);
    if (quote !== 0) {
      if (c === quote) quote = 0;
    } else if (c === 34 || c === 39) quote = c;
    else if (c === 91 /* [ */) {
      const end = internalSubsetEnd(text, j + 1);
      readInternalSubset(text.slice(j + 1, end), entities);
      j = end;
    } else if (c === 62 /* > */) return j + 1;
    j++;
  }
  return n;
}

/**
 * Index of the `]` closing an internal subset that starts at `from` (or the text's length). A `]` inside a quoted
 * literal of a markup declaration, a comment or a processing instruction does not close it (XML 1.0 §2.8).
 */
function internalSubsetEnd(text: string, from: number): number {
  const n = text.length;
  let j = from;
  let quote = 0;
  let inDeclaration = false; // quotes open literals only inside `<!ENTITY …>` and friends
  while (j < n) {
    const c = text.charCodeAt(j);
    if (quote !== 0) {
      if (c === quote) quote = 0;
    } else if (c === 60 /* < */) {
      if (text.startsWith('<!--', j)) {
        const end = text.indexOf('-->', j + 4);
        j = end < 0 ? n : end + 2;
      } else if (text.charCodeAt(j + 1) === 63 /* ? */) {
        const end = text.indexOf('?>', j + 2);
        j = end < 0 ? n : end + 1;
      } else inDeclaration = true;
    } else if (c === 62 /* > */) inDeclaration = false;
    else if (c === 93 /* ] */) return j;
    else if ((c === 34 || c === 39) && inDeclaration) quote = c;
    j++;
  }
  return n;
}

function readInternalSubset(subset: string, entities: EntityDecoder): void {
  // Only internal general entities with a literal value; parameter entities and SYSTEM/PUBLIC ones are ignored.
  // Values are length-capped so unterminated quotes cannot make the scan quadratic.
  const re = /<!ENTITY\s+([A-Za-z_][\w.-]{0,100})\s+(?:"([^"]{0,4096})"|'([^']{0,4096})')\s*>/g;
  let m: RegExpExecArray | null;
  let count = 0;
  while ((m = re.exec(subset)) !== null && count < 1000) {
    const name = m[1]!;
    if (!entities.internal.has(name)) entities.internal.set(name, m[2] ?? m[3] ?? '');
    count++;
  }
}

/** Concatenated character data of `el` and its descendants. */
export function textContent(el: XmlElement): string {
  if (el.children.length === 1 && typeof el.children[0] === 'string') return el.children[0];
  let out = '';
  const walk = (e: XmlElement): void => {
    for (const c of e.children) {
      if (typeof c === 'string') out += c;
      else walk(c); // (not `out += …walk(c)…`: that reads `out` before the nested text is appended)
    }
  };
  walk(el);
  return out;
}

function escapeText(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function escapeAttr(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');
}

/**
 * Serializes the children of `el` back to markup (for inline XHTML/HTML in feeds). XHTML elements lose their
 * prefix; namespace declarations are dropped.
 */
export function innerXml(el: XmlElement): string {
  let out = '';
  for (const c of el.children) out += typeof c === 'string' ? escapeText(c) : outerXml(c);
  return out;
}

const VOID_ELEMENTS = new Set([
  'area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr',
]);

/** Namespaces whose elements are written unprefixed (the way HTML embeds them), declared where they start. */
const EMBEDDED_NS: ReadonlyMap<string, string> = new Map([
  ['http://www.w3.org/2000/svg', 'http://www.w3.org/2000/svg'],
  ['http://www.w3.org/1998/math/mathml', 'http://www.w3.org/1998/Math/MathML'],
]);

/**
 * Serializes `el` as markup: attributes sorted by name (as feedparser emits them), XHTML's namespace dropped, SVG
 * and MathML unprefixed with their namespace declared on their outermost element.
 */
export function outerXml(el: XmlElement): string {
  const embedded = EMBEDDED_NS.get(el.ns);
  const unprefixed = el.ns === XHTML_NS || embedded !== undefined;
  const name = unprefixed ? el.name.slice(el.name.indexOf(':') + 1) : el.name;
  let out = '<' + name;
  const attrs = el.attrs
    .filter((a) => {
      if (!(a.name === 'xmlns' || a.name.startsWith('xmlns:'))) return true;
      const v = a.value.toLowerCase();
      return v !== XHTML_NS && !EMBEDDED_NS.has(v);
    })
    .map((a) => [a.name, a.value] as [string, string]);
  if (embedded !== undefined && el.parent?.ns !== el.ns) attrs.push(['xmlns', embedded]);
  attrs.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  for (const [an, av] of attrs) out += ' ' + an + '="' + escapeAttr(av) + '"';
  if (el.children.length === 0 && VOID_ELEMENTS.has(el.local)) return out + ' />';
  return out + '>' + innerXml(el) + '</' + name + '>';
}
