/**
 * WebSub (W3C Recommendation, 2018) subscriber: subscribe to the hub a feed advertises, answer the hub's
 * verification of intent, and accept pushed content only when its X-Hub-Signature HMAC matches the secret we
 * gave the hub. Polling always goes on as the fallback (a hub can fail silently).
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Logger } from '../lib/logger.ts';
import type { Fetcher } from '../pipeline/fetch/index.ts';
import { storeFeedDocument, type IngestDeps } from '../pipeline/ingest.ts';
import type { FeedRow, Repos } from '../storage/index.ts';

/** Lease we ask the hub for, seconds (hubs may grant less). */
export const LEASE_SECONDS = 7 * 24 * 3600;
/** Renew when less than this is left of the lease, ms. */
const RENEW_BEFORE_MS = 24 * 3600 * 1000;

export interface WebSubDeps {
  repos: Repos;
  fetcher: Fetcher;
  logger: Logger;
  /** Public base URL of this instance; WebSub is off when empty. */
  baseUrl: string;
  now?: () => number;
}

/** The callback URL the hub calls for one feed. */
export function callbackUrl(baseUrl: string, feedId: string): string {
  return `${baseUrl}/websub/callback/${encodeURIComponent(feedId)}`;
}

/**
 * Subscribes (or renews) when the feed advertises a hub and WebSub is on and no live subscription exists.
 * Sends the subscription request through the guarded fetcher; the hub verifies asynchronously.
 * @returns what was done: 'off' | 'no-hub' | 'current' | 'requested' | 'failed'.
 */
export async function subscribeIfAdvertised(deps: WebSubDeps, feed: FeedRow): Promise<'off' | 'no-hub' | 'current' | 'requested' | 'failed'> {
  if (!deps.baseUrl) return 'off';
  if (!feed.hub_url) return 'no-hub';
  const now = deps.now?.() ?? Date.now();
  if (feed.websub_state === 'pending' && feed.websub_topic === feed.feed_url) return 'current';
  if (feed.websub_state === 'active' && (feed.websub_lease_until ?? 0) - now > RENEW_BEFORE_MS) return 'current';
  const secret = randomBytes(32).toString('hex');
  await deps.repos.feeds.setWebSub(feed.id, { topic: feed.feed_url, secret, state: 'pending' }, now);
  const r = await deps.fetcher.fetch({
    url: feed.hub_url,
    accept: '*/*',
    form: {
      'hub.mode': 'subscribe',
      'hub.topic': feed.feed_url,
      'hub.callback': callbackUrl(deps.baseUrl, feed.id),
      'hub.secret': secret,
      'hub.lease_seconds': String(LEASE_SECONDS),
    },
  });
  if (!r.ok) {
    deps.logger.warn({ feedId: feed.id, hub: feed.hub_url, kind: r.error.kind }, `WebSub subscription failed: ${r.error.message}`);
    await deps.repos.feeds.setWebSub(feed.id, { state: null }, now);
    return 'failed';
  }
  deps.logger.info({ feedId: feed.id, hub: feed.hub_url }, 'WebSub subscription requested');
  return 'requested';
}

export interface VerificationQuery {
  mode: string | undefined;
  topic: string | undefined;
  challenge: string | undefined;
  leaseSeconds: string | undefined;
  reason?: string | undefined;
}

/**
 * The hub's verification of intent (WebSub §5.3) or its denial (§5.2).
 * @returns the challenge to echo with 200, or null for 404 (not a subscription we asked for).
 */
export async function verifyIntent(deps: Pick<WebSubDeps, 'repos' | 'logger' | 'now'>, feedId: string, q: VerificationQuery): Promise<string | null> {
  const feed = await deps.repos.feeds.get(feedId);
  if (!feed || !q.topic || q.topic !== feed.websub_topic) return null;
  const now = deps.now?.() ?? Date.now();
  if (q.mode === 'denied') {
    deps.logger.warn({ feedId, reason: q.reason }, 'WebSub subscription denied by the hub; polling only');
    await deps.repos.feeds.setWebSub(feedId, { state: 'denied' }, now);
    return '';
  }
  if (!q.challenge) return null;
  if (q.mode === 'subscribe' && (feed.websub_state === 'pending' || feed.websub_state === 'active')) {
    const lease = Math.max(60, Math.min(Number(q.leaseSeconds) || LEASE_SECONDS, 365 * 24 * 3600));
    await deps.repos.feeds.setWebSub(feedId, { state: 'active', leaseUntil: now + lease * 1000 }, now);
    return q.challenge;
  }
  if (q.mode === 'unsubscribe' && feed.websub_state === null) return q.challenge;
  return null;
}

/**
 * Checks `X-Hub-Signature: <algo>=<hex>` (sha1, sha256, sha384, sha512) over the raw body with the secret.
 * Constant-time comparison.
 */
export function signatureMatches(secret: string, body: Uint8Array, header: string | undefined): boolean {
  const m = header?.trim().match(/^(sha1|sha256|sha384|sha512)=([0-9a-fA-F]+)$/);
  if (!m) return false;
  const expected = createHmac(m[1]!, secret).update(body).digest();
  const given = Buffer.from(m[2]!, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * A content distribution (WebSub §7): stores the pushed feed document when the feed has an active subscription and
 * the signature matches. Per the spec the hub gets a 2xx either way; a bad signature is only logged.
 * @returns 'stored' | 'ignored' | 'unknown' (no such subscription: answer 404 so the hub stops).
 */
export async function receivePush(
  deps: IngestDeps,
  feedId: string,
  body: Uint8Array,
  headers: { signature: string | undefined; contentType: string | undefined },
): Promise<{ result: 'stored' | 'ignored' | 'unknown'; inserted: number }> {
  const feed = await deps.repos.feeds.get(feedId);
  if (!feed || !feed.websub_secret || (feed.websub_state !== 'active' && feed.websub_state !== 'pending')) return { result: 'unknown', inserted: 0 };
  if (!signatureMatches(feed.websub_secret, body, headers.signature)) {
    deps.logger.warn({ feedId }, 'WebSub push with a missing or wrong signature ignored');
    return { result: 'ignored', inserted: 0 };
  }
  const stored = await storeFeedDocument(deps, feed, body, feed.feed_url, headers.contentType ?? null);
  if (!stored.ok) {
    deps.logger.warn({ feedId }, `WebSub push could not be parsed: ${stored.error.message}`);
    return { result: 'ignored', inserted: 0 };
  }
  return { result: 'stored', inserted: stored.value.newArticleIds.length };
}
