/**
 * Test helpers for the sanitizer's suites (unit and e2e): the XSS corpus loader and a structural audit of sanitized
 * HTML on a real DOM (linkedom). Not used by production code.
 */
import { readFileSync } from 'node:fs';
import { parseHTML } from 'linkedom';

/** One corpus vector: `html` runs a detectable sink (alert/confirm/prompt/print, window.__xss, fetch of /beacon). */
export interface XssVector {
  id: string;
  /** Where it comes from: cheat sheet name and section or URL. */
  source: string;
  html: string;
  /** Why it is in the corpus / which trick it uses. */
  note?: string;
}

/** The corpus in testdata/xss-vectors.json. */
export function loadXssVectors(): XssVector[] {
  const file = new URL('./testdata/xss-vectors.json', import.meta.url);
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as { vectors: XssVector[] };
  return parsed.vectors;
}

/** The slice of linkedom's DOM the audit uses (the project compiles without lib.dom). */
export interface AuditElement {
  readonly localName: string;
  readonly attributes: ArrayLike<{ name: string; value: string }>;
  getAttribute(name: string): string | null;
  querySelectorAll(selectors: string): ArrayLike<AuditElement>;
  readonly textContent: string | null;
}

/** Parses an HTML fragment into a body element (linkedom). */
export function parseFragment(html: string): AuditElement {
  const { document } = parseHTML(`<!DOCTYPE html><html><head></head><body>${html}</body></html>`) as unknown as {
    document: { body: AuditElement };
  };
  return document.body;
}

/** Elements sanitized HTML must never contain. */
const FORBIDDEN_TAGS = new Set([
  'script', 'style', 'object', 'embed', 'applet', 'form', 'input', 'button', 'textarea', 'select', 'option', 'svg',
  'math', 'meta', 'link', 'base', 'frame', 'frameset', 'template', 'noscript', 'xmp', 'noembed', 'noframes',
  'image', 'isindex', 'keygen', 'marquee', 'portal', 'set', 'animate', 'handler', 'listener', 'xml', 'import',
  'html', 'head', 'body', 'title', 'plaintext', 'listing', 'dialog',
]);

/** Attributes sanitized HTML must never contain (besides every on* handler). */
const FORBIDDEN_ATTRS = new Set([
  'style', 'srcdoc', 'formaction', 'action', 'xmlns', 'xlink:href', 'data', 'code', 'codebase', 'background',
  'dynsrc', 'lowsrc', 'autofocus', 'contenteditable', 'is', 'id', 'name', 'class', 'form', 'popover', 'ping',
  'http-equiv', 'content', 'autoplay',
]);

const URL_ATTRS = new Set(['href', 'src', 'cite', 'poster', 'srcset', 'action', 'formaction', 'background']);

/**
 * Problems found in sanitized HTML, as human-readable strings (empty = clean): forbidden elements, event handlers
 * and other dangerous attributes, URLs with a scheme other than http/https/mailto (data:image/{png,gif,jpeg,webp}
 * on img src only), iframes other than sandboxed https YouTube-nocookie/Vimeo players, links without
 * rel=noopener/target=_blank, and leftover markup-looking text only where the parser would see markup.
 */
export function auditSanitized(html: string): string[] {
  const problems: string[] = [];
  const body = parseFragment(html);
  const all = body.querySelectorAll('*');
  for (let i = 0; i < all.length; i++) {
    const el = all[i]!;
    const tag = el.localName.toLowerCase();
    if (FORBIDDEN_TAGS.has(tag)) problems.push(`forbidden element <${tag}>`);
    for (let j = 0; j < el.attributes.length; j++) {
      const { name, value } = el.attributes[j]!;
      const attr = name.toLowerCase();
      if (/^on/.test(attr)) problems.push(`event handler ${attr} on <${tag}>`);
      if (FORBIDDEN_ATTRS.has(attr)) problems.push(`forbidden attribute ${attr} on <${tag}>`);
      if (URL_ATTRS.has(attr)) {
        const urls = attr === 'srcset' ? value.split(/,\s+/).map((c) => c.trim().split(/\s+/)[0] ?? '') : [value];
        for (const u of urls) {
          const scheme = /^\s*([a-z][a-z0-9+.-]*):/i.exec(u)?.[1]?.toLowerCase();
          const dataOk = tag === 'img' && attr === 'src' && /^data:image\/(png|gif|jpeg|jpg|webp)[;,]/i.test(u);
          const linkOk = (attr === 'href' || attr === 'cite') && scheme === 'mailto';
          if (scheme !== 'http' && scheme !== 'https' && !dataOk && !linkOk) {
            problems.push(`unsafe URL in ${attr} on <${tag}>: ${u.slice(0, 80)}`);
          }
        }
      }
    }
    if (tag === 'iframe') {
      const src = el.getAttribute('src') ?? '';
      if (!/^https:\/\/(www\.youtube-nocookie\.com\/embed\/|player\.vimeo\.com\/video\/)/.test(src)) {
        problems.push(`iframe with src ${src.slice(0, 80)}`);
      }
      if (!el.getAttribute('sandbox')) problems.push('iframe without sandbox');
      if (/allow-top-navigation|allow-forms|allow-downloads/.test(el.getAttribute('sandbox') ?? '')) {
        problems.push('iframe sandbox too loose');
      }
    }
    if (tag === 'a' && el.getAttribute('href') !== null) {
      if (el.getAttribute('target') !== '_blank') problems.push('link without target=_blank');
      if (!/\bnoopener\b/.test(el.getAttribute('rel') ?? '')) problems.push('link without rel=noopener');
    }
  }
  return problems;
}
