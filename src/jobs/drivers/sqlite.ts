/**
 * The default driver: jobs in our own `jobs` table (migration 0002-jobs), through Kysely. Written for SQLite (one
 * file, any number of worker processes on one host) and correct on PostgreSQL too (the claim adds
 * `FOR UPDATE SKIP LOCKED` there), though large PostgreSQL installs should prefer the pg-boss driver.
 *
 * Claiming is one atomic statement, `UPDATE jobs SET state = 'active', attempts = attempts + 1, lease_until = now +
 * lease … WHERE id IN (due jobs by priority[, FOR UPDATE SKIP LOCKED]) RETURNING …`, preceded by failing the
 * expired leases that have no attempts left. Every write here is a single autocommit statement on purpose: an
 * explicit SQLite transaction spanning awaits lets another connection in the same process (better-sqlite3 is
 * synchronous) sit in SQLite's busy handler, blocking the event loop the open transaction needs to finish — a
 * 5 s stall per collision (busy_timeout), seen in our two-connection test.
 *
 * Each claim writes a fresh `lease_token`; completing, failing, deferring and releasing only touch the row while it
 * still carries that token, so a worker whose lease expired cannot clobber the run that took over. A job whose
 * lease expired is claimable again at once (no backoff; the expired run counted as an attempt). Idempotency is a
 * partial unique index on (name, idempotency_key) over queued/active rows. Timestamps are the workers' clocks
 * (epoch ms): on multi-host PostgreSQL keep clocks in sync (NTP).
 */
import { monotonicFactory } from 'ulid';
import type { Kysely } from 'kysely';
import type { Database } from '../../storage/database.ts';
import type { EnqueueResult, QueueStats, ResolvedEnqueueOptions, ResolvedJobDefinition } from '../queue.ts';
import { PollingQueue, type ClaimedJob, type JobStore, type PollingQueueOptions } from './polling-queue.ts';

/** Row of the `jobs` table (see migrations/0002-jobs.ts). Times in epoch ms. */
export interface JobsTable {
  id: string;
  name: string;
  /** JSON text of the validated payload. */
  payload: string;
  idempotency_key: string | null;
  priority: number;
  state: JobState;
  /** Not claimed before this time. */
  run_at: number;
  /** Claims counted against max_attempts (RetryAfter and release give one back). */
  attempts: number;
  max_attempts: number;
  lease_until: number | null;
  lease_token: string | null;
  last_error: string | null;
  created_at: number;
  updated_at: number;
  finished_at: number | null;
}

/** `queued` includes delayed jobs and jobs waiting for a retry. */
export type JobState = 'queued' | 'active' | 'completed' | 'failed';

type JobsDb = Kysely<{ jobs: JobsTable }>;

/** The `JobStore` over the `jobs` table. */
export class TableJobStore implements JobStore {
  readonly #db: JobsDb;
  readonly #postgres: boolean;
  readonly #id = monotonicFactory();

  /** @param database an open, migrated database (SQLite or PostgreSQL); not closed by the store. */
  constructor(database: Pick<Database, 'db' | 'dialect'>) {
    this.#db = database.db.withTables<{ jobs: JobsTable }>() as unknown as JobsDb;
    this.#postgres = database.dialect === 'postgres';
  }

  async insert(def: ResolvedJobDefinition<unknown>, payload: unknown, opts: ResolvedEnqueueOptions): Promise<EnqueueResult> {
    const now = Date.now();
    const row = {
      name: def.name,
      payload: JSON.stringify(payload),
      idempotency_key: opts.idempotencyKey,
      priority: opts.priority,
      state: 'queued' as const,
      run_at: now + opts.delayMs,
      attempts: 0,
      max_attempts: def.maxAttempts,
      created_at: now,
      updated_at: now,
    };
    const key = opts.idempotencyKey;
    if (key === null) {
      const id = this.#id();
      await this.#db.insertInto('jobs').values({ id, ...row }).execute();
      return { id, deduplicated: false };
    }
    // Insert-or-find, one autocommit statement each (see the module docs); the loop covers the keyed job finishing
    // between our refused insert and the lookup.
    for (let i = 0; i < 5; i += 1) {
      const id = this.#id();
      const inserted = await this.#db
        .insertInto('jobs')
        .values({ id, ...row })
        .onConflict((oc) => oc.doNothing())
        .returning('id')
        .executeTakeFirst();
      if (inserted) return { id, deduplicated: false };
      const existing = await this.#db
        .selectFrom('jobs')
        .select('id')
        .where('name', '=', def.name)
        .where('idempotency_key', '=', key)
        .where('state', 'in', ['queued', 'active'])
        .executeTakeFirst();
      if (existing) return { id: existing.id, deduplicated: true };
    }
    throw new Error(`could not enqueue job "${def.name}" with key "${key}": it kept conflicting`);
  }

  async claim(def: ResolvedJobDefinition<unknown>, limit: number): Promise<ClaimedJob[]> {
    const now = Date.now();
    const token = this.#id();
    // A lease that expired on the last attempt: the worker died every time; give up on the job.
    await this.#db
      .updateTable('jobs')
      .set({
        state: 'failed',
        lease_until: null,
        lease_token: null,
        last_error: 'lease expired on the last attempt (worker died or hung)',
        finished_at: now,
        updated_at: now,
      })
      .where('name', '=', def.name)
      .where('state', '=', 'active')
      .where('lease_until', '<=', now)
      .whereRef('attempts', '>=', 'max_attempts')
      .execute();
    let due = this.#db
      .selectFrom('jobs')
      .select('id')
      .where('name', '=', def.name)
      .where((eb) =>
        eb.or([
          eb.and([eb('state', '=', 'queued'), eb('run_at', '<=', now)]),
          // (the sweep above fails the exhausted ones; the attempts test also covers a sweep racing us)
          eb.and([eb('state', '=', 'active'), eb('lease_until', '<=', now), eb('attempts', '<', eb.ref('max_attempts'))]),
        ]),
      )
      .orderBy('priority', 'desc')
      .orderBy('run_at')
      .orderBy('id')
      .limit(limit);
    if (this.#postgres) due = due.forUpdate().skipLocked();
    // The claim itself: one atomic UPDATE … RETURNING.
    const rows = await this.#db
      .updateTable('jobs')
      .set((eb) => ({
        state: 'active',
        attempts: eb('attempts', '+', 1),
        lease_until: now + def.leaseMs,
        lease_token: token,
        updated_at: now,
      }))
      .where('id', 'in', due)
      .returning(['id', 'payload', 'attempts', 'max_attempts', 'priority', 'run_at'])
      .execute();
    rows.sort((a, b) => b.priority - a.priority || a.run_at - b.run_at || (a.id < b.id ? -1 : 1));
    return rows.map((row) => ({
      id: row.id,
      name: def.name,
      payload: JSON.parse(row.payload) as unknown,
      attempt: Number(row.attempts),
      maxAttempts: Number(row.max_attempts),
      token,
    }));
  }

  async complete(job: ClaimedJob): Promise<void> {
    const now = Date.now();
    await this.#current(job)
      .set({ state: 'completed', lease_until: null, lease_token: null, finished_at: now, updated_at: now })
      .execute();
  }

  async fail(job: ClaimedJob, error: string, retryInMs: number | null): Promise<void> {
    const now = Date.now();
    const common = { lease_until: null, lease_token: null, last_error: error.slice(0, 4000), updated_at: now };
    await this.#current(job)
      .set(
        retryInMs === null
          ? { ...common, state: 'failed', finished_at: now }
          : { ...common, state: 'queued', run_at: now + retryInMs },
      )
      .execute();
  }

  async defer(job: ClaimedJob, delayMs: number, reason: string): Promise<void> {
    const now = Date.now();
    await this.#current(job)
      .set((eb) => ({
        state: 'queued',
        run_at: now + delayMs,
        attempts: eb('attempts', '-', 1),
        lease_until: null,
        lease_token: null,
        last_error: `retry after ${delayMs} ms: ${reason}`.slice(0, 4000),
        updated_at: now,
      }))
      .execute();
  }

  async release(job: ClaimedJob): Promise<void> {
    const now = Date.now();
    await this.#current(job)
      .set((eb) => ({
        state: 'queued',
        run_at: now,
        attempts: eb('attempts', '-', 1),
        lease_until: null,
        lease_token: null,
        updated_at: now,
      }))
      .execute();
  }

  async stats(name?: string): Promise<QueueStats> {
    let query = this.#db
      .selectFrom('jobs')
      .select((eb) => ['state', eb.fn.countAll<number>().as('n')])
      .groupBy('state');
    if (name !== undefined) query = query.where('name', '=', name);
    const stats: QueueStats = { queued: 0, active: 0, failed: 0, completed: 0 };
    for (const row of await query.execute()) stats[row.state] = Number(row.n);
    return stats;
  }

  /**
   * Deletes completed and failed jobs that finished before `beforeMs` (epoch ms); a maintenance task should call
   * it (e.g. daily, keeping a week).
   * @returns how many rows were deleted.
   */
  async purgeFinished(beforeMs: number): Promise<number> {
    const result = await this.#db
      .deleteFrom('jobs')
      .where('state', 'in', ['completed', 'failed'])
      .where('finished_at', '<', beforeMs)
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  /** The UPDATE of `job`'s row, only while this claim still holds it. */
  #current(job: ClaimedJob) {
    return this.#db
      .updateTable('jobs')
      .where('id', '=', job.id)
      .where('state', '=', 'active')
      .where('lease_token', '=', job.token);
  }
}

/** A table-driven queue plus its store (for `purgeFinished`). */
export interface SqliteQueue extends PollingQueue {
  readonly store: TableJobStore;
}

/**
 * Builds the table-driven queue over an open, migrated database. The database stays the caller's: `stop` does
 * not close it. Default poll interval 1 s.
 */
export function createSqliteQueue(database: Pick<Database, 'db' | 'dialect'>, options: PollingQueueOptions = {}): SqliteQueue {
  const store = new TableJobStore(database);
  const queue = new PollingQueue(store, options) as SqliteQueue;
  Object.defineProperty(queue, 'store', { value: store });
  return queue;
}
