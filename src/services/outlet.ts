/**
 * The outlet identity of an article: the host of its feed's site (two feeds of one site are one outlet, so their
 * shared articles are revisions, not copies, and count once in coverage), else the feed itself. Sites served from
 * a bare IP address or localhost (intranets, the offline demo) are told apart by their site path.
 */
import { isIP } from 'node:net';

export function outletOf(a: { feed_site_url: string | null; feed_id: string }): string {
  if (!a.feed_site_url) return `feed:${a.feed_id}`;
  let url: URL;
  try {
    url = new URL(a.feed_site_url);
  } catch {
    return `feed:${a.feed_id}`;
  }
  const host = url.hostname.replace(/^www\./, '').replace(/^\[|\]$/g, '');
  if (isIP(host) || host === 'localhost') return `${host}:${url.port}${url.pathname.replace(/\/+$/, '')}`;
  return host;
}
