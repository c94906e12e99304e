/**
 * WebSub end to end on loopback: a hub (a real HTTP server) receives the subscription request; playing the hub, the
 * test verifies intent and pushes content to the real app in-process. Only signed pushes are stored.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { silentLogger } from '../lib/logger.ts';
import { createRepos, type Repos } from '../storage/index.ts';
import { openTestDatabase, type TestDatabase } from '../storage/testing.ts';
import { createFetcher, type Fetcher } from '../pipeline/fetch/index.ts';
import { parseFeed } from '../pipeline/parse/index.ts';
import { htmlToText, sanitizeHtml } from '../pipeline/sanitize/index.ts';
import type { IngestDeps } from '../pipeline/ingest.ts';
import { createApp } from '../http/app.ts';
import { callbackUrl, signatureMatches, subscribeIfAdvertised } from './websub.service.ts';

let hub: Server;
let hubUrl = '';
const subscriptions: URLSearchParams[] = [];
let t: TestDatabase;
let repos: Repos;
let fetcher: Fetcher;
let ingest: IngestDeps;
let app: ReturnType<typeof createApp>;
const BASE = 'https://reader.example';

before(async () => {
  hub = createServer((req, res) => {
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', () => {
      subscriptions.push(new URLSearchParams(body));
      res.writeHead(202).end();
    });
  });
  await new Promise<void>((r) => hub.listen(0, '127.0.0.1', () => r()));
  hubUrl = `http://127.0.0.1:${(hub.address() as AddressInfo).port}/hub`;
  t = await openTestDatabase('sqlite');
  repos = createRepos(t.database);
  fetcher = createFetcher({ allowPrivate: ['127.0.0.1'], timeoutMs: 5000, maxBytes: 1 << 20, userAgent: 't' });
  ingest = { repos, fetcher, parseFeed, sanitizeHtml, htmlToText, logger: silentLogger() };
  app = createApp({ repos, database: t.database, logger: silentLogger(), ingest });
});
after(async () => {
  await fetcher.close();
  await t.cleanup();
  hub.close();
});

const pushed = `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Pushed</title>
<entry><id>urn:p1</id><title>Pushed entry</title><link href="https://pub.example/p1"/><updated>2024-05-01T10:00:00Z</updated><content type="html">&lt;p&gt;Fresh from the hub.&lt;/p&gt;</content></entry></feed>`;

test('subscribe, verify intent, accept only signed pushes', async () => {
  const { feed } = await repos.feeds.add({ feedUrl: 'https://pub.example/feed.atom' });
  assert.equal(await subscribeIfAdvertised({ repos, fetcher, logger: silentLogger(), baseUrl: BASE }, feed), 'no-hub');
  await repos.feeds.recordSuccess(feed.id, { etag: null, lastModified: null, nextCheckAt: 0, hubUrl });
  const withHub = (await repos.feeds.get(feed.id))!;
  assert.equal(await subscribeIfAdvertised({ repos, fetcher, logger: silentLogger(), baseUrl: '' }, withHub), 'off');
  assert.equal(await subscribeIfAdvertised({ repos, fetcher, logger: silentLogger(), baseUrl: BASE }, withHub), 'requested');
  const sub = subscriptions.at(-1)!;
  assert.equal(sub.get('hub.mode'), 'subscribe');
  assert.equal(sub.get('hub.topic'), 'https://pub.example/feed.atom');
  assert.equal(sub.get('hub.callback'), callbackUrl(BASE, feed.id));
  const secret = sub.get('hub.secret')!;
  assert.ok(secret.length >= 32);
  const path = new URL(sub.get('hub.callback')!).pathname;

  // Verification of intent: a wrong topic is refused; the right one echoes the challenge.
  assert.equal((await app.request(`${path}?hub.mode=subscribe&hub.topic=https://evil.example/&hub.challenge=abc`)).status, 404);
  const ok = await app.request(`${path}?hub.mode=subscribe&hub.topic=${encodeURIComponent('https://pub.example/feed.atom')}&hub.challenge=abc123&hub.lease_seconds=3600`);
  assert.equal(ok.status, 200);
  assert.equal(await ok.text(), 'abc123');
  const active = (await repos.feeds.get(feed.id))!;
  assert.equal(active.websub_state, 'active');
  assert.ok(active.websub_lease_until! > Date.now() + 3_500_000);

  // Content distribution: unsigned and wrongly signed pushes are acknowledged but not stored.
  const post = (signature?: string) =>
    app.request(path, { method: 'POST', body: pushed, headers: { 'content-type': 'application/atom+xml', ...(signature ? { 'x-hub-signature': signature } : {}) } });
  assert.equal((await post()).status, 202);
  assert.equal((await post('sha256=' + 'ab'.repeat(32))).status, 202);
  assert.equal(await repos.articles.count(feed.id), 0);
  const good = 'sha256=' + createHmac('sha256', secret).update(pushed).digest('hex');
  assert.equal((await post(good)).status, 202);
  assert.equal(await repos.articles.count(feed.id), 1);
  assert.equal((await post(good)).status, 202);
  assert.equal(await repos.articles.count(feed.id), 1, 'a repeated push stores nothing twice');
  assert.equal((await app.request('/websub/callback/NOPE', { method: 'POST', body: pushed })).status, 404);
});

test('signature check: algorithms, tampering, malformed headers', () => {
  const body = new TextEncoder().encode('hello');
  for (const algo of ['sha1', 'sha256', 'sha384', 'sha512']) {
    assert.ok(signatureMatches('s', body, `${algo}=${createHmac(algo, 's').update(body).digest('hex')}`), algo);
  }
  assert.equal(signatureMatches('s', body, `sha256=${createHmac('sha256', 'other').update(body).digest('hex')}`), false);
  assert.equal(signatureMatches('s', body, 'md5=abc'), false);
  assert.equal(signatureMatches('s', body, undefined), false);
  assert.equal(signatureMatches('s', body, 'sha256=zz'), false);
});
