/**
 * Pure readers for the response headers the scheduler cares about: Retry-After and Cache-Control / Expires.
 */

/** One header value as undici gives it (repeated headers arrive as arrays). */
export type HeaderValue = string | string[] | undefined;

/** The first value of a header, or null. */
export function headerValue(value: HeaderValue): string | null {
  if (Array.isArray(value)) return value[0] ?? null;
  return value ?? null;
}

/** Parses an HTTP-date (RFC 9110 §5.6.7: IMF-fixdate, and the obsolete RFC 850 / asctime forms) to epoch ms. */
export function parseHttpDate(value: string): number | null {
  const trimmed = value.trim();
  // Date.parse reads all three RFC 9110 forms; require a letter so bare numbers are not taken as dates.
  if (!/[a-z]/i.test(trimmed)) return null;
  // asctime carries no zone but means UTC; Date.parse would read it as local time.
  const asctime = /^[a-z]{3} [a-z]{3} +\d{1,2} \d{2}:\d{2}:\d{2} \d{4}$/i.test(trimmed);
  const ms = Date.parse(asctime ? `${trimmed} GMT` : trimmed);
  return Number.isNaN(ms) ? null : ms;
}

/**
 * Reads `Retry-After` (RFC 9110 §10.2.3): delay-seconds or an HTTP-date.
 * @param value the header value.
 * @param nowMs the reference time in epoch ms: the response's `Date` header when present (so clock skew between
 *   us and the server does not matter), else the local clock.
 * @returns whole seconds to wait (≥ 0), or null when absent or unreadable.
 */
export function parseRetryAfter(value: string | null, nowMs: number): number | null {
  if (value === null) return null;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number.parseInt(trimmed, 10);
  const at = parseHttpDate(trimmed);
  if (at === null) return null;
  return Math.max(0, Math.ceil((at - nowMs) / 1000));
}

/**
 * How long the response may be reused, in whole seconds: `Cache-Control: max-age` (RFC 9111 §5.2.2.1) wins;
 * `no-store` / `no-cache` mean 0; otherwise `Expires` minus `Date` (RFC 9111 §4.2.1; an invalid Expires means
 * already expired, i.e. 0). Null when neither header says anything.
 * @param nowMs reference time in epoch ms (the local clock), used when the response has no `Date`.
 */
export function parseMaxAge(
  cacheControl: string | null,
  expires: string | null,
  date: string | null,
  nowMs: number,
): number | null {
  if (cacheControl !== null) {
    let maxAge: number | null = null;
    for (const directive of cacheControl.split(',')) {
      const [rawName, rawValue] = directive.split('=', 2);
      const name = (rawName ?? '').trim().toLowerCase();
      if (name === 'no-store' || name === 'no-cache') return 0;
      if (name === 'max-age' && rawValue !== undefined) {
        const v = rawValue.trim().replace(/^"(.*)"$/, '$1');
        if (/^\d+$/.test(v)) maxAge = Number.parseInt(v, 10);
      }
    }
    if (maxAge !== null) return maxAge;
  }
  if (expires !== null) {
    const at = parseHttpDate(expires);
    if (at === null) return 0;
    const ref = (date !== null ? parseHttpDate(date) : null) ?? nowMs;
    return Math.max(0, Math.floor((at - ref) / 1000));
  }
  return null;
}
