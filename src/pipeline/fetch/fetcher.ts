/**
 * The one outbound HTTP client: SSRF-safe (addresses checked after DNS, on every redirect hop), bounded (size
 * after decompression, total time, redirects), conditional, polite (per-host cap and spacing). Failures are values.
 */
import dns from 'node:dns';
import type { LookupAddress, LookupOptions } from 'node:dns';
import { STATUS_CODES } from 'node:http';
import { Readable, Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';
import { Agent } from 'undici';
import type { Failure, FailureKind } from '../../domain/errors.ts';
import { classifyAddress, isAllowed, parseAllowList, type AllowList } from './address.ts';
import { createHostLimiter } from './host-limiter.ts';
import { headerValue, parseMaxAge, parseRetryAfter, parseHttpDate, type HeaderValue } from './response-headers.ts';

export interface FetcherOptions {
  /**
   * IPs/CIDRs allowed although non-public (NEWSDESK_FETCH_ALLOW_PRIVATE), e.g. ['127.0.0.1'] or ['10.0.0.0/8'].
   * An entry `ip:port` (IPv6: `[ip]:port`) allows only that port of an IP written literally in the URL — the demo
   * allows its own feed server and nothing else on loopback.
   */
  allowPrivate: string[];
  /** Total milliseconds per request, all redirect hops and the body included (default 20_000). */
  timeoutMs: number;
  /** Body cap in bytes AFTER decompression (default 15 MiB). */
  maxBytes: number;
  userAgent: string;
  /** Redirects followed before failing with 'too-many-redirects' (default 10). */
  maxRedirects?: number;
  /** Requests in flight to one host at once (default 2). */
  perHostConcurrency?: number;
  /** Minimum milliseconds between two request starts to one host (default 0). */
  perHostDelayMs?: number;
  /**
   * Resolves a host name to its addresses (default: the system resolver, `dns.lookup` with `all: true`).
   * Tests inject a fake DNS here; the address guard runs on whatever it returns.
   */
  resolveHost?: (hostname: string, family: number) => Promise<LookupAddress[]>;
}

export interface FetchRequest {
  url: string;
  /** Stored ETag: sent as If-None-Match. */
  etag?: string | null;
  /** Stored Last-Modified: sent as If-Modified-Since. */
  lastModified?: string | null;
  /** Accept header; defaults to {@link FEED_ACCEPT}. */
  accept?: string;
  /**
   * Sends a POST with this form (application/x-www-form-urlencoded) instead of a GET — WebSub subscription
   * requests. A POST follows no redirect (a redirect is an 'http' failure) and any 2xx answers as status 200.
   */
  form?: Record<string, string>;
}

export type FetchOutcome =
  | {
      ok: true;
      status: 200;
      /** Final URL after redirects. */
      url: string;
      /** The new URL when every hop was 301/308 (store it as the feed's URL), else null. */
      permanentRedirect: string | null;
      /** The decoded (decompressed) body, at most maxBytes long. */
      body: Uint8Array;
      contentType: string | null;
      etag: string | null;
      lastModified: string | null;
      /** Seconds the response may be reused (Cache-Control max-age / Expires), or null. */
      maxAgeSeconds: number | null;
    }
  | {
      ok: true;
      status: 304;
      url: string;
      permanentRedirect: string | null;
      etag: string | null;
      lastModified: string | null;
      maxAgeSeconds: number | null;
    }
  | { ok: false; error: Failure; permanentRedirect?: string | null };

export interface Fetcher {
  /** Fetches one URL; never rejects for network or HTTP trouble (see {@link createFetcher}). */
  fetch(req: FetchRequest): Promise<FetchOutcome>;
  /** Closes pooled connections; in-flight fetches are aborted. Later fetch() calls throw. */
  close(): Promise<void>;
}

/** Default Accept: feed formats first, then anything (HTML pages lead to autodiscovery). */
export const FEED_ACCEPT =
  'application/rss+xml, application/atom+xml, application/feed+json, application/rdf+xml;q=0.9, ' +
  'application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.8, text/html;q=0.7, */*;q=0.5';

const ACCEPT_ENCODING = 'gzip, deflate, br';
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
const PERMANENT_STATUSES = new Set([301, 308]);

/** Thrown inside the connector when every resolved address is refused; mapped to kind 'blocked-address'. */
class BlockedAddressError extends Error {
  readonly code = 'ENEWSDESK_BLOCKED_ADDRESS';
  constructor(
    readonly address: string,
    readonly range: string,
  ) {
    super(`blocked address ${address} (${range})`);
  }
}

/** Thrown by the body reader at the cap; mapped to kind 'too-large'. */
class TooLargeError extends Error {}
/** Thrown for an unsupported Content-Encoding; mapped to kind 'decoding'. */
class DecodingError extends Error {}

type HopResult = { done: true; outcome: FetchOutcome } | { done: false; location: string; permanent: boolean };

/**
 * Creates the outbound HTTP client. One per process; `close()` it on shutdown.
 *
 * Safety (SSRF): only http: and https: URLs; every hop's host is checked — an IP literal before connecting, a
 * name by a `lookup` hook inside the connector, on the very addresses the socket then connects to (no DNS-rebinding
 * window). Addresses that {@link classifyAddress} does not call public are refused unless listed in
 * `allowPrivate` (matched literally per family: '127.0.0.1' does not allow '::ffff:127.0.0.1'). Redirects are
 * followed by hand, at most `maxRedirects`, loops end early.
 *
 * Outcomes: 2xx → `{ ok, status: 200, body }` (decompressed: gzip, deflate, br); 304 → `{ ok, status: 304 }`;
 * failures as `Failure` values: 'invalid-url', 'blocked-address', 'dns', 'tls', 'connection', 'timeout'
 * (`timeoutMs` for the whole fetch, counted from when the first host slot is granted), 'too-large' (Content-Length
 * or decoded bytes over `maxBytes`), 'decoding', 'too-many-redirects', 'gone' (410), 'http' (other 4xx/5xx, with
 * `status`; 429/503 and any error with `Retry-After` carry `retryAfterSeconds`). Sources: RFC 9110 (semantics,
 * conditional requests, redirects, Retry-After), RFC 9111 (max-age, Expires), RFC 1950/1951/1952/7932 (codings).
 *
 * @throws RangeError/TypeError on invalid options (a configuration bug); `fetch` throws only after `close()`.
 */
export function createFetcher(options: FetcherOptions): Fetcher {
  const timeoutMs = options.timeoutMs;
  const maxBytes = options.maxBytes;
  const maxRedirects = options.maxRedirects ?? 10;
  if (!(timeoutMs > 0)) throw new RangeError(`timeoutMs must be > 0, got ${timeoutMs}`);
  if (!(maxBytes >= 0)) throw new RangeError(`maxBytes must be ≥ 0, got ${maxBytes}`);
  if (!Number.isInteger(maxRedirects) || maxRedirects < 0) throw new RangeError(`maxRedirects must be ≥ 0`);
  const { plain, portScoped } = splitPortScoped(options.allowPrivate);
  const allow = parseAllowList(plain);
  const limiter = createHostLimiter(options.perHostConcurrency ?? 2, options.perHostDelayMs ?? 0);

  const agent = new Agent({
    connect: { lookup: createGuardedLookup(allow, options.resolveHost ?? systemResolve), timeout: timeoutMs },
    headersTimeout: timeoutMs,
    bodyTimeout: timeoutMs,
    keepAliveTimeout: 4_000,
  });
  let closed = false;

  const baseHeaders = (req: FetchRequest): Record<string, string> => {
    const headers: Record<string, string> = {
      'user-agent': options.userAgent,
      accept: req.accept ?? FEED_ACCEPT,
      'accept-encoding': ACCEPT_ENCODING,
    };
    if (req.etag) headers['if-none-match'] = req.etag;
    if (req.lastModified) headers['if-modified-since'] = req.lastModified;
    return headers;
  };

  async function fetchOnce(req: FetchRequest): Promise<FetchOutcome> {
    let url: URL;
    try {
      url = new URL(req.url);
    } catch {
      return failure('invalid-url', `invalid URL ${JSON.stringify(req.url)}`);
    }
    const original = url.href;
    const headers = baseHeaders(req);
    const seen = new Set<string>();
    let redirects = 0;
    let allPermanent = true;
    const controller = new AbortController();
    let timer: NodeJS.Timeout | null = null;
    let timedOut = false;
    const permanent = (): string | null => (redirects > 0 && allPermanent ? url.href : null);
    const where = (): string =>
      redirects > 0 ? `${displayUrl(url.href)} (redirected from ${displayUrl(original)})` : displayUrl(url.href);
    const fail = (kind: FailureKind, message: string, extra: Partial<Failure> = {}): FetchOutcome => {
      const outcome: FetchOutcome = { ok: false, error: { kind, message: `${message} for ${where()}`, ...extra } };
      if (redirects > 0) outcome.permanentRedirect = permanent();
      return outcome;
    };

    try {
      for (;;) {
        if (url.protocol !== 'http:' && url.protocol !== 'https:') {
          return fail('invalid-url', `unsupported scheme ${url.protocol}`);
        }
        const literal = literalIp(url.hostname);
        if (literal !== null) {
          // Node connects to IP literals without calling lookup, so the guard runs here, before any socket.
          const range = classifyAddress(literal);
          if (range !== 'public' && !isAllowed(literal, allow) && !portScoped.has(`${literal}:${effectivePort(url)}`)) {
            return fail('blocked-address', `blocked address ${literal} (${range})`);
          }
        }
        seen.add(withoutHash(url));

        const release = await limiter.acquire(url.hostname.toLowerCase());
        if (closed) {
          release();
          return fail('connection', 'fetcher closed while waiting');
        }
        timer ??= setTimeout(() => {
          timedOut = true;
          controller.abort();
        }, timeoutMs);
        let hop: HopResult;
        try {
          hop = await fetchHop(url, withCredentials(headers, url), controller.signal, req.form);
        } catch (err) {
          if (timedOut) return fail('timeout', `timed out after ${timeoutMs} ms`);
          return fail(...describeError(err, url));
        } finally {
          release();
        }
        if (hop.done) {
          if (hop.outcome.ok) return { ...hop.outcome, url: url.href, permanentRedirect: permanent() };
          const { kind, message, ...extra } = hop.outcome.error;
          return fail(kind, message, extra);
        }
        let next: URL;
        try {
          next = new URL(hop.location, url);
        } catch {
          return fail('invalid-url', `redirect to invalid URL ${JSON.stringify(hop.location)}`);
        }
        next.hash = '';
        if (seen.has(next.href) || redirects >= maxRedirects) {
          // Never suggest moving a feed to a URL that does not answer.
          allPermanent = false;
          redirects += 1;
          return seen.has(next.href)
            ? fail('too-many-redirects', `redirect loop back to ${displayUrl(next.href)}`)
            : fail('too-many-redirects', `more than ${maxRedirects} redirects`);
        }
        redirects += 1;
        allPermanent &&= hop.permanent;
        url = next;
      }
    } finally {
      if (timer) clearTimeout(timer);
    }
  }

  /** One request/response on one URL. Throws network errors; returns HTTP-level outcomes. */
  async function fetchHop(url: URL, headers: Record<string, string>, signal: AbortSignal, form?: Record<string, string>): Promise<HopResult> {
    const res = await agent.request({
      origin: url.origin,
      path: `${url.pathname}${url.search}`,
      method: form ? 'POST' : 'GET',
      headers: form ? { ...headers, 'content-type': 'application/x-www-form-urlencoded' } : headers,
      ...(form ? { body: new URLSearchParams(form).toString() } : {}),
      signal,
    });
    const h = res.headers as Record<string, HeaderValue>;
    const get = (name: string): string | null => headerValue(h[name]);
    const status = res.statusCode;
    const now = Date.now();
    const maxAgeSeconds = (): number | null => parseMaxAge(get('cache-control'), get('expires'), get('date'), now);

    if (REDIRECT_STATUSES.has(status) && form) {
      discard(res.body);
      return { done: true, outcome: httpFailure('http', status, `HTTP ${status}: a POST does not follow redirects`) };
    }
    if (REDIRECT_STATUSES.has(status)) {
      discard(res.body); // redirect bodies are never needed; dropping the socket beats reading a hostile one
      const location = get('location');
      if (location === null) {
        return { done: true, outcome: httpFailure('http', status, `HTTP ${status} redirect without Location`) };
      }
      return { done: false, location, permanent: PERMANENT_STATUSES.has(status) };
    }
    if (status === 304) {
      discard(res.body);
      return {
        done: true,
        outcome: {
          ok: true,
          status: 304,
          url: url.href,
          permanentRedirect: null,
          etag: get('etag'),
          lastModified: get('last-modified'),
          maxAgeSeconds: maxAgeSeconds(),
        },
      };
    }
    if (status < 200 || status >= 300 || status === 206) {
      discard(res.body);
      const reference = ((): number => {
        const date = get('date');
        return (date !== null ? parseHttpDate(date) : null) ?? now;
      })();
      const retryAfter = parseRetryAfter(get('retry-after'), reference);
      const reason = STATUS_CODES[status] ?? 'Error';
      const extra: Partial<Failure> = retryAfter !== null ? { retryAfterSeconds: retryAfter } : {};
      const kind: FailureKind = status === 410 ? 'gone' : 'http';
      return { done: true, outcome: httpFailure(kind, status, `HTTP ${status} ${reason}`, extra) };
    }

    const declared = get('content-length');
    if (declared !== null && /^\d+$/.test(declared.trim()) && Number(declared) > maxBytes) {
      discard(res.body);
      throw new TooLargeError(`Content-Length ${declared} bytes exceeds the ${maxBytes}-byte limit`);
    }
    const body = await readBody(res.body, get('content-encoding'), maxBytes, signal);
    return {
      done: true,
      outcome: {
        ok: true,
        status: 200,
        url: url.href,
        permanentRedirect: null,
        body,
        contentType: get('content-type'),
        etag: get('etag'),
        lastModified: get('last-modified'),
        maxAgeSeconds: maxAgeSeconds(),
      },
    };
  }

  return {
    async fetch(req) {
      if (closed) throw new Error('fetcher is closed');
      return fetchOnce(req);
    },
    async close() {
      if (closed) return;
      closed = true;
      await agent.destroy();
    },
  };
}

/**
 * Userinfo in a URL (https://user:pass@host/feed, as some private feeds are subscribed) becomes Basic auth
 * (RFC 7617) for that hop only; a redirect elsewhere carries no credentials unless its Location has its own.
 */
function withCredentials(headers: Record<string, string>, url: URL): Record<string, string> {
  if (url.username === '' && url.password === '') return headers;
  const decode = (part: string): string => {
    try {
      return decodeURIComponent(part);
    } catch {
      return part; // a stray '%' in userinfo: send it as written rather than fail the fetch
    }
  };
  const pair = `${decode(url.username)}:${decode(url.password)}`;
  return { ...headers, authorization: `Basic ${Buffer.from(pair, 'utf8').toString('base64')}` };
}

function withoutHash(url: URL): string {
  const copy = new URL(url.href);
  copy.hash = '';
  return copy.href;
}

/** A URL for messages and logs: the password is never shown. */
function displayUrl(href: string): string {
  try {
    const url = new URL(href);
    if (url.password === '') return url.href;
    url.password = '***';
    return url.href;
  } catch {
    return href;
  }
}

/** Drops a response body we will not read (closing its socket); undici reports that as an error, expected here. */
function discard(body: Readable): void {
  body.on('error', () => {});
  body.destroy();
}

function failure(kind: FailureKind, message: string): FetchOutcome {
  return { ok: false, error: { kind, message } };
}

function httpFailure(kind: FailureKind, status: number, message: string, extra: Partial<Failure> = {}): FetchOutcome {
  return { ok: false, error: { kind, message, status, ...extra } };
}

/** The IP inside a WHATWG-normalized hostname ('127.0.0.1', '[::1]' → '::1'), or null for a DNS name. */
function literalIp(hostname: string): string | null {
  if (hostname.startsWith('[') && hostname.endsWith(']')) return hostname.slice(1, -1);
  return /^\d+\.\d+\.\d+\.\d+$/.test(hostname) ? hostname : null;
}

/** Splits allow-list entries into IP/CIDR entries and `ip:port` entries (kept as a set of "ip:port" keys). */
function splitPortScoped(entries: readonly string[]): { plain: string[]; portScoped: Set<string> } {
  const plain: string[] = [];
  const portScoped = new Set<string>();
  for (const raw of entries) {
    const entry = raw.trim();
    const m = entry.match(/^(\d+\.\d+\.\d+\.\d+):(\d{1,5})$/) ?? entry.match(/^\[([0-9a-fA-F:.]+)\]:(\d{1,5})$/);
    if (m) portScoped.add(`${m[1]!.toLowerCase()}:${Number(m[2])}`);
    else plain.push(entry);
  }
  return { plain, portScoped };
}

function effectivePort(url: URL): number {
  return url.port ? Number(url.port) : url.protocol === 'https:' ? 443 : 80;
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * A `net.connect` lookup that resolves with the system resolver, then drops every address that is neither public
 * nor allowed. The socket only ever sees the survivors, so what was checked is what is connected to.
 */
function createGuardedLookup(allow: AllowList, resolve: (hostname: string, family: number) => Promise<LookupAddress[]>) {
  return (hostname: string, opts: LookupOptions, callback: LookupCallback): void => {
    const f = opts.family;
    const family = typeof f === 'number' ? f : f === 'IPv6' ? 6 : f === 'IPv4' ? 4 : 0;
    resolve(hostname, family).then((addresses) => {
      const permitted = addresses.filter((a) => classifyAddress(a.address) === 'public' || isAllowed(a.address, allow));
      if (permitted.length === 0) {
        const first = addresses[0];
        const blocked = first
          ? new BlockedAddressError(first.address, classifyAddress(first.address))
          : Object.assign(new Error(`no addresses for ${hostname}`), { code: 'ENOTFOUND' });
        return callback(blocked, []);
      }
      if (opts.all) return callback(null, permitted);
      const chosen = permitted[0] as LookupAddress;
      return callback(null, chosen.address, chosen.family);
    }, (err: NodeJS.ErrnoException) => callback(err, []));
  };
}

function systemResolve(hostname: string, family: number): Promise<LookupAddress[]> {
  return dns.promises.lookup(hostname, { all: true, family });
}

/** Reads the body through the decoders for its Content-Encoding, stopping at `maxBytes` decoded bytes. */
async function readBody(body: Readable, encoding: string | null, maxBytes: number, signal: AbortSignal): Promise<Uint8Array> {
  let decoders: Transform[];
  try {
    decoders = decodersFor(encoding);
  } catch (err) {
    discard(body);
    throw err;
  }
  const chunks: Buffer[] = [];
  let total = 0;
  let overCap: string | null = null;
  const collect = async (source: AsyncIterable<Buffer>): Promise<void> => {
    for await (const chunk of source) {
      total += chunk.length;
      if (total > maxBytes) {
        overCap = `body exceeds the ${maxBytes}-byte limit after decompression`;
        throw new TooLargeError(overCap);
      }
      chunks.push(chunk);
    }
  };
  // stream/promises' typed overloads do not take a spread of transforms.
  const run = pipeline as unknown as (...args: unknown[]) => Promise<void>;
  try {
    // The raw (still compressed) bytes are capped too: an endless run of empty deflate blocks decodes to nothing.
    const onRawOver = () => (overCap = `compressed body exceeds the ${maxBytes}-byte limit`);
    const stages = decoders.length > 0 ? [capRaw(maxBytes, onRawOver), ...decoders] : [];
    await run(body, ...stages, collect, { signal });
  } catch (err) {
    // Leaving the loop early destroys the sources, and pipeline may report that AbortError instead of ours.
    if (overCap !== null) throw new TooLargeError(overCap);
    throw err;
  }
  // A fresh array, not Buffer.concat: small Buffers live in Node's shared pool, and `.buffer` would expose it.
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}

function capRaw(maxBytes: number, onOver: () => void): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _enc, callback) {
      seen += chunk.length;
      if (seen > maxBytes) {
        onOver();
        return callback(new TooLargeError('over cap'));
      }
      callback(null, chunk);
    },
  });
}

/** Decoders in the order to apply them: Content-Encoding lists codings in the order they were applied. */
function decodersFor(header: string | null): Transform[] {
  if (header === null) return [];
  const codings = header
    .split(',')
    .map((c) => c.trim().toLowerCase())
    .filter((c) => c !== '' && c !== 'identity');
  return codings.reverse().map((coding) => {
    switch (coding) {
      case 'gzip':
      case 'x-gzip':
        // Sync flush at the end tolerates servers that cut the trailer off, as browsers do.
        return zlib.createGunzip({ finishFlush: zlib.constants.Z_SYNC_FLUSH });
      case 'deflate':
        return new DeflateDecoder();
      case 'br':
        return zlib.createBrotliDecompress({ finishFlush: zlib.constants.BROTLI_OPERATION_FLUSH });
      default:
        throw new DecodingError(`unsupported Content-Encoding ${JSON.stringify(coding)}`);
    }
  });
}

/**
 * 'deflate' is zlib-wrapped per RFC 9110 §8.4.1.2, but some servers send raw RFC 1951 data; pick by the first
 * byte (a zlib header has compression method 8 in its low nibble), as browsers do.
 */
class DeflateDecoder extends Transform {
  private inner: zlib.Inflate | zlib.InflateRaw | null = null;
  private innerDone: Promise<void> | null = null;

  override _transform(chunk: Buffer, _enc: BufferEncoding, callback: TransformCallback): void {
    if (this.inner === null) {
      if (chunk.length === 0) return callback();
      const opts = { finishFlush: zlib.constants.Z_SYNC_FLUSH };
      const inner = ((chunk[0] ?? 0) & 0x0f) === 0x08 ? zlib.createInflate(opts) : zlib.createInflateRaw(opts);
      this.inner = inner;
      inner.on('data', (data: Buffer) => {
        // Respect the consumer's backpressure, so a bomb does not pile up decoded bytes in memory.
        if (!this.push(data)) inner.pause();
      });
      this.innerDone = new Promise((resolve, reject) => {
        inner.on('end', resolve);
        inner.on('error', reject);
      });
      this.innerDone.catch((err: unknown) => this.destroy(err as Error));
    }
    this.inner.write(chunk, callback);
  }

  override _read(size: number): void {
    this.inner?.resume();
    super._read(size);
  }

  override _flush(callback: TransformCallback): void {
    if (this.inner === null || this.innerDone === null) return callback();
    this.innerDone.then(() => callback(), (err: unknown) => callback(err as Error));
    this.inner.end();
  }

  override _destroy(err: Error | null, callback: (error: Error | null) => void): void {
    this.inner?.destroy();
    callback(err);
  }
}

const DNS_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_NONAME', 'EAI_FAIL', 'EAI_NODATA', 'ENODATA', 'ESERVFAIL']);
const TLS_CODES = new Set([
  'EPROTO',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'HOSTNAME_MISMATCH',
]);
const TIMEOUT_CODES = new Set(['UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'ETIMEDOUT']);
const RESET_CODES = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET']);
const UNREACHABLE_CODES = new Set(['EHOSTUNREACH', 'ENETUNREACH', 'EHOSTDOWN', 'ENETDOWN', 'EADDRNOTAVAIL', 'ECONNABORTED']);

/** Maps a thrown network/stream error to a failure kind and message (the caller appends the URL). */
function describeError(err: unknown, url: URL): [FailureKind, string] {
  const host = url.host;
  for (let e: unknown = err, depth = 0; e instanceof Error && depth < 5; depth++) {
    if (e instanceof BlockedAddressError) return ['blocked-address', e.message];
    if (e instanceof TooLargeError) return ['too-large', e.message];
    if (e instanceof DecodingError) return ['decoding', e.message];
    const code = String((e as NodeJS.ErrnoException).code ?? '');
    if (DNS_CODES.has(code)) return ['dns', `DNS lookup of ${url.hostname} failed (${code})`];
    if (TLS_CODES.has(code) || /^ERR_(TLS|SSL)|CERT/.test(code)) return ['tls', `TLS error with ${host}: ${e.message}`];
    if (TIMEOUT_CODES.has(code)) return ['timeout', `timed out talking to ${host} (${code})`];
    if (code === 'UND_ERR_HEADERS_OVERFLOW') return ['too-large', `response headers from ${host} are too large`];
    if (code.startsWith('HPE_')) return ['connection', `invalid HTTP response from ${host} (${code})`];
    if (code === 'UND_ERR_DESTROYED' || code === 'UND_ERR_CLOSED') return ['connection', 'fetcher closed during the request'];
    if (code === 'ECONNREFUSED') return ['connection', `connection refused by ${host}`];
    if (RESET_CODES.has(code)) return ['connection', `connection reset by ${host}`];
    if (UNREACHABLE_CODES.has(code)) return ['connection', `cannot reach ${host} (${code})`];
    // zlib reports Z_* codes; Node's brotli binding reports ERR__ERROR_* codes.
    if (code.startsWith('Z_') || code.startsWith('ERR__ERROR')) {
      return ['decoding', `corrupt compressed body (${code}: ${e.message})`];
    }
    // autoSelectFamily reports every attempted address in an AggregateError; the first tells the story.
    e = e instanceof AggregateError && e.errors.length > 0 ? e.errors[0] : (e as Error).cause;
  }
  const message = err instanceof Error ? err.message : String(err);
  return ['connection', `request to ${host} failed: ${message}`];
}
