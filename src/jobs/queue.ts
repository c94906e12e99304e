/**
 * The job queue interface every driver implements (drivers/sqlite.ts, drivers/postgres.ts, drivers/inline.ts), the
 * `RetryAfter` signal handlers use, and the small pure rules the drivers share (payload validation, backoff,
 * describing thrown values). Shape after karakeep's queue: validated payloads, idempotency keys, retry-after.
 *
 * Semantics all drivers honour (checked by queue.contract.ts):
 * - A payload is validated with the definition's zod schema at enqueue (bad payload → `InvalidPayloadError`, nothing
 *   stored) and again before the handler runs (a stored payload the current schema rejects fails permanently).
 *   Schemas must describe plain JSON values (no transforms, Dates, Maps): payloads are stored as JSON.
 * - Idempotency: enqueuing (name, idempotencyKey) while a job with that key is queued (incl. waiting for a retry) or
 *   active returns that job (`deduplicated: true`). Once it has completed or failed, the key is free again, so
 *   recurring work ("refresh feed X") can reuse a stable key.
 * - Among due jobs of one name, higher `priority` runs first, then earlier due time, then enqueue order.
 * - Each claim is leased for `leaseMs`. A job whose worker died (kill -9, lost host) becomes available again when the
 *   lease expires and is retried; the expired run counts as an attempt, so a job that keeps killing its worker ends
 *   up failed. Handlers that may outlive the lease should watch `job.signal` (aborted at lease end).
 * - A handler failure (any thrown value, Error or not) is retried after exponential backoff
 *   (`backoffMs · 2^(attempt-1)`, +0–25 % jitter, capped at `maxBackoffMs`) until `maxAttempts` runs failed, then
 *   the job is marked failed.
 * - `RetryAfter` (thrown or returned) re-queues the job after its delay WITHOUT counting as a failed attempt: the
 *   next run gets the same `attempt` number. There is no cap on how often a job may defer itself; a handler that
 *   always defers must bound that itself (e.g. from the payload).
 * - `stop({ graceful: true })` stops claiming and waits for in-flight handlers to finish and record their outcome;
 *   `stop({ graceful: false })` releases in-flight jobs at once (back to queued, attempt refunded, `job.signal`
 *   aborted) and ignores whatever those handlers do later.
 */
import { z } from 'zod';

/** Default number of runs before a job is marked failed. */
export const DEFAULT_MAX_ATTEMPTS = 5;
/** Default lease (ms) a claimed job is held before another worker may take it over. */
export const DEFAULT_LEASE_MS = 5 * 60_000;
/** Default base delay (ms) of the exponential retry backoff. */
export const DEFAULT_BACKOFF_MS = 10_000;
/** Default cap (ms) on one retry delay. */
export const DEFAULT_MAX_BACKOFF_MS = 60 * 60_000;

/**
 * What a kind of job is: its name (the queue it lives in), the zod schema of its payload and its retry/lease rules.
 * Build with `defineJob` so the name and numbers are checked once.
 */
export interface JobDefinition<T, I = T> {
  /** Queue name: letters, digits, `.`, `_`, `-`; 1–100 chars; e.g. "article.full-text". */
  name: string;
  /** Payload schema (output `T`, input `I`); must describe plain JSON (see module docs). */
  schema: z.ZodType<T, I>;
  /** Runs (first + retries) before the job is marked failed; integer ≥ 1 (default 5). */
  maxAttempts?: number;
  /** Lease in ms (default 5 min). PostgreSQL rounds up to whole seconds. */
  leaseMs?: number;
  /** Base of the exponential backoff in ms (default 10 s). */
  backoffMs?: number;
  /** Cap on a single backoff delay in ms (default 1 h). */
  maxBackoffMs?: number;
}

/** A `JobDefinition` with every default filled in (what drivers work with). */
export interface ResolvedJobDefinition<T, I = T> {
  name: string;
  schema: z.ZodType<T, I>;
  maxAttempts: number;
  leaseMs: number;
  backoffMs: number;
  maxBackoffMs: number;
}

/** Options of one `enqueue`. */
export interface EnqueueOptions {
  /** Deduplication key within the job name (1–255 chars); see module docs for when it is free again. */
  idempotencyKey?: string;
  /** Integer; higher runs first among due jobs of the same name (default 0). */
  priority?: number;
  /** Do not run before this many ms from now (default 0). */
  delayMs?: number;
}

/** Result of `enqueue`: the job's id (text) and whether an existing queued/active job was returned instead. */
export interface EnqueueResult {
  id: string;
  deduplicated: boolean;
}

/** What a handler learns about the run it is doing. */
export interface JobContext {
  /** Job id (stable across retries). */
  id: string;
  /** Job name. */
  name: string;
  /** 1-based run number counted against `maxAttempts` (a RetryAfter re-run repeats the number). */
  attempt: number;
  maxAttempts: number;
  /** Aborted when the lease ends or the queue stops non-gracefully; pass it to fetch() and friends. */
  signal: AbortSignal;
}

/**
 * A job handler. Resolve to complete the job; throw anything to fail this attempt; throw or return a `RetryAfter`
 * to run again later without counting a failure.
 */
export type JobHandler<T> = (payload: T, job: JobContext) => Promise<void | RetryAfter> | void | RetryAfter;

/** Options of `work`. */
export interface WorkOptions {
  /** Handlers of this job name running at once in this process; integer ≥ 1 (default 1). */
  concurrency?: number;
}

/** Options of `stop`. */
export interface StopOptions {
  /** true (default): wait for in-flight handlers; false: release in-flight jobs at once. */
  graceful?: boolean;
  /** Graceful only: after this many ms, release the jobs still running (default: wait forever). */
  timeoutMs?: number;
}

/** Job counts by state. `queued` includes delayed jobs and jobs waiting for a retry. */
export interface QueueStats {
  queued: number;
  active: number;
  failed: number;
  completed: number;
}

/**
 * One queue object serves many job names. Producers only `enqueue` (no `start` needed); workers register handlers
 * with `work` and then `start` polling. `stop` is final: build a new queue to start again.
 */
export interface Queue {
  /**
   * Validates and stores a job.
   * @throws InvalidPayloadError when the payload does not match `def.schema`; RangeError on invalid options;
   *   driver errors (database unreachable) as they come.
   */
  enqueue<T, I>(def: JobDefinition<T, I>, payload: NoInfer<I>, opts?: EnqueueOptions): Promise<EnqueueResult>;
  /**
   * Registers the handler for `def.name` (one per name per queue object). Takes effect at `start`, or at once if
   * already started.
   * @throws Error when a handler for that name is already registered or the queue has stopped.
   */
  work<T, I>(def: JobDefinition<T, I>, handler: JobHandler<T>, opts?: WorkOptions): void;
  /** Starts polling for every registered handler. Idempotent. @throws Error after `stop`. */
  start(): Promise<void>;
  /** Stops polling; see `StopOptions` and the module docs. Idempotent. */
  stop(opts?: StopOptions): Promise<void>;
  /** Counts jobs by state, for one job name or all. */
  stats(name?: string): Promise<QueueStats>;
}

/**
 * Thrown or returned by a handler: "run this job again in `delayMs` ms" (e.g. a server's Retry-After, a per-host
 * rate limit). Does not count as a failed attempt.
 */
export class RetryAfter extends Error {
  override readonly name = 'RetryAfter';
  /** Delay in ms (non-negative, finite). */
  readonly delayMs: number;
  /** Why, for logs and the job's last error. */
  readonly reason: string;

  constructor(delayMs: number, reason = 'retry requested') {
    super(`retry after ${delayMs} ms: ${reason}`);
    if (!Number.isFinite(delayMs) || delayMs < 0) throw new RangeError(`RetryAfter delay must be ≥ 0 ms, got ${delayMs}`);
    this.delayMs = Math.round(delayMs);
    this.reason = reason;
  }
}

/** True for a `RetryAfter`, also one from another copy of this module (duck-typed on name and delay). */
export function isRetryAfter(value: unknown): value is RetryAfter {
  if (value instanceof RetryAfter) return true;
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { name?: unknown }).name === 'RetryAfter' &&
    typeof (value as { delayMs?: unknown }).delayMs === 'number'
  );
}

/** A payload rejected by its job's schema. `issues` are zod's; the message names the job and each bad path. */
export class InvalidPayloadError extends Error {
  override readonly name = 'InvalidPayloadError';
  readonly jobName: string;
  readonly issues: z.core.$ZodIssue[];

  constructor(jobName: string, error: z.ZodError) {
    super(`invalid payload for job "${jobName}":\n${z.prettifyError(error)}`, { cause: error });
    this.jobName = jobName;
    this.issues = error.issues;
  }
}

const NAME_RE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

/**
 * Declares a job kind, checking its name and numbers once.
 * @throws RangeError on a bad name or a non-positive/non-integer setting.
 */
export function defineJob<T, I = T>(def: JobDefinition<T, I>): JobDefinition<T, I> {
  resolveDefinition(def);
  return def;
}

/**
 * Fills in defaults. Drivers call it on every definition they are handed (definitions may be plain objects).
 * @throws RangeError as `defineJob`.
 */
export function resolveDefinition<T, I = T>(def: JobDefinition<T, I>): ResolvedJobDefinition<T, I> {
  if (!NAME_RE.test(def.name)) throw new RangeError(`invalid job name "${def.name}" (letters, digits, . _ -; ≤ 100)`);
  const resolved: ResolvedJobDefinition<T, I> = {
    name: def.name,
    schema: def.schema,
    maxAttempts: def.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
    leaseMs: def.leaseMs ?? DEFAULT_LEASE_MS,
    backoffMs: def.backoffMs ?? DEFAULT_BACKOFF_MS,
    maxBackoffMs: def.maxBackoffMs ?? DEFAULT_MAX_BACKOFF_MS,
  };
  if (!Number.isInteger(resolved.maxAttempts) || resolved.maxAttempts < 1) {
    throw new RangeError(`job "${def.name}": maxAttempts must be an integer ≥ 1`);
  }
  if (!Number.isFinite(resolved.leaseMs) || resolved.leaseMs <= 0) {
    throw new RangeError(`job "${def.name}": leaseMs must be > 0`);
  }
  for (const key of ['backoffMs', 'maxBackoffMs'] as const) {
    if (!Number.isFinite(resolved[key]) || resolved[key] < 0) throw new RangeError(`job "${def.name}": ${key} must be ≥ 0`);
  }
  return resolved;
}

/**
 * Validates a payload against the job's schema.
 * @returns the parsed payload (zod output: defaults applied, unknown keys stripped).
 * @throws InvalidPayloadError.
 */
export function parsePayload<T, I = T>(def: Pick<JobDefinition<T, I>, 'name' | 'schema'>, payload: unknown): T {
  const result = def.schema.safeParse(payload);
  if (!result.success) throw new InvalidPayloadError(def.name, result.error);
  return result.data;
}

/** Enqueue options with defaults filled in and checked. */
export interface ResolvedEnqueueOptions {
  idempotencyKey: string | null;
  priority: number;
  delayMs: number;
}

/**
 * Checks and defaults `EnqueueOptions`.
 * @throws RangeError on an empty/over-long key, a non-integer priority or a negative/non-finite delay.
 */
export function resolveEnqueueOptions(opts: EnqueueOptions = {}): ResolvedEnqueueOptions {
  const key = opts.idempotencyKey ?? null;
  if (key !== null && (key.length === 0 || key.length > 255)) {
    throw new RangeError('idempotencyKey must be 1–255 characters');
  }
  const priority = opts.priority ?? 0;
  if (!Number.isSafeInteger(priority) || Math.abs(priority) > 1_000_000) {
    throw new RangeError('priority must be an integer in ±1e6');
  }
  const delayMs = opts.delayMs ?? 0;
  if (!Number.isFinite(delayMs) || delayMs < 0) throw new RangeError('delayMs must be ≥ 0');
  return { idempotencyKey: key, priority, delayMs: Math.round(delayMs) };
}

/**
 * Delay before retrying after failed attempt number `attempt` (1-based): `base · 2^(attempt-1)` plus 0–25 % jitter
 * (so workers that failed together do not retry together), capped at `maxMs`. Never less than the un-jittered
 * value unless capped. `random` is injectable for tests.
 */
export function backoffDelayMs(baseMs: number, attempt: number, maxMs: number, random: () => number = Math.random): number {
  const exponential = baseMs * 2 ** Math.min(Math.max(attempt - 1, 0), 30);
  return Math.round(Math.min(maxMs, exponential * (1 + 0.25 * random())));
}

/**
 * A one-line description of anything a handler may throw (Error, string, object, null, undefined…), for the job's
 * last error and logs. Never throws.
 */
export function describeError(error: unknown): string {
  try {
    if (error instanceof Error) return `${error.name}: ${error.message}`;
    if (typeof error === 'string') return error;
    if (error === undefined) return 'undefined was thrown';
    const json = JSON.stringify(error);
    return json === undefined ? String(error) : json;
  } catch {
    return Object.prototype.toString.call(error);
  }
}
