/**
 * Relative reference resolution for feed links (xml:base, the document URL, URLs inside HTML), as RFC 3986 §5.2
 * specifies it and feedparser applies it (Python's `urljoin`): purely syntactic, so what the feed wrote survives —
 * IRIs keep their non-ASCII characters (RFC 3987; Atom allows them), host and scheme keep their case, nothing is
 * percent-encoded. (The WHATWG URL parser would punycode hosts and percent-encode paths, changing ids and links.)
 */

/** RFC 3986 Appendix B: scheme, authority, path, query, fragment (undefined when the component is absent). */
const URI_PARTS = /^(?:([A-Za-z][A-Za-z0-9+.-]*):)?(?:\/\/([^/?#]*))?([^?#]*)(?:\?([^#]*))?(?:#([\s\S]*))?$/;
const ABSOLUTE_URI = /^[A-Za-z][A-Za-z0-9+.-]*:/;

/**
 * RFC 3986 §5.2.4: removes `.` and `..` segments from an absolute path (one starting with '/', or empty); `..` never
 * climbs above the root.
 */
function removeDotSegments(path: string): string {
  if (path.indexOf('.') < 0) return path;
  const input = path.split('/');
  const out: string[] = [];
  for (let k = 0; k < input.length; k++) {
    const seg = input[k]!;
    if (seg !== '.' && seg !== '..') {
      out.push(seg);
      continue;
    }
    if (seg === '..' && out.length > 1) out.pop();
    if (k === input.length - 1) out.push(''); // "/a/b/.." → "/a/": the result still names a directory
  }
  return out.join('/');
}

/**
 * Resolves `ref` against `base` (RFC 3986 §5.2.2). An absolute reference is returned as written (trimmed). Returns
 * `ref` unchanged when there is no base or when the base has no hierarchical path: `tag:`, `urn:`, `mailto:`
 * (nothing can be relative to those, as in `urljoin`) or a path-relative "dir/". A base that is itself an
 * absolute-path or network-path reference ("/blog/") yields a reference of that kind ("/blog/p").
 *
 * @param ref a URI reference as found in the feed ("../a", "/b", "?q", "#f", "//host/p", "http://x/")
 * @param base the base URI in effect, or null
 */
export function resolveUrl(ref: string, base: string | null): string {
  const r = ref.trim();
  if (base === null || base === '' || ABSOLUTE_URI.test(r)) return r;
  const b = URI_PARTS.exec(base.trim());
  if (b === null) return r;
  const [, scheme, baseAuthority, basePath = '', baseQuery] = b;
  // The base must have a hierarchical path to merge into. A scheme-less one ("/blog/", "//host/x" — xml:base in a
  // document with no URL) still gives a better reference than none, as Python's urljoin does.
  if (baseAuthority === undefined && !basePath.startsWith('/')) return r;
  const p = URI_PARTS.exec(r)!; // every string matches: all components are optional
  const [, , refAuthority, refPath = '', refQuery, fragment] = p;
  let authority = baseAuthority;
  let path: string;
  let query = refQuery;
  if (refAuthority !== undefined) {
    authority = refAuthority;
    path = removeDotSegments(refPath);
  } else if (refPath === '') {
    path = basePath;
    if (refQuery === undefined) query = baseQuery;
  } else if (refPath.startsWith('/')) {
    path = removeDotSegments(refPath);
  } else {
    // §5.2.3 merge: the base path up to its last '/', or "/" when the base has an authority and an empty path.
    const merged = baseAuthority !== undefined && basePath === ''
      ? '/' + refPath
      : basePath.slice(0, basePath.lastIndexOf('/') + 1) + refPath;
    path = removeDotSegments(merged);
  }
  return (scheme !== undefined ? scheme + ':' : '') + (authority !== undefined ? '//' + authority : '') + path +
    (query !== undefined ? '?' + query : '') + (fragment !== undefined ? '#' + fragment : '');
}
