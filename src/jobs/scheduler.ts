/**
 * The feed scheduler: every tick it claims a batch of due feeds (next_check_at ≤ now, at most N per host; the
 * claim is a compare-and-set on the row, so any number of worker processes can run it against one PostgreSQL) and
 * refreshes them with bounded concurrency. The schedule itself lives on each feed row (miniflux's model).
 */
import pLimit from 'p-limit';
import type { Logger } from '../lib/logger.ts';
import type { FeedRow, Repos } from '../storage/index.ts';
import type { RefreshOutcome } from '../pipeline/ingest.ts';
import { createPoller } from '../lib/poller.ts';

export interface SchedulerOptions {
  /** Feeds claimed per tick. */
  batchSize: number;
  /** Feeds of one host refreshed in one tick. */
  perHost: number;
  /** Refreshes running at once. */
  concurrency: number;
  /** Pause before looking again when nothing was due, ms. */
  idleMs: number;
  /** How long a claim holds a feed before another worker may take it (a worker killed mid-refresh), ms. */
  claimMs: number;
}

export interface Scheduler {
  /** One pass: claim due feeds and refresh them. Resolves with each feed's outcome. */
  tick(): Promise<RefreshOutcome[]>;
  /** Runs ticks until `stop`. */
  start(): void;
  /** Stops after the refreshes in flight finish. */
  stop(): Promise<void>;
}

export function createScheduler(
  deps: { repos: Repos; refresh: (feed: FeedRow) => Promise<RefreshOutcome>; logger: Logger; now?: () => number },
  options: SchedulerOptions,
): Scheduler {
  const limit = pLimit(options.concurrency);

  async function tick(): Promise<RefreshOutcome[]> {
    const now = deps.now?.() ?? Date.now();
    const feeds = await deps.repos.feeds.claimDue(now, options.batchSize, options.perHost, now + options.claimMs);
    if (feeds.length === 0) return [];
    deps.logger.debug({ feeds: feeds.length }, 'refreshing due feeds');
    return Promise.all(feeds.map((feed) => limit(() => deps.refresh(feed))));
  }

  // Sleep only when nothing was due: a batch cut short by the per-host cap goes on at once.
  const poller = createPoller(
    async () => (await tick()).length,
    options.idleMs,
    (err) => deps.logger.error({ err }, 'scheduler tick failed'),
  );
  return { tick, start: poller.start, stop: poller.stop };
}
