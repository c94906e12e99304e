/**
 * Fetch stage: the ONE outbound HTTP client of Newsdesk. Every fetch the product makes (feeds, article pages, icons,
 * OPML by URL, WebSub) goes through `createFetcher`: SSRF guard after DNS and on every redirect, size/time/redirect
 * limits, conditional GET, per-host politeness; failures are `Failure` values.
 *
 * Owns: outbound HTTP, IP address classification, per-host limiting.
 * Must not import: storage, jobs/queue, http, config (options are passed in), other pipeline stages.
 */
export { createFetcher, FEED_ACCEPT } from './fetcher.ts';
export type { Fetcher, FetcherOptions, FetchOutcome, FetchRequest } from './fetcher.ts';
export { classifyAddress, isAllowed, isPublicAddress, parseAllowList } from './address.ts';
export type { AddressRange, AllowList } from './address.ts';
export { createHostLimiter } from './host-limiter.ts';
export type { HostLimiter } from './host-limiter.ts';
export { parseMaxAge, parseRetryAfter } from './response-headers.ts';
