/**
 * The in-process driver, for tests and single-shot CLI runs: jobs live in memory, and a started queue runs a job
 * as soon as it is enqueued (on the next turn of the event loop), with the same semantics as the database drivers
 * (priority, delay, retries with backoff, RetryAfter, leases, graceful/non-graceful stop). Nothing survives the
 * process. `idle()` lets a test wait until everything due has run.
 *
 * Several queue objects may share one `MemoryJobStore` to play "several worker processes" (the contract's lease
 * test does): `createInlineQueue({ store: first.store })`.
 */
import { monotonicFactory } from 'ulid';
import type { EnqueueResult, QueueStats, ResolvedEnqueueOptions, ResolvedJobDefinition } from '../queue.ts';
import { PollingQueue, type ClaimedJob, type JobStore, type PollingQueueOptions } from './polling-queue.ts';

interface MemoryJob {
  id: string;
  name: string;
  payload: string;
  idempotencyKey: string | null;
  priority: number;
  state: 'queued' | 'active' | 'completed' | 'failed';
  runAt: number;
  attempts: number;
  maxAttempts: number;
  leaseUntil: number | null;
  leaseToken: string | null;
  lastError: string | null;
}

/** Jobs in a Map; payloads are stored as JSON text so handlers never share objects with the producer. */
export class MemoryJobStore implements JobStore {
  readonly #jobs = new Map<string, MemoryJob>();
  readonly #id = monotonicFactory();

  async insert(def: ResolvedJobDefinition<unknown>, payload: unknown, opts: ResolvedEnqueueOptions): Promise<EnqueueResult> {
    if (opts.idempotencyKey !== null) {
      for (const job of this.#jobs.values()) {
        if (
          job.name === def.name &&
          job.idempotencyKey === opts.idempotencyKey &&
          (job.state === 'queued' || job.state === 'active')
        ) {
          return { id: job.id, deduplicated: true };
        }
      }
    }
    const id = this.#id();
    this.#jobs.set(id, {
      id,
      name: def.name,
      payload: JSON.stringify(payload),
      idempotencyKey: opts.idempotencyKey,
      priority: opts.priority,
      state: 'queued',
      runAt: Date.now() + opts.delayMs,
      attempts: 0,
      maxAttempts: def.maxAttempts,
      leaseUntil: null,
      leaseToken: null,
      lastError: null,
    });
    return { id, deduplicated: false };
  }

  async claim(def: ResolvedJobDefinition<unknown>, limit: number): Promise<ClaimedJob[]> {
    const now = Date.now();
    const due: MemoryJob[] = [];
    for (const job of this.#jobs.values()) {
      if (job.name !== def.name) continue;
      const expired = job.state === 'active' && job.leaseUntil !== null && job.leaseUntil <= now;
      if (expired && job.attempts >= job.maxAttempts) {
        Object.assign(job, { state: 'failed', leaseToken: null, leaseUntil: null, lastError: 'lease expired (worker died?)' });
        continue;
      }
      if (expired || (job.state === 'queued' && job.runAt <= now)) due.push(job);
    }
    due.sort((a, b) => b.priority - a.priority || a.runAt - b.runAt || (a.id < b.id ? -1 : 1));
    const token = this.#id();
    return due.slice(0, limit).map((job) => {
      Object.assign(job, { state: 'active', attempts: job.attempts + 1, leaseUntil: now + def.leaseMs, leaseToken: token });
      return {
        id: job.id,
        name: job.name,
        payload: JSON.parse(job.payload) as unknown,
        attempt: job.attempts,
        maxAttempts: job.maxAttempts,
        token,
      };
    });
  }

  async complete(claimed: ClaimedJob): Promise<void> {
    const job = this.#current(claimed);
    if (job) Object.assign(job, { state: 'completed', leaseToken: null, leaseUntil: null });
  }

  async fail(claimed: ClaimedJob, error: string, retryInMs: number | null): Promise<void> {
    const job = this.#current(claimed);
    if (!job) return;
    Object.assign(job, { leaseToken: null, leaseUntil: null, lastError: error });
    if (retryInMs === null) job.state = 'failed';
    else Object.assign(job, { state: 'queued', runAt: Date.now() + retryInMs });
  }

  async defer(claimed: ClaimedJob, delayMs: number, reason: string): Promise<void> {
    const job = this.#current(claimed);
    if (!job) return;
    Object.assign(job, {
      state: 'queued',
      runAt: Date.now() + delayMs,
      attempts: job.attempts - 1,
      leaseToken: null,
      leaseUntil: null,
      lastError: `retry after: ${reason}`,
    });
  }

  async release(claimed: ClaimedJob): Promise<void> {
    const job = this.#current(claimed);
    if (!job) return;
    Object.assign(job, { state: 'queued', runAt: Date.now(), attempts: job.attempts - 1, leaseToken: null, leaseUntil: null });
  }

  async stats(name?: string): Promise<QueueStats> {
    const stats: QueueStats = { queued: 0, active: 0, failed: 0, completed: 0 };
    for (const job of this.#jobs.values()) if (name === undefined || job.name === name) stats[job.state] += 1;
    return stats;
  }

  /** Earliest `runAt` (epoch ms) among queued jobs, or null; used by `idle`. */
  nextRunAt(): number | null {
    let next: number | null = null;
    for (const job of this.#jobs.values()) {
      if (job.state === 'queued' && (next === null || job.runAt < next)) next = job.runAt;
    }
    return next;
  }

  #current(claimed: ClaimedJob): MemoryJob | undefined {
    const job = this.#jobs.get(claimed.id);
    return job && job.state === 'active' && job.leaseToken === claimed.token ? job : undefined;
  }
}

/** Options of `createInlineQueue`. */
export interface InlineQueueOptions extends PollingQueueOptions {
  /** Share jobs with another inline queue (default: a new store). */
  store?: MemoryJobStore;
}

/** An inline queue: a `Queue` plus its store and `idle()`. */
export interface InlineQueue extends PollingQueue {
  readonly store: MemoryJobStore;
  /**
   * Resolves when no job is active and none is due within `horizonMs` (default 0: delayed jobs and retries waiting
   * for backoff are not waited for). Polls every 5 ms.
   * @throws Error after `timeoutMs` (default 10 000).
   */
  idle(opts?: { horizonMs?: number; timeoutMs?: number }): Promise<void>;
}

/**
 * Builds an in-memory queue. Call `start()` to run handlers; jobs enqueued before that wait. Default poll interval
 * is 20 ms (enqueues on this queue wake it immediately anyway).
 */
export function createInlineQueue(options: InlineQueueOptions = {}): InlineQueue {
  const store = options.store ?? new MemoryJobStore();
  const queue = new PollingQueue(store, { pollIntervalMs: 20, ...options }) as InlineQueue;
  Object.defineProperty(queue, 'store', { value: store });
  queue.idle = async ({ horizonMs = 0, timeoutMs = 10_000 } = {}) => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const stats = await store.stats();
      const next = store.nextRunAt();
      if (stats.active === 0 && (next === null || next > Date.now() + horizonMs)) return;
      if (Date.now() > deadline) throw new Error(`inline queue not idle after ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  };
  return queue;
}
