/**
 * The allow-list sanitizer for stored article HTML, built on sanitize-html (htmlparser2 underneath). sanitize-html
 * filters tags, attributes and schemes and re-serialises with escaping; we add what it does not do: URLs resolved
 * with the WHATWG parser and made absolute, link/image/embed attributes forced, tracking pixels and unusable
 * images dropped.
 */
import sanitize from 'sanitize-html';
import { EMBED_ATTRIBUTES, EMBED_FRAME_ORIGINS, safeEmbedSrc } from './embeds.ts';
import { parseBaseUrl, safeSrcset, safeUrl } from './urls.ts';

export interface SanitizeOptions {
  /** The article's URL: relative URLs resolve against it. Without it relative URLs are dropped. */
  baseUrl?: string | null;
}

/**
 * Returned by the transform for an element to remove with its content. Not done by renaming the tag: sanitize-html
 * 2.17 keeps a stale rename for a discarded element and then closes the next sibling with the wrong end tag.
 */
const DROP = Symbol('drop');

const ALLOWED_TAGS = [
  'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'p', 'br', 'hr', 'div', 'span', 'article', 'section', 'aside', 'header', 'footer',
  'a', 'img', 'picture', 'source', 'figure', 'figcaption', 'video', 'audio', 'track', 'iframe',
  'blockquote', 'q', 'cite', 'ul', 'ol', 'li', 'dl', 'dt', 'dd',
  'table', 'caption', 'colgroup', 'col', 'thead', 'tbody', 'tfoot', 'tr', 'th', 'td',
  'pre', 'code', 'kbd', 'samp', 'var', 'em', 'strong', 'b', 'i', 'u', 's', 'del', 'ins', 'sub', 'sup', 'small',
  'mark', 'abbr', 'dfn', 'time', 'bdi', 'bdo', 'wbr', 'ruby', 'rt', 'rp', 'details', 'summary', 'address',
];

const ALLOWED_ATTRIBUTES: Record<string, string[]> = {
  '*': ['title', 'lang', 'dir'],
  a: ['href', 'rel', 'target'],
  img: ['src', 'srcset', 'sizes', 'alt', 'width', 'height', 'loading', 'decoding', 'referrerpolicy'],
  source: ['src', 'srcset', 'sizes', 'media', 'type', 'width', 'height'],
  video: ['src', 'poster', 'controls', 'width', 'height', 'preload', 'loop', 'muted', 'playsinline'],
  audio: ['src', 'controls', 'preload', 'loop', 'muted'],
  track: ['src', 'kind', 'srclang', 'label', 'default'],
  iframe: ['src', 'width', 'height', ...Object.keys(EMBED_ATTRIBUTES)],
  blockquote: ['cite'],
  q: ['cite'],
  del: ['cite', 'datetime'],
  ins: ['cite', 'datetime'],
  time: ['datetime'],
  ol: ['start', 'reversed', 'type'],
  li: ['value'],
  col: ['span'],
  colgroup: ['span'],
  th: ['colspan', 'rowspan', 'scope', 'abbr'],
  td: ['colspan', 'rowspan'],
  details: ['open'],
};

/**
 * Disallowed elements whose whole subtree goes (sanitize-html keeps the text of other disallowed elements). svg and
 * math go whole: their namespaces are where mutation-XSS lives, and their text is rarely prose.
 */
const DROP_WITH_CONTENT = [
  'script', 'style', 'template', 'title', 'textarea', 'select', 'option', 'button', 'noembed', 'noframes', 'xmp',
  'svg', 'math', 'object', 'applet', 'frameset',
];

/** Lazy-loading markup keeps the real image in one of these while `src` holds a placeholder. */
const LAZY_SRC = ['data-src', 'data-lazy-src', 'data-original', 'data-url'];
const LAZY_SRCSET = ['data-srcset', 'data-lazy-srcset'];

/** Well-known counting pixels that do not always declare a 1×1 size. */
const PIXEL_URL = /^https?:\/\/(?:pixel\.wp\.com|stats\.wordpress\.com|feeds\.feedburner\.com\/~r\/|www\.google-analytics\.com|pixel\.quantserve\.com|sb\.scorecardresearch\.com)/i;

function isTinyDimension(v: string | undefined): boolean {
  if (v === undefined) return false;
  const n = Number.parseFloat(v);
  return Number.isFinite(n) && n <= 1;
}

type Attributes = Record<string, string>;

/** Resolves and checks every URL-valued attribute in place; drops those that are not safe. */
function sanitizeUrlAttributes(tag: string, attribs: Attributes, base: URL | null): void {
  for (const name of ['href', 'cite', 'src', 'poster'] as const) {
    const value = attribs[name];
    if (value === undefined) continue;
    const kind = name === 'href' || name === 'cite' ? 'link' : tag === 'img' && name === 'src' ? 'image' : 'resource';
    const safe = safeUrl(value, kind, base);
    if (safe === null) delete attribs[name];
    else attribs[name] = safe;
  }
  if (attribs.srcset !== undefined) {
    const safe = safeSrcset(attribs.srcset, base);
    if (safe === null) delete attribs.srcset;
    else attribs.srcset = safe;
  }
}

function transformImage(attribs: Attributes): void {
  const src = attribs.src;
  if (src === undefined || /^\s*data:/i.test(src)) {
    const lazy = LAZY_SRC.map((n) => attribs[n]).find((v) => v && v.trim());
    if (lazy) attribs.src = lazy;
  }
  if (attribs.srcset === undefined) {
    const lazy = LAZY_SRCSET.map((n) => attribs[n]).find((v) => v && v.trim());
    if (lazy) attribs.srcset = lazy;
  }
}

/**
 * Per-element transform, run by sanitize-html before its own attribute filter: mutates attribs; returns DROP to
 * remove the element and its content.
 */
function transformElement(tag: string, attribs: Attributes, base: URL | null): typeof DROP | undefined {
  if (tag === 'img') transformImage(attribs);
  sanitizeUrlAttributes(tag, attribs, base);
  switch (tag) {
    case 'a':
      if (attribs.href !== undefined) {
        attribs.rel = 'noopener noreferrer';
        attribs.target = '_blank';
      } else {
        delete attribs.rel;
        delete attribs.target;
      }
      return undefined;
    case 'img': {
      if (attribs.src === undefined && attribs.srcset === undefined) return DROP;
      if (isTinyDimension(attribs.width) && isTinyDimension(attribs.height)) return DROP;
      if (attribs.src !== undefined && PIXEL_URL.test(attribs.src)) return DROP;
      attribs.loading = 'lazy';
      attribs.decoding = 'async';
      attribs.referrerpolicy = 'no-referrer';
      return undefined;
    }
    case 'iframe': {
      const src = attribs.src === undefined ? null : safeEmbedSrc(attribs.src);
      if (src === null) return DROP;
      const kept: Attributes = { src, ...EMBED_ATTRIBUTES };
      if (attribs.width !== undefined) kept.width = attribs.width;
      if (attribs.height !== undefined) kept.height = attribs.height;
      if (attribs.title !== undefined) kept.title = attribs.title;
      for (const k of Object.keys(attribs)) delete attribs[k];
      Object.assign(attribs, kept);
      return undefined;
    }
    case 'video':
    case 'audio':
      // Controls so a reader can play it; never autoplay (not allow-listed) and fetch nothing until asked.
      attribs.controls = '';
      attribs.preload = 'none';
      return undefined;
    default:
      return undefined;
  }
}

/** sanitize-html ≥2.12 option its @types (2.16) does not list yet. */
type Options = sanitize.IOptions & { allowedEmptyAttributes: string[] };

function buildOptions(base: URL | null): Options {
  // The attribs objects of elements to drop; sanitize-html hands the same object to exclusiveFilter at close.
  const dropped = new WeakSet<object>();
  return {
    allowedTags: ALLOWED_TAGS,
    allowedAttributes: ALLOWED_ATTRIBUTES,
    allowedClasses: {},
    allowedEmptyAttributes: ['alt', 'controls', 'allowfullscreen', 'reversed', 'open', 'default', 'loop', 'muted', 'playsinline'],
    selfClosing: ['img', 'br', 'hr', 'source', 'track', 'wbr', 'col'],
    allowedSchemes: ['http', 'https', 'mailto'],
    allowedSchemesByTag: { img: ['http', 'https', 'data'] },
    allowedSchemesAppliedToAttributes: ['href', 'src', 'cite', 'poster'],
    allowProtocolRelative: false, // safeUrl made every URL absolute already
    allowedIframeHostnames: EMBED_FRAME_ORIGINS.map((o) => new URL(o).hostname),
    allowIframeRelativeUrls: false,
    disallowedTagsMode: 'discard',
    nonTextTags: DROP_WITH_CONTENT,
    nestingLimit: 256,
    parseStyleAttributes: false,
    enforceHtmlBoundary: false,
    transformTags: {
      '*': (tagName, attribs) => {
        const copy: Attributes = { ...attribs };
        if (transformElement(tagName, copy, base) === DROP) dropped.add(copy);
        return { tagName, attribs: copy };
      },
    },
    exclusiveFilter: (frame) => dropped.has(frame.attribs) || (frame.tag === 'iframe' && !frame.attribs.src),
  };
}

/**
 * Sanitizes article HTML for storage and display: keeps an allow-list of prose, media and table elements and drops
 * everything else (script, style, forms, frames except YouTube/Vimeo players, svg, math, event handlers, style and
 * class attributes). URLs become absolute against `opts.baseUrl` and keep only http/https (plus mailto on links
 * and raster `data:image/*` on img src). Links get `target="_blank" rel="noopener noreferrer"`; images
 * `loading="lazy" referrerpolicy="no-referrer"`; players a sandbox. Tracking pixels (≤1×1 or known counters) go.
 *
 * Input: an HTML fragment (a full document works too; head content is dropped). Output: an HTML fragment string;
 * `''` for empty input. Never throws on malformed HTML; idempotent (sanitizing the output again returns it).
 */
export function sanitizeHtml(html: string, opts: SanitizeOptions = {}): string {
  if (!html) return '';
  const options = buildOptions(parseBaseUrl(opts.baseUrl));
  // htmlparser2 (under sanitize-html) closes an open <p> only when it is the innermost element, so removing a
  // disallowed wrapper can leave nestings its next parse splits (`<p><xss><p>` → `<p><p></p></p>` →
  // `<p></p><p></p><p></p>`). Sanitizing until the output is a fixed point makes stored HTML stable: what is stored
  // is what the next sanitize, and the reader, get. Real articles converge after the second pass.
  let out = sanitize(html, options);
  for (let pass = 0; pass < MAX_EXTRA_PASSES; pass++) {
    const again = sanitize(out, options);
    if (again === out) break;
    out = again;
  }
  return out;
}

/** Extra sanitize passes allowed to reach a fixed point; random tag soup converges within two (property test). */
const MAX_EXTRA_PASSES = 3;
