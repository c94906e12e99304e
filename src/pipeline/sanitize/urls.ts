/**
 * URL checks for the sanitizer: every URL-valued attribute is resolved with the WHATWG URL parser (the one browsers
 * use), so the scheme we check is the scheme the browser will see, and the value we write back is absolute.
 */

/** Which URL schemes each kind of attribute may keep (`data:` is handled apart, img src only). */
const LINK_PROTOCOLS = new Set(['http:', 'https:', 'mailto:']);
const RESOURCE_PROTOCOLS = new Set(['http:', 'https:']);

/**
 * Raster `data:` images only: SVG can carry script (harmless inside <img>, but not if a reader opens it as a
 * document), and nothing else belongs in an img.
 */
const SAFE_DATA_IMAGE = /^data:image\/(?:png|gif|jpeg|jpg|webp)(?:;[a-z0-9=._+-]*)*,/i;

/**
 * The base URL to resolve against: an absolute http(s) URL, or null when absent or unusable (then relative URLs
 * are dropped, because the browser would resolve them against the reader's own origin — never the right target).
 */
export function parseBaseUrl(baseUrl: string | null | undefined): URL | null {
  if (!baseUrl) return null;
  try {
    const url = new URL(baseUrl);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : null;
  } catch {
    return null;
  }
}

/**
 * A safe absolute form of one URL attribute value, or null to drop the attribute.
 *
 * - `kind: 'link'` (a href, blockquote/q/del/ins cite): http, https, mailto.
 * - `kind: 'resource'` (src, poster, srcset entries): http, https.
 * - `kind: 'image'` (img src): http, https, and `data:image/{png,gif,jpeg,webp}`.
 *
 * Relative and protocol-relative URLs resolve against `base`; without a base, protocol-relative URLs become https
 * and relative ones are dropped. The value is entity-decoded already (the HTML parser did that).
 */
export function safeUrl(value: string, kind: 'link' | 'resource' | 'image', base: URL | null): string | null {
  // What the URL parser would strip anyway; done first so the data: test sees the real scheme.
  const raw = value.replace(/[\t\n\r]/g, '').replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, '');
  if (raw === '') return null;
  if (/^data:/i.test(raw)) return kind === 'image' && SAFE_DATA_IMAGE.test(raw) ? raw : null;
  let url: URL;
  try {
    if (base) url = new URL(raw, base);
    else if (/^[\\/]{2}/.test(raw)) url = new URL('https:' + raw);
    else url = new URL(raw); // throws on a relative URL: dropped, see parseBaseUrl
  } catch {
    return null;
  }
  const allowed = kind === 'link' ? LINK_PROTOCOLS : RESOURCE_PROTOCOLS;
  if (!allowed.has(url.protocol)) return null;
  // Credentials in an http URL are a phishing trick (https://bank.com@evil.example/) and never needed here.
  if (url.username || url.password) return null;
  return url.href;
}

/** One `srcset` candidate: a URL and its optional width (`100w`), density (`2x`) or legacy height descriptor. */
interface SrcsetCandidate {
  url: string;
  descriptor: string;
}

/**
 * Splits a `srcset` value the way the HTML spec's algorithm does (URLs may contain commas, e.g. Cloudinary's
 * `w_100,h_50`; a comma only separates candidates when it ends a URL or follows descriptors).
 */
export function parseSrcset(value: string): SrcsetCandidate[] {
  const out: SrcsetCandidate[] = [];
  const s = value;
  let i = 0;
  const isSpace = (c: string | undefined): boolean => c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f';
  while (i < s.length) {
    while (i < s.length && (isSpace(s[i]) || s[i] === ',')) i++;
    if (i >= s.length) break;
    let start = i;
    while (i < s.length && !isSpace(s[i])) i++;
    let url = s.slice(start, i);
    let descriptor = '';
    if (url.endsWith(',')) {
      url = url.replace(/,+$/, '');
    } else {
      start = i;
      let depth = 0;
      while (i < s.length) {
        const c = s[i];
        if (c === '(') depth++;
        else if (c === ')') depth = Math.max(0, depth - 1);
        else if (c === ',' && depth === 0) break;
        i++;
      }
      descriptor = s.slice(start, i).trim().replace(/\s+/g, ' ');
      i++; // the comma
    }
    if (url) out.push({ url, descriptor });
  }
  return out;
}

const VALID_DESCRIPTOR = /^(?:\d+w|\d+(?:\.\d+)?x|\d+h)$/;

/**
 * `srcset` with every candidate URL made safe and absolute (see {@link safeUrl}, kind `resource`: no data:), and
 * descriptors other than `Nw`/`Nx`/`Nh` dropped; null when no candidate survives.
 */
export function safeSrcset(value: string, base: URL | null): string | null {
  const kept: string[] = [];
  for (const { url, descriptor } of parseSrcset(value)) {
    const safe = safeUrl(url, 'resource', base);
    if (safe === null) continue;
    const parts = descriptor.split(' ').filter((d) => VALID_DESCRIPTOR.test(d));
    kept.push(parts.length ? `${safe} ${parts.join(' ')}` : safe);
  }
  return kept.length ? kept.join(', ') : null;
}
