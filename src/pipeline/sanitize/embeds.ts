/**
 * The only iframes stored HTML may keep: video players of YouTube (served from its no-cookie host) and Vimeo.
 */

/** Hosts the article CSP's frame-src allows; keep in step with ARTICLE_CSP in csp.ts. */
export const EMBED_FRAME_ORIGINS = ['https://www.youtube-nocookie.com', 'https://player.vimeo.com'] as const;

const YOUTUBE_HOSTS = new Set(['youtube.com', 'www.youtube.com', 'm.youtube.com', 'youtube-nocookie.com', 'www.youtube-nocookie.com']);

/**
 * The https player URL an iframe `src` may keep, or null. YouTube `/embed/<id>` on any of its hosts becomes
 * `https://www.youtube-nocookie.com/embed/<id>` (no tracking cookies, one host for the CSP); Vimeo must be
 * `player.vimeo.com/video/<id>`. An http or protocol-relative src of those hosts is upgraded to https: the player is
 * the same. `absoluteSrc` is the already-resolved URL (see safeUrl).
 */
export function safeEmbedSrc(absoluteSrc: string): string | null {
  let url: URL;
  try {
    url = new URL(absoluteSrc);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  if (url.port !== '' || url.username || url.password) return null;
  const host = url.hostname.toLowerCase();
  if (YOUTUBE_HOSTS.has(host) && /^\/embed\/[\w-]+$/.test(url.pathname)) {
    return `https://www.youtube-nocookie.com${url.pathname}${url.search}`;
  }
  if (host === 'player.vimeo.com' && /^\/video\/\d+$/.test(url.pathname)) {
    return `https://player.vimeo.com${url.pathname}${url.search}`;
  }
  return null;
}

/**
 * What an allowed player iframe gets: a sandbox (scripts for the player itself, same-origin so the cross-origin
 * player keeps its own storage; never top navigation, forms or downloads), no referrer beyond the origin (YouTube
 * refuses embeds without one), lazy loading.
 */
export const EMBED_ATTRIBUTES = {
  sandbox: 'allow-scripts allow-same-origin allow-presentation allow-popups allow-popups-to-escape-sandbox',
  allow: 'fullscreen; picture-in-picture; encrypted-media',
  allowfullscreen: '',
  referrerpolicy: 'strict-origin-when-cross-origin',
  loading: 'lazy',
} as const;
