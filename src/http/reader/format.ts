/** Small display helpers for the reader pages (pure). */

/** "5 min ago", "3 h ago", "2 d ago", or a date for older items. `now` and `ms` are epoch ms. */
export function timeAgo(ms: number | null, now = Date.now()): string {
  if (ms === null) return '';
  const s = Math.max(0, Math.round((now - ms) / 1000));
  if (s < 60) return 'just now';
  if (s < 3600) return `${Math.round(s / 60)} min ago`;
  if (s < 86_400) return `${Math.round(s / 3600)} h ago`;
  if (s < 7 * 86_400) return `${Math.round(s / 86_400)} d ago`;
  return new Date(ms).toISOString().slice(0, 10);
}

/** ISO-8601 for <time datetime>. */
export function isoTime(ms: number | null): string | undefined {
  return ms === null ? undefined : new Date(ms).toISOString();
}

/** The first `max` characters of a text, cut at a word boundary, with an ellipsis. */
export function excerpt(text: string, max = 260): string {
  const t = text.replace(/\s+/g, ' ').trim();
  if (t.length <= max) return t;
  const cut = t.slice(0, max);
  return cut.slice(0, Math.max(cut.lastIndexOf(' '), max * 0.6)).trimEnd() + '…';
}

/** Host of a URL without "www.", or the input when it is not a URL. */
export function hostOf(url: string | null): string {
  if (!url) return '';
  try {
    return new URL(url).hostname.replace(/^www\./, '');
  } catch {
    return url;
  }
}
