import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import zlib from 'node:zlib';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { createFetcher, type Fetcher, type FetcherOptions, type FetchOutcome } from './index.ts';

// Every server lives on 127.0.0.1, port 0, inside this file: the tests never touch the network.

interface TestServer {
  port: number;
  origin: string;
  url(path: string): string;
  requests: http.IncomingMessage[];
  close(): Promise<void>;
}

const servers: TestServer[] = [];
const fetchers: Fetcher[] = [];
after(async () => {
  await Promise.all(fetchers.map((f) => f.close()));
  await Promise.all(servers.map((s) => s.close()));
});

async function serve(handler: (req: http.IncomingMessage, res: http.ServerResponse, server: TestServer) => void): Promise<TestServer> {
  const requests: http.IncomingMessage[] = [];
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${port}`;
  const ts: TestServer = {
    port,
    origin,
    url: (path) => `${origin}${path}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  server.on('request', (req, res) => {
    requests.push(req);
    handler(req, res, ts);
  });
  servers.push(ts);
  return ts;
}

function fetcher(overrides: Partial<FetcherOptions> = {}): Fetcher {
  const f = createFetcher({
    allowPrivate: ['127.0.0.1'],
    timeoutMs: 5_000,
    maxBytes: 1024 * 1024,
    userAgent: 'Newsdesk-test/1.0 (+https://newsdesk.invalid)',
    ...overrides,
  });
  fetchers.push(f);
  return f;
}

const FEED = '<?xml version="1.0"?><rss version="2.0"><channel><title>t</title></channel></rss>';

function assertOk(outcome: FetchOutcome): asserts outcome is Extract<FetchOutcome, { status: 200 }> {
  assert.equal(outcome.ok, true, outcome.ok ? '' : `${outcome.error.kind}: ${outcome.error.message}`);
  assert.equal((outcome as { status: number }).status, 200);
}

function assertFailure(outcome: FetchOutcome, kind: string): asserts outcome is Extract<FetchOutcome, { ok: false }> {
  assert.equal(outcome.ok, false, `expected a ${kind} failure, got ${JSON.stringify(outcome.ok && outcome.status)}`);
  assert.equal((outcome as Extract<FetchOutcome, { ok: false }>).error.kind, kind, JSON.stringify(outcome));
}

const text = (body: Uint8Array) => Buffer.from(body).toString('utf8');

test('200 with gzip, br, deflate and raw deflate bodies is decoded; request headers are ours', async () => {
  const encoders: Record<string, (b: Buffer) => Buffer> = {
    gzip: zlib.gzipSync,
    br: zlib.brotliCompressSync,
    deflate: zlib.deflateSync,
    'deflate-raw': zlib.deflateRawSync,
    none: (b) => b,
  };
  const server = await serve((req, res) => {
    const name = (req.url ?? '/').slice(1);
    const encode = encoders[name];
    assert.ok(encode);
    const headers: http.OutgoingHttpHeaders = {
      'content-type': 'application/rss+xml; charset=utf-8',
      etag: '"v1"',
      'last-modified': 'Sat, 28 Nov 2026 10:00:00 GMT',
      'cache-control': 'public, max-age=600',
    };
    if (name !== 'none') headers['content-encoding'] = name === 'deflate-raw' ? 'deflate' : name;
    res.writeHead(200, headers).end(encode(Buffer.from(FEED)));
  });
  const f = fetcher();
  for (const name of Object.keys(encoders)) {
    const outcome = await f.fetch({ url: server.url(`/${name}`) });
    assertOk(outcome);
    assert.equal(text(outcome.body), FEED, name);
    assert.equal(outcome.body.buffer.byteLength, FEED.length, 'body must own its ArrayBuffer'); // not Node's pool
    assert.equal(outcome.url, server.url(`/${name}`));
    assert.equal(outcome.permanentRedirect, null);
    assert.equal(outcome.contentType, 'application/rss+xml; charset=utf-8');
    assert.equal(outcome.etag, '"v1"');
    assert.equal(outcome.lastModified, 'Sat, 28 Nov 2026 10:00:00 GMT');
    assert.equal(outcome.maxAgeSeconds, 600);
  }
  const req = server.requests[0];
  assert.ok(req);
  assert.equal(req.headers['user-agent'], 'Newsdesk-test/1.0 (+https://newsdesk.invalid)');
  assert.equal(req.headers['accept-encoding'], 'gzip, deflate, br');
  assert.match(req.headers.accept ?? '', /application\/rss\+xml/);
  assert.equal(req.headers['if-none-match'], undefined);
});

test('conditional GET: etag and last-modified sent, 304 returned as such', async () => {
  const server = await serve((req, res) => {
    if (req.headers['if-none-match'] === '"v1"' && req.headers['if-modified-since'] === 'Sat, 28 Nov 2026 10:00:00 GMT') {
      res.writeHead(304, { etag: '"v1"', 'cache-control': 'max-age=60' }).end();
    } else {
      res.writeHead(200, { etag: '"v1"' }).end(FEED);
    }
  });
  const f = fetcher();
  const outcome = await f.fetch({ url: server.url('/feed'), etag: '"v1"', lastModified: 'Sat, 28 Nov 2026 10:00:00 GMT', accept: 'text/html' });
  assert.deepEqual(outcome, {
    ok: true,
    status: 304,
    url: server.url('/feed'),
    permanentRedirect: null,
    etag: '"v1"',
    lastModified: null,
    maxAgeSeconds: 60,
  });
  assert.equal(server.requests[0]?.headers.accept, 'text/html');
});

test('301 → 308 chain is reported as a permanent redirect to the final URL', async () => {
  const server = await serve((req, res) => {
    if (req.url === '/old') res.writeHead(301, { location: '/older' }).end();
    else if (req.url === '/older') res.writeHead(308, { location: `${server.origin}/new?x=1` }).end();
    else res.writeHead(200).end(FEED);
  });
  const outcome = await fetcher().fetch({ url: server.url('/old') });
  assertOk(outcome);
  assert.equal(outcome.url, server.url('/new?x=1'));
  assert.equal(outcome.permanentRedirect, server.url('/new?x=1'));
});

test('a 302 anywhere in the chain makes it not permanent', async () => {
  const server = await serve((req, res) => {
    if (req.url === '/a') res.writeHead(301, { location: '/b' }).end();
    else if (req.url === '/b') res.writeHead(302, { location: '/c' }).end();
    else res.writeHead(200).end(FEED);
  });
  const outcome = await fetcher().fetch({ url: server.url('/a') });
  assertOk(outcome);
  assert.equal(outcome.url, server.url('/c'));
  assert.equal(outcome.permanentRedirect, null);
});

test('410 after a 301 is gone and still reports the permanent redirect', async () => {
  const server = await serve((req, res) => {
    if (req.url === '/moved') res.writeHead(301, { location: '/dead' }).end();
    else res.writeHead(410).end('gone');
  });
  const outcome = await fetcher().fetch({ url: server.url('/moved') });
  assertFailure(outcome, 'gone');
  assert.equal(outcome.error.status, 410);
  assert.equal(outcome.permanentRedirect, server.url('/dead'));
  assert.match(outcome.error.message, /HTTP 410 Gone for http:\/\/127\.0\.0\.1:\d+\/dead \(redirected from .*\/moved\)/);
});

test('redirect loops and over-long chains end as too-many-redirects', async () => {
  const server = await serve((req, res) => {
    const m = /^\/chain\/(\d+)$/.exec(req.url ?? '');
    if (req.url === '/loop-a') res.writeHead(302, { location: '/loop-b' }).end();
    else if (req.url === '/loop-b') res.writeHead(302, { location: '/loop-a' }).end();
    else if (m) {
      const n = Number(m[1]);
      if (n > 0) res.writeHead(301, { location: `/chain/${n - 1}` }).end();
      else res.writeHead(200).end(FEED);
    } else res.writeHead(404).end();
  });
  const f = fetcher({ maxRedirects: 10 });
  const loop = await f.fetch({ url: server.url('/loop-a') });
  assertFailure(loop, 'too-many-redirects');
  assert.match(loop.error.message, /redirect loop back to .*\/loop-a for .*\/loop-b \(redirected from .*\/loop-a\)/);
  assert.equal(loop.permanentRedirect, null);
  assertOk(await f.fetch({ url: server.url('/chain/10') }));
  const long = await f.fetch({ url: server.url('/chain/11') });
  assertFailure(long, 'too-many-redirects');
  assert.match(long.error.message, /more than 10 redirects/);
  assert.equal(long.permanentRedirect, null); // never move a feed to a URL that does not answer
  assert.equal(server.requests.filter((r) => r.url?.startsWith('/chain/')).length, 11 + 11);
});

test('redirect to the cloud metadata address is blocked before any connection', async () => {
  const server = await serve((_req, res) => {
    res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' }).end();
  });
  const outcome = await fetcher().fetch({ url: server.url('/feed') });
  assertFailure(outcome, 'blocked-address');
  assert.match(outcome.error.message, /^blocked address 169\.254\.169\.254 \(link-local\) for http:\/\/169\.254\.169\.254\/latest\/meta-data\//);
  // The decimal spelling is the same address once the URL parser has normalized it.
  const decimal = await fetcher().fetch({ url: 'http://2852039166/' });
  assertFailure(decimal, 'blocked-address');
  assert.match(decimal.error.message, /169\.254\.169\.254/);
});

test('redirect to the IPv4-mapped spelling of an allowed loopback address is blocked', async () => {
  // Documented choice: allowPrivate ['127.0.0.1'] allows that literal only, not ::ffff:127.0.0.1.
  const server = await serve((req, res) => {
    if (req.url === '/feed') res.writeHead(301, { location: `http://[::ffff:127.0.0.1]:${server.port}/mapped` }).end();
    else res.writeHead(200).end(FEED);
  });
  const outcome = await fetcher().fetch({ url: server.url('/feed') });
  assertFailure(outcome, 'blocked-address');
  assert.match(outcome.error.message, /blocked address ::ffff:7f00:1 \(ipv4-mapped loopback\)/);
  assert.deepEqual(server.requests.map((r) => r.url), ['/feed']);
});

test('with an empty allow-list, loopback is refused: after DNS of a name, and as a literal', async () => {
  const server = await serve((_req, res) => res.writeHead(200).end(FEED));
  const f = fetcher({ allowPrivate: [] });
  const byName = await f.fetch({ url: `http://localhost:${server.port}/feed` });
  assertFailure(byName, 'blocked-address');
  assert.match(byName.error.message, /blocked address (127\.0\.0\.1|::1) \(loopback\) for http:\/\/localhost:\d+\/feed/);
  for (const url of [server.url('/feed'), `http://0x7f.1:${server.port}/`, `http://[::1]:${server.port}/`]) {
    assertFailure(await f.fetch({ url }), 'blocked-address');
  }
  assert.equal(server.requests.length, 0);
});

test('DNS answers are checked on the address actually connected to (fake resolver)', async () => {
  const server = await serve((_req, res) => res.writeHead(200).end(FEED));
  // A public-looking name that resolves to a private address (DNS rebinding) is refused...
  const resolveHost = async (hostname: string) => {
    if (hostname === 'rebind.example') return [{ address: '10.0.0.7', family: 4 }];
    if (hostname === 'mixed.example') return [{ address: '169.254.169.254', family: 4 }, { address: '127.0.0.1', family: 4 }];
    const err = Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
    throw err;
  };
  const f = fetcher({ resolveHost });
  const rebind = await f.fetch({ url: `http://rebind.example:${server.port}/` });
  assertFailure(rebind, 'blocked-address');
  assert.match(rebind.error.message, /blocked address 10\.0\.0\.7 \(private \(RFC 1918\)\) for http:\/\/rebind\.example/);
  // ...while only the allowed address of a mixed answer is connected to.
  const mixed = await f.fetch({ url: `http://mixed.example:${server.port}/feed` });
  assertOk(mixed);
  assert.equal(server.requests[0]?.headers.host, `mixed.example:${server.port}`);
  const missing = await f.fetch({ url: 'http://nowhere.example/' });
  assertFailure(missing, 'dns');
  assert.match(missing.error.message, /DNS lookup of nowhere\.example failed \(ENOTFOUND\)/);
});

test('only http and https URLs are fetched', async () => {
  const f = fetcher();
  for (const url of ['file:///etc/passwd', 'ftp://example.com/feed', 'gopher://127.0.0.1/', 'not a url']) {
    assertFailure(await f.fetch({ url }), 'invalid-url');
  }
  const server = await serve((_req, res) => res.writeHead(302, { location: 'file:///etc/passwd' }).end());
  assertFailure(await f.fetch({ url: server.url('/') }), 'invalid-url');
});

test('HTTP errors: 500 is http with status, 429 and 503 carry Retry-After', async () => {
  const server = await serve((req, res) => {
    if (req.url === '/500') res.writeHead(500).end('boom');
    else if (req.url === '/404') res.writeHead(404).end();
    else if (req.url === '/429') res.writeHead(429, { 'retry-after': '120' }).end();
    else if (req.url === '/503') {
      res.writeHead(503, { 'retry-after': new Date(Date.now() + 3_600_000).toUTCString() }).end();
    }
  });
  const f = fetcher();
  const e500 = await f.fetch({ url: server.url('/500') });
  assertFailure(e500, 'http');
  assert.equal(e500.error.status, 500);
  assert.equal(e500.error.retryAfterSeconds, undefined);
  assert.equal(e500.error.message, `HTTP 500 Internal Server Error for ${server.url('/500')}`);
  const e404 = await f.fetch({ url: server.url('/404') });
  assertFailure(e404, 'http');
  assert.equal(e404.error.status, 404);
  const e429 = await f.fetch({ url: server.url('/429') });
  assertFailure(e429, 'http');
  assert.equal(e429.error.status, 429);
  assert.equal(e429.error.retryAfterSeconds, 120);
  const e503 = await f.fetch({ url: server.url('/503') });
  assertFailure(e503, 'http');
  assert.equal(e503.error.status, 503);
  const wait = e503.error.retryAfterSeconds ?? -1;
  assert.ok(wait > 3500 && wait <= 3601, `retryAfterSeconds ${wait}`);
});

test('slowloris (a byte at a time, forever) ends as timeout', async () => {
  const server = await serve((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/xml' });
    const timer = setInterval(() => res.write('<'), 50);
    res.on('close', () => clearInterval(timer));
  });
  const outcome = await fetcher({ timeoutMs: 1_000 }).fetch({ url: server.url('/slow') });
  assertFailure(outcome, 'timeout');
  assert.match(outcome.error.message, /timed out after 1000 ms for http/);
});

test('a server that never sends headers ends as timeout', async () => {
  const server = await serve(() => {
    /* never answer */
  });
  const outcome = await fetcher({ timeoutMs: 500 }).fetch({ url: server.url('/hang') });
  assertFailure(outcome, 'timeout');
});

test('an endless body stops at maxBytes as too-large', async () => {
  const server = await serve((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/xml' });
    const chunk = Buffer.alloc(16 * 1024, 'a');
    const pump = () => {
      while (res.write(chunk)) {
        /* fill the socket */
      }
    };
    res.on('drain', pump);
    pump();
  });
  const outcome = await fetcher({ maxBytes: 256 * 1024 }).fetch({ url: server.url('/endless') });
  assertFailure(outcome, 'too-large');
  assert.match(outcome.error.message, /262144-byte limit/);
});

test('gzip, brotli and deflate bombs (100 MiB of zeros) stop at the cap after decompression', async () => {
  // The server compresses lazily with backpressure, so only what the client reads before giving up is ever made.
  const server = await serve((req, res) => {
    const coding = (req.url ?? '/').slice(1);
    const encoder =
      coding === 'gzip' ? zlib.createGzip({ level: 9 })
      : coding === 'br' ? zlib.createBrotliCompress({ params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 1 } })
      : zlib.createDeflate({ level: 9 });
    res.writeHead(200, { 'content-encoding': coding });
    encoder.pipe(res);
    const zeros = Buffer.alloc(1024 * 1024);
    let left = 100;
    const pump = () => {
      while (left > 0) {
        left -= 1;
        if (!encoder.write(zeros)) return void encoder.once('drain', pump);
      }
      encoder.end();
    };
    res.on('close', () => encoder.destroy());
    pump();
  });
  const f = fetcher({ maxBytes: 1024 * 1024 });
  for (const coding of ['gzip', 'br', 'deflate']) {
    const outcome = await f.fetch({ url: server.url(`/${coding}`) });
    assertFailure(outcome, 'too-large');
    assert.match(outcome.error.message, /body exceeds the 1048576-byte limit after decompression/, coding);
  }
});

test('a classic gzip bomb with a small Content-Length stops at the cap', async () => {
  // 100 gzip members of 1 MiB of zeros each: ~100 KiB on the wire, 100 MiB decoded (RFC 1952 §2.2 allows members).
  const member = zlib.gzipSync(Buffer.alloc(1024 * 1024), { level: 9 });
  const bomb = Buffer.concat(Array.from({ length: 100 }, () => member));
  const server = await serve((_req, res) => {
    res.writeHead(200, { 'content-encoding': 'gzip', 'content-length': String(bomb.length) }).end(bomb);
  });
  const outcome = await fetcher({ maxBytes: 1024 * 1024 }).fetch({ url: server.url('/') });
  assertFailure(outcome, 'too-large');
  assert.match(outcome.error.message, /after decompression/);
});

test('a body exactly at the cap is accepted', async () => {
  const body = Buffer.alloc(4096, 'x');
  const server = await serve((_req, res) => res.writeHead(200, { 'content-encoding': 'gzip' }).end(zlib.gzipSync(body)));
  const outcome = await fetcher({ maxBytes: 4096 }).fetch({ url: server.url('/') });
  assertOk(outcome);
  assert.equal(outcome.body.length, 4096);
});

test('a Content-Length over the cap fails before the body is read', async () => {
  const server = await serve((_req, res) => {
    res.writeHead(200, { 'content-length': String(50 * 1024 * 1024) });
    res.write('x'); // then hang: only the header can end this quickly
  });
  const outcome = await fetcher({ maxBytes: 1024 * 1024, timeoutMs: 20_000 }).fetch({ url: server.url('/big') });
  assertFailure(outcome, 'too-large');
  assert.match(outcome.error.message, /Content-Length 52428800 bytes exceeds the 1048576-byte limit/);
});

test('corrupt compressed data and unknown codings are decoding failures', async () => {
  const server = await serve((req, res) => {
    const coding = (req.url ?? '/').slice(1);
    const body = coding === 'compress' ? 'x' : 'definitely not compressed data, not at all';
    res.writeHead(200, { 'content-encoding': coding }).end(body);
  });
  const f = fetcher();
  for (const coding of ['gzip', 'deflate', 'br']) {
    const outcome = await f.fetch({ url: server.url(`/${coding}`) });
    assertFailure(outcome, 'decoding');
    assert.match(outcome.error.message, /^corrupt compressed body \(/, coding);
  }
  const unknown = await f.fetch({ url: server.url('/compress') });
  assertFailure(unknown, 'decoding');
  assert.match(unknown.error.message, /unsupported Content-Encoding "compress"/);
});

test('refused and reset connections are connection failures', async () => {
  const closed = net.createServer();
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
  const port = (closed.address() as AddressInfo).port;
  await new Promise<void>((resolve) => closed.close(() => resolve()));
  const f = fetcher();
  const refused = await f.fetch({ url: `http://127.0.0.1:${port}/` });
  assertFailure(refused, 'connection');
  assert.match(refused.error.message, /connection refused by 127\.0\.0\.1:\d+ for http/);

  const server = await serve((req) => req.socket.destroy());
  assertFailure(await f.fetch({ url: server.url('/reset') }), 'connection');
});

test('an untrusted certificate is a tls failure', async () => {
  const dir = new URL('./testdata/', import.meta.url);
  const server = https.createServer(
    { key: readFileSync(new URL('self-signed.key', dir)), cert: readFileSync(new URL('self-signed.crt', dir)) },
    (_req, res) => res.writeHead(200).end(FEED),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const port = (server.address() as AddressInfo).port;
    const outcome = await fetcher().fetch({ url: `https://127.0.0.1:${port}/feed` });
    assertFailure(outcome, 'tls');
    assert.match(outcome.error.message, /^TLS error with 127\.0\.0\.1:\d+: /);
    // The address guard also sits in front of TLS connections made by name.
    const blocked = await fetcher({ allowPrivate: [] }).fetch({ url: `https://localhost:${port}/feed` });
    assertFailure(blocked, 'blocked-address');
  } finally {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
});

test('per-host concurrency cap is respected (counted on the server)', async () => {
  let active = 0;
  let peak = 0;
  let wake: Array<() => void> = [];
  const server = await serve((_req, res) => {
    active += 1;
    peak = Math.max(peak, active);
    // Hold every response until two are in flight (or 1 s passed), then a little longer, so a broken cap shows.
    const finish = () => setTimeout(() => {
      active -= 1;
      res.writeHead(200).end(FEED);
    }, 20);
    if (active >= 2) {
      for (const w of wake) w();
      wake = [];
      finish();
    } else {
      const timer = setTimeout(finish, 1_000);
      wake.push(() => {
        clearTimeout(timer);
        finish();
      });
    }
  });
  const f = fetcher({ perHostConcurrency: 2 });
  const outcomes = await Promise.all(Array.from({ length: 8 }, (_, i) => f.fetch({ url: server.url(`/${i}`) })));
  for (const o of outcomes) assertOk(o);
  assert.equal(server.requests.length, 8);
  assert.equal(peak, 2);
});

test('close() ends the fetcher: in-flight fetches resolve as failures, later fetches throw', async () => {
  let arrived: () => void = () => {};
  const hit = new Promise<void>((resolve) => (arrived = resolve));
  const server = await serve(() => arrived()); // never answers
  const f = createFetcher({ allowPrivate: ['127.0.0.1'], timeoutMs: 10_000, maxBytes: 1024, userAgent: 'x' });
  const inFlight = f.fetch({ url: server.url('/hang') });
  await hit;
  await f.close();
  const outcome = await inFlight;
  assertFailure(outcome, 'connection');
  assert.match(outcome.error.message, /fetcher closed/);
  await assert.rejects(() => f.fetch({ url: 'http://example.com/' }), /closed/);
  assert.throws(() => createFetcher({ allowPrivate: ['nope'], timeoutMs: 1000, maxBytes: 1024, userAgent: 'x' }), TypeError);
});

/** Starts a server on `host` at the same port as `port`, counting raw TCP connections. */
async function decoy(host: string, port: number): Promise<{ connections: () => number; close: () => Promise<void> }> {
  let count = 0;
  const server = net.createServer((socket) => {
    count += 1;
    socket.destroy();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  return { connections: () => count, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

test('a blocked literal IP is refused before any connection is made', async () => {
  const server = await serve((_req, res) => res.writeHead(302, { location: `http://127.0.0.2:${server.port}/x` }).end());
  const trap = await decoy('127.0.0.2', server.port); // 127.0.0.2 is loopback but not on the allow-list
  try {
    const outcome = await fetcher().fetch({ url: server.url('/feed') });
    assertFailure(outcome, 'blocked-address');
    assert.match(outcome.error.message, /blocked address 127\.0\.0\.2 \(loopback\)/);
    assert.equal(trap.connections(), 0);
  } finally {
    await trap.close();
  }
});

test('only the permitted addresses of a DNS answer are connected to', async () => {
  const server = await serve((_req, res) => res.writeHead(200).end(FEED));
  const trap = await decoy('127.0.0.2', server.port);
  try {
    // The blocked address comes first: connecting to it would hit the trap.
    const resolveHost = async () => [
      { address: '127.0.0.2', family: 4 },
      { address: '127.0.0.1', family: 4 },
    ];
    const outcome = await fetcher({ resolveHost }).fetch({ url: `http://feeds.example:${server.port}/feed` });
    assertOk(outcome);
    assert.equal(trap.connections(), 0);
    assert.equal(server.requests.length, 1);
  } finally {
    await trap.close();
  }
});

test('URL credentials become Basic auth and never appear in messages', async () => {
  const server = await serve((req, res) => {
    if (req.headers.authorization === `Basic ${Buffer.from('reader:s3cret pw').toString('base64')}`) {
      res.writeHead(500).end();
    } else res.writeHead(401).end();
  });
  const outcome = await fetcher().fetch({ url: `http://reader:s3cret%20pw@127.0.0.1:${server.port}/private` });
  assertFailure(outcome, 'http');
  assert.equal(outcome.error.status, 500);
  assert.doesNotMatch(outcome.error.message, /s3cret/);
  assert.match(outcome.error.message, /reader:\*\*\*@127\.0\.0\.1/);
});

test('an endless compressed stream that decodes to nothing still stops at the cap', async () => {
  const gzipHeader = Buffer.from([0x1f, 0x8b, 0x08, 0, 0, 0, 0, 0, 0, 0x03]);
  const emptyStoredBlocks = Buffer.alloc(64 * 1024);
  for (let i = 0; i + 5 <= emptyStoredBlocks.length; i += 5) emptyStoredBlocks.set([0, 0, 0, 0xff, 0xff], i);
  const server = await serve((_req, res) => {
    res.writeHead(200, { 'content-encoding': 'gzip' });
    res.write(gzipHeader);
    const pump = () => {
      while (res.write(emptyStoredBlocks.subarray(0, 65535))) {
        /* fill the socket */
      }
    };
    res.on('drain', pump);
    pump();
  });
  const outcome = await fetcher({ maxBytes: 256 * 1024 }).fetch({ url: server.url('/') });
  assertFailure(outcome, 'too-large');
  assert.match(outcome.error.message, /compressed body exceeds the 262144-byte limit/);
});

test('empty bodies, plain and gzip-labelled, are fine', async () => {
  const server = await serve((req, res) => {
    if (req.url === '/gz') res.writeHead(200, { 'content-encoding': 'gzip' }).end();
    else res.writeHead(204).end();
  });
  const f = fetcher();
  for (const path of ['/gz', '/204']) {
    const outcome = await f.fetch({ url: server.url(path) });
    assertOk(outcome);
    assert.equal(outcome.body.length, 0);
  }
});

test('oversized response headers are too-large', async () => {
  const server = await serve((_req, res) => res.writeHead(200, { 'x-padding': 'a'.repeat(200 * 1024) }).end(FEED));
  assertFailure(await fetcher().fetch({ url: server.url('/') }), 'too-large');
});

test('per-host minimum delay spaces request starts', async () => {
  const arrivals: number[] = [];
  const server = await serve((_req, res) => {
    arrivals.push(Date.now());
    res.writeHead(200).end(FEED);
  });
  const f = fetcher({ perHostConcurrency: 4, perHostDelayMs: 120 });
  const t0 = Date.now();
  const outcomes = await Promise.all([0, 1, 2].map((i) => f.fetch({ url: server.url(`/${i}`) })));
  for (const o of outcomes) assertOk(o);
  // Starts are spaced on our side; network jitter may bunch arrivals, but the third cannot arrive before 2 × 120 ms.
  const last = Math.max(...arrivals);
  assert.ok(last - t0 >= 235, `third request arrived ${last - t0} ms after the first was started`);
});
