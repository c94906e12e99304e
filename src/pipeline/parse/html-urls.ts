/**
 * Makes relative URLs inside HTML fragments absolute (against the xml:base / document URL in effect), as feedparser
 * does for its `relative_uris` element/attribute pairs, and re-serializes start tags canonically: attributes sorted
 * by name, double-quoted and escaped. Only start tags are touched; text, comments and end tags pass through.
 */
import { HTML4_ENTITIES } from './entities.ts';
import { resolveUrl } from './uri.ts';

/** (element, attribute) pairs holding URLs — feedparser's `_RelativeURIResolver.relative_uris`. */
const URL_ATTRIBUTES: ReadonlyMap<string, ReadonlySet<string>> = new Map(
  Object.entries({
    a: ['href'], applet: ['codebase'], area: ['href'], audio: ['src'], blockquote: ['cite'], body: ['background'],
    del: ['cite'], form: ['action'], frame: ['longdesc', 'src'], iframe: ['longdesc', 'src'], head: ['profile'],
    img: ['longdesc', 'src', 'usemap'], input: ['src', 'usemap'], ins: ['cite'], link: ['href'],
    object: ['classid', 'codebase', 'data', 'usemap'], q: ['cite'], script: ['src'], source: ['src'],
    video: ['poster', 'src'],
  }).map(([k, v]) => [k, new Set(v)]),
);

function decodeAttrValue(v: string): string {
  if (v.indexOf('&') < 0) return v;
  return v.replace(/&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});/g, (m, r: string) => {
    if (r[0] === '#') {
      const cp = r[1] === 'x' || r[1] === 'X' ? parseInt(r.slice(2), 16) : parseInt(r.slice(1), 10);
      return cp > 0 && cp <= 0x10ffff && !(cp >= 0xd800 && cp <= 0xdfff) ? String.fromCodePoint(cp) : m;
    }
    const cp = HTML4_ENTITIES.get(r) ?? ({ amp: 38, lt: 60, gt: 62, quot: 34 } as Record<string, number>)[r];
    return cp === undefined ? m : String.fromCodePoint(cp);
  });
}

function escapeAttr(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

// Each alternative is unambiguous (an unquoted value cannot start with a quote and is never empty), so a tag that
// fails to match fails in linear time instead of backtracking exponentially.
// Names and unquoted values also stop at '<', so a failed attempt ends at the next tag (no quadratic rescans).
const START_TAG = /<([A-Za-z][A-Za-z0-9:_-]*)((?:\s+[^\s"'<>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s<>"'][^\s<>]*))?)*)\s*(\/?)>/g;
const ATTRIBUTE = /([^\s"'<>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s<>"'][^\s<>]*)))?/g;

/**
 * Rewrites the start tags of an HTML fragment: URL attributes resolved against `base` (when given), attributes
 * sorted and quoted.
 *
 * @param html an HTML fragment (feed content, summary, title)
 * @param base the base URL in effect, or null (then only the canonical re-serialization happens)
 */
export function absolutizeHtml(html: string, base: string | null): string {
  if (html.indexOf('<') < 0) return html;
  return html.replace(START_TAG, (whole, name: string, rawAttrs: string, slash: string) => {
    if (rawAttrs.trim() === '') return whole;
    const tag = name.toLowerCase();
    const urlAttrs = URL_ATTRIBUTES.get(tag);
    const attrs: Array<[string, string]> = [];
    ATTRIBUTE.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = ATTRIBUTE.exec(rawAttrs)) !== null) {
      const an = m[1]!;
      if (attrs.some((a) => a[0] === an)) continue;
      let value = decodeAttrValue(m[2] ?? m[3] ?? m[4] ?? an);
      if (urlAttrs?.has(an.toLowerCase()) === true && base !== null) value = resolveUrl(value, base);
      attrs.push([an, value]);
    }
    attrs.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    let out = '<' + name;
    for (const [an, av] of attrs) out += ' ' + an + '="' + escapeAttr(av) + '"';
    return out + (slash === '/' ? ' />' : '>');
  });
}
