/**
 * Feed refresh schedule math (pure). The schedule lives on the feed row (after miniflux's
 * `Feed.ScheduleNextCheck`): the interval follows the feed's own rhythm, bounded to [5 min, 24 h], raised by
 * TTL / Retry-After, and failures back off exponentially up to 7 days.
 */
export const MIN_INTERVAL_MS = 5 * 60_000;
export const MAX_INTERVAL_MS = 24 * 60 * 60_000;
export const MAX_BACKOFF_MS = 7 * 24 * 60 * 60_000;

/**
 * Interval until the next check of a healthy feed.
 * @param entriesPerDay observed entry rate (entries per 24 h; 0 when unknown/quiet).
 * @param minimumMs     a floor the server asked for (TTL, Cache-Control max-age, Retry-After), in ms; 0 if none.
 * @returns milliseconds in [MIN_INTERVAL_MS, MAX_INTERVAL_MS] (a server floor above 24 h is capped at 24 h).
 * Rule: about one check per expected new entry (24 h / rate), like miniflux's entry-frequency scheduler.
 */
export function refreshIntervalMs(entriesPerDay: number, minimumMs = 0): number {
  const byRhythm = entriesPerDay > 0 ? MAX_INTERVAL_MS / entriesPerDay : MAX_INTERVAL_MS;
  return clamp(Math.max(byRhythm, minimumMs), MIN_INTERVAL_MS, MAX_INTERVAL_MS);
}

/**
 * Delay after `errorCount` consecutive failures: 5 min × 2^(n-1), capped at 7 days; at least `retryAfterMs`.
 */
export function backoffMs(errorCount: number, retryAfterMs = 0): number {
  const exp = MIN_INTERVAL_MS * 2 ** Math.max(0, Math.min(errorCount - 1, 20));
  return Math.min(MAX_BACKOFF_MS, Math.max(exp, retryAfterMs));
}

/** Adds ±10 % jitter so feeds added together do not stay in lock-step. `random` in [0, 1). */
export function withJitter(ms: number, random: number): number {
  return Math.round(ms * (0.9 + 0.2 * random));
}

function clamp(x: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, x));
}
