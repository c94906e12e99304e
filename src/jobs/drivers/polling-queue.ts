/**
 * The worker loop every driver shares: a `Queue` built over a `JobStore` (the storage half a driver provides).
 * Per job name it keeps up to `concurrency` handlers running, claims more when a slot frees or every
 * `pollIntervalMs`, turns handler outcomes into complete / retry-with-backoff / defer (RetryAfter) / fail, and stops
 * gracefully or by releasing. Polling is timer-driven (no `while (true)`), and every timer is cleared by `stop`.
 */
import type { Logger } from '../../lib/logger.ts';
import {
  backoffDelayMs,
  describeError,
  isRetryAfter,
  parsePayload,
  resolveDefinition,
  resolveEnqueueOptions,
  type EnqueueOptions,
  type EnqueueResult,
  type JobContext,
  type JobDefinition,
  type JobHandler,
  type Queue,
  type QueueStats,
  type ResolvedEnqueueOptions,
  type ResolvedJobDefinition,
  type StopOptions,
  type WorkOptions,
} from '../queue.ts';

/** A job a store handed to this worker. `token` identifies this claim (outcomes of stale claims are ignored). */
export interface ClaimedJob {
  id: string;
  name: string;
  /** The stored JSON payload, not yet re-validated. */
  payload: unknown;
  /** 1-based attempt number this run counts as. */
  attempt: number;
  maxAttempts: number;
  token: string;
}

/**
 * Storage half of a driver. Every method that takes a `ClaimedJob` must be a no-op when that claim is no longer
 * the job's current one (lease expired and re-claimed, released…).
 */
export interface JobStore {
  /** Stores a validated payload (deduplicating on the key, see queue.ts). */
  insert(def: ResolvedJobDefinition<unknown>, payload: unknown, opts: ResolvedEnqueueOptions): Promise<EnqueueResult>;
  /**
   * Claims up to `limit` due jobs of `def.name` (highest priority first), leasing them for `def.leaseMs`; also
   * reclaims jobs whose lease expired (failing those that have no attempts left).
   */
  claim(def: ResolvedJobDefinition<unknown>, limit: number): Promise<ClaimedJob[]>;
  /** Marks the run done. */
  complete(job: ClaimedJob): Promise<void>;
  /** Records a failed run: re-queued after `retryInMs`, or failed for good when `retryInMs` is null. */
  fail(job: ClaimedJob, error: string, retryInMs: number | null): Promise<void>;
  /** RetryAfter: re-queued after `delayMs` with the attempt refunded. */
  defer(job: ClaimedJob, delayMs: number, reason: string): Promise<void>;
  /** Back to queued now with the attempt refunded (non-graceful stop). */
  release(job: ClaimedJob): Promise<void>;
  stats(name?: string): Promise<QueueStats>;
  /** Called once by the queue's `start` (e.g. to boot pg-boss); optional. */
  open?(): Promise<void>;
  /** Called once at the end of `stop`; must not close resources the caller owns. */
  close?(): Promise<void>;
}

/** Options of `PollingQueue`. */
export interface PollingQueueOptions {
  /** Idle poll interval per job name in ms (default 1000). Work finishing or enqueued here wakes the loop early. */
  pollIntervalMs?: number;
  /** Where claim/outcome errors and handler failures are logged (default: dropped). */
  logger?: Pick<Logger, 'warn' | 'error' | 'debug'>;
}

interface Running {
  job: ClaimedJob;
  controller: AbortController;
  /** Set when the job was released by a non-graceful stop: its outcome must not be recorded. */
  abandoned: boolean;
  done: Promise<void>;
}

interface NameWorker {
  def: ResolvedJobDefinition<unknown>;
  handler: JobHandler<unknown>;
  concurrency: number;
  running: Map<string, Running>;
  timer: NodeJS.Timeout | null;
  ticking: Promise<void> | null;
  again: boolean;
}

const noopLogger = { warn() {}, error() {}, debug() {} };

/** The shared `Queue` implementation; drivers construct it with their `JobStore`. */
export class PollingQueue implements Queue {
  readonly #store: JobStore;
  readonly #pollIntervalMs: number;
  readonly #log: Pick<Logger, 'warn' | 'error' | 'debug'>;
  readonly #workers = new Map<string, NameWorker>();
  #state: 'idle' | 'starting' | 'running' | 'stopping' | 'stopped' = 'idle';
  #starting: Promise<void> | null = null;
  #stopping: Promise<void> | null = null;

  constructor(store: JobStore, options: PollingQueueOptions = {}) {
    this.#store = store;
    this.#pollIntervalMs = options.pollIntervalMs ?? 1000;
    if (!(this.#pollIntervalMs > 0)) throw new RangeError('pollIntervalMs must be > 0');
    this.#log = options.logger ?? noopLogger;
  }

  async enqueue<T, I>(def: JobDefinition<T, I>, payload: NoInfer<I>, opts?: EnqueueOptions): Promise<EnqueueResult> {
    const resolved = resolveDefinition(def);
    const options = resolveEnqueueOptions(opts);
    const parsed = parsePayload(resolved, payload);
    const result = await this.#store.insert(resolved as ResolvedJobDefinition<unknown, unknown>, parsed, options);
    // A local worker for this name need not wait for its next poll.
    const worker = this.#workers.get(resolved.name);
    if (worker && !result.deduplicated && options.delayMs === 0) this.#wake(worker);
    return result;
  }

  work<T, I>(def: JobDefinition<T, I>, handler: JobHandler<T>, opts: WorkOptions = {}): void {
    if (this.#state === 'stopping' || this.#state === 'stopped') throw new Error('queue has stopped');
    const resolved = resolveDefinition(def) as ResolvedJobDefinition<unknown, unknown>;
    if (this.#workers.has(resolved.name)) throw new Error(`a handler for job "${resolved.name}" is already registered`);
    const concurrency = opts.concurrency ?? 1;
    if (!Number.isInteger(concurrency) || concurrency < 1) throw new RangeError('concurrency must be an integer ≥ 1');
    const worker: NameWorker = {
      def: resolved,
      handler: handler as JobHandler<unknown>,
      concurrency,
      running: new Map(),
      timer: null,
      ticking: null,
      again: false,
    };
    this.#workers.set(resolved.name, worker);
    if (this.#state === 'running') this.#wake(worker);
  }

  start(): Promise<void> {
    if (this.#state === 'stopping' || this.#state === 'stopped') return Promise.reject(new Error('queue has stopped'));
    this.#starting ??= (async () => {
      this.#state = 'starting';
      try {
        await this.#store.open?.();
      } catch (error) {
        // Let the caller retry start() (e.g. the database was not up yet).
        this.#starting = null;
        if (this.#state === 'starting') this.#state = 'idle';
        throw error;
      }
      // stop() may have been called while the store was opening.
      if (this.#state !== 'starting') return;
      this.#state = 'running';
      for (const worker of this.#workers.values()) this.#wake(worker);
    })();
    return this.#starting;
  }

  stop(opts: StopOptions = {}): Promise<void> {
    this.#stopping ??= this.#stop(opts.graceful ?? true, opts.timeoutMs);
    return this.#stopping;
  }

  stats(name?: string): Promise<QueueStats> {
    return this.#store.stats(name);
  }

  async #stop(graceful: boolean, timeoutMs: number | undefined): Promise<void> {
    if (this.#starting) await this.#starting.catch(() => {});
    this.#state = 'stopping';
    const workers = [...this.#workers.values()];
    for (const worker of workers) {
      if (worker.timer) clearTimeout(worker.timer);
      worker.timer = null;
    }
    // A claim in flight finishes first; #tick releases what it claimed once it sees we are stopping.
    await Promise.all(workers.map((w) => w.ticking));
    if (graceful) {
      const all = Promise.all(workers.flatMap((w) => [...w.running.values()].map((r) => r.done)));
      if (timeoutMs === undefined) await all;
      else {
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([all, new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs)))]);
        clearTimeout(timer);
      }
    }
    // Whatever is still running (non-graceful, or past the timeout) goes back to the queue.
    const releases: Promise<void>[] = [];
    for (const worker of workers) {
      for (const running of worker.running.values()) {
        running.abandoned = true;
        running.controller.abort(new Error('queue stopped'));
        releases.push(
          this.#store.release(running.job).catch((error: unknown) => {
            this.#log.error({ err: error, job: running.job.id }, 'job queue: could not release job on stop');
          }),
        );
      }
      worker.running.clear();
    }
    await Promise.all(releases);
    try {
      await this.#store.close?.();
    } finally {
      this.#state = 'stopped';
    }
  }

  #wake(worker: NameWorker): void {
    if (this.#state !== 'running') return;
    if (worker.ticking) {
      worker.again = true;
      return;
    }
    if (worker.timer) clearTimeout(worker.timer);
    worker.timer = null;
    worker.ticking = this.#tick(worker).finally(() => {
      worker.ticking = null;
      if (this.#state === 'running' && worker.again) this.#wake(worker);
      else if (this.#state === 'running') {
        worker.timer = setTimeout(() => {
          worker.timer = null;
          this.#wake(worker);
        }, this.#pollIntervalMs);
      }
    });
  }

  async #tick(worker: NameWorker): Promise<void> {
    do {
      worker.again = false;
      const free = worker.concurrency - worker.running.size;
      if (this.#state !== 'running' || free <= 0) return;
      let jobs: ClaimedJob[];
      try {
        jobs = await this.#store.claim(worker.def, free);
      } catch (error) {
        this.#log.error({ err: error, job: worker.def.name }, 'job queue: claim failed');
        return;
      }
      if (this.#state !== 'running') {
        await Promise.all(jobs.map((job) => this.#store.release(job).catch(() => {})));
        return;
      }
      for (const job of jobs) this.#run(worker, job);
      // A full batch suggests more are due: claim again as soon as a slot frees (handled by #run's wake).
    } while (worker.again);
  }

  #run(worker: NameWorker, job: ClaimedJob): void {
    const controller = new AbortController();
    const running: Running = { job, controller, abandoned: false, done: Promise.resolve() };
    worker.running.set(job.token + job.id, running);
    // The handler's signal ends with the lease: past it another worker may already be running this job.
    const leaseTimer = setTimeout(() => controller.abort(new Error('job lease expired')), worker.def.leaseMs);
    leaseTimer.unref();
    running.done = (async () => {
      const outcome = await this.#invoke(worker, job, controller.signal);
      clearTimeout(leaseTimer);
      if (running.abandoned) return;
      try {
        await this.#record(worker, job, outcome);
      } catch (error) {
        // The lease will expire and the job run again: at-least-once.
        this.#log.error({ err: error, job: job.id }, 'job queue: could not record job outcome');
      } finally {
        worker.running.delete(job.token + job.id);
        this.#wake(worker);
      }
    })();
  }

  async #invoke(worker: NameWorker, job: ClaimedJob, signal: AbortSignal): Promise<Outcome> {
    let payload: unknown;
    try {
      payload = parsePayload(worker.def, job.payload);
    } catch (error) {
      return { kind: 'invalid', error: describeError(error) };
    }
    const context: JobContext = {
      id: job.id,
      name: job.name,
      attempt: job.attempt,
      maxAttempts: job.maxAttempts,
      signal,
    };
    try {
      const result = await worker.handler(payload, context);
      return isRetryAfter(result) ? { kind: 'defer', delayMs: result.delayMs, reason: result.reason } : { kind: 'done' };
    } catch (error) {
      if (isRetryAfter(error)) return { kind: 'defer', delayMs: error.delayMs, reason: error.reason };
      return { kind: 'failed', error: describeError(error) };
    }
  }

  async #record(worker: NameWorker, job: ClaimedJob, outcome: Outcome): Promise<void> {
    const { def } = worker;
    switch (outcome.kind) {
      case 'done':
        return this.#store.complete(job);
      case 'defer':
        this.#log.debug({ job: job.id, name: job.name, delayMs: outcome.delayMs }, `job deferred: ${outcome.reason}`);
        return this.#store.defer(job, outcome.delayMs, outcome.reason);
      case 'invalid':
        this.#log.error({ job: job.id, name: job.name }, `job payload no longer valid: ${outcome.error}`);
        return this.#store.fail(job, outcome.error, null);
      case 'failed': {
        const last = job.attempt >= job.maxAttempts;
        const retryIn = last ? null : backoffDelayMs(def.backoffMs, job.attempt, def.maxBackoffMs);
        this.#log.warn(
          { job: job.id, name: job.name, attempt: job.attempt, retryInMs: retryIn },
          `job failed: ${outcome.error}`,
        );
        return this.#store.fail(job, outcome.error, retryIn);
      }
    }
  }
}

type Outcome =
  | { kind: 'done' }
  | { kind: 'defer'; delayMs: number; reason: string }
  | { kind: 'failed'; error: string }
  | { kind: 'invalid'; error: string };
