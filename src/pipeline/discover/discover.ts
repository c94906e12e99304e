/**
 * Feed autodiscovery: the feed URLs an HTML page advertises (`<link rel="alternate" type="application/rss+xml">`
 * and friends, per the RSS Autodiscovery spec of the RSS Advisory Board and HTML's rel=alternate), then the
 * common paths sites use when they advertise nothing. Pure: HTML text in, candidate URLs out.
 */
import { parseHTML } from 'linkedom';

const FEED_TYPES = new Set([
  'application/rss+xml',
  'application/atom+xml',
  'application/feed+json',
  'application/json',
  'application/rdf+xml',
  'application/xml',
  'text/xml',
]);

/** Paths tried, in order, when a page advertises no feed (WordPress, Ghost, Hugo, Jekyll, Blogger, Substack, …). */
export const COMMON_FEED_PATHS = ['/feed', '/rss', '/rss.xml', '/feed.xml', '/atom.xml', '/index.xml', '/feed.json', '/feeds/posts/default'];

export interface FeedCandidate {
  url: string;
  title: string | null;
  /** 'link' when the page advertised it, 'guess' for a common path. */
  via: 'link' | 'guess';
}

/**
 * Feeds an HTML page advertises, resolved against `<base href>` / the page URL, in document order, deduplicated;
 * then the common paths of the page's origin. Only http(s) URLs are returned.
 */
export function discoverFeeds(html: string, pageUrl: string): FeedCandidate[] {
  const out: FeedCandidate[] = [];
  const seen = new Set<string>();
  const push = (href: string, base: string, title: string | null, via: FeedCandidate['via']) => {
    let url: URL;
    try {
      url = new URL(href, base);
    } catch {
      return;
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return;
    url.hash = '';
    if (seen.has(url.href)) return;
    seen.add(url.href);
    out.push({ url: url.href, title, via });
  };
  let base = pageUrl;
  try {
    const { document } = parseHTML(html.slice(0, 2_000_000));
    const baseHref = document.querySelector('base[href]')?.getAttribute('href');
    if (baseHref) {
      try {
        base = new URL(baseHref, pageUrl).href;
      } catch {
        /* a broken <base> is ignored, as browsers do */
      }
    }
    for (const link of document.querySelectorAll('link[rel][href]')) {
      const rel = (link.getAttribute('rel') ?? '').toLowerCase().split(/\s+/);
      const type = (link.getAttribute('type') ?? '').toLowerCase().split(';')[0]!.trim();
      if (!rel.includes('alternate') || !FEED_TYPES.has(type)) continue;
      push(link.getAttribute('href')!, base, link.getAttribute('title')?.trim() || null, 'link');
    }
  } catch {
    // Unparseable HTML advertises nothing; the common paths still apply.
  }
  for (const path of COMMON_FEED_PATHS) push(path, new URL(pageUrl).origin, null, 'guess');
  return out;
}
