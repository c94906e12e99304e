/**
 * Expected failures are values. A fetch or parse failure has a kind (shown to users, counted, used for backoff)
 * and a human message. Imports nothing.
 */
export type FailureKind =
  | 'dns'
  | 'tls'
  | 'timeout'
  | 'connection'
  | 'http'
  | 'too-large'
  | 'blocked-address'
  | 'too-many-redirects'
  | 'invalid-url'
  | 'parse'
  | 'gone'
  /** The body could not be decoded (corrupt gzip/deflate/br data, unsupported Content-Encoding). */
  | 'decoding';

export interface Failure {
  kind: FailureKind;
  message: string;
  /** HTTP status for kind "http"/"gone". */
  status?: number;
  /** Seconds the server asked us to wait (Retry-After), if any. */
  retryAfterSeconds?: number;
}

export type Result<T, E = Failure> = { ok: true; value: T } | { ok: false; error: E };

export function ok<T>(value: T): { ok: true; value: T } {
  return { ok: true, value };
}

export function fail<E = Failure>(error: E): { ok: false; error: E } {
  return { ok: false, error };
}
