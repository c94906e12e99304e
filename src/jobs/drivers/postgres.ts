/**
 * The PostgreSQL driver for large installs: pg-boss 10 behind our `Queue`, so N worker processes on N hosts share
 * one queue. pg-boss owns the schema (its own, default `pgboss`), inserting (`send`: priority, startAfter, retry
 * limit/delay/backoff, expireInSeconds as the lease), claiming (`fetch`: `FOR UPDATE SKIP LOCKED`, priority
 * first) and maintenance (expiring leases of dead workers into retry/failed, archiving, purging).
 *
 * Where pg-boss's own calls do not give our semantics we run one conditional UPDATE on its `job` table:
 * - outcomes (complete / fail / retry / RetryAfter / release) only apply while the job is still in the claim we
 *   fetched (state active, same `started_on`), so a worker whose lease expired cannot clobber the run that took
 *   over (pg-boss's `complete`/`fail` match on id only);
 * - retry backoff is in ms (ours) rather than pg-boss's whole seconds; the delay pg-boss applies after an
 *   expired lease is `floor(backoffMs / 1000)` s with its own exponential backoff;
 * - RetryAfter and release set `started_on = NULL`: pg-boss then does not count the next fetch as a retry, which
 *   is what "does not burn the failure budget" means here (attempt = retry_count + 1);
 * - idempotency: pg-boss 10's `singletonKey` only deduplicates per policy and state (e.g. `stately` allows a queued
 *   AND an active job per key), so we keep the `standard` policy, store the key as `singleton_key` and deduplicate
 *   in a transaction holding an advisory lock on (name, key): look for a created/retry/active job with that key,
 *   else `send` on the same connection.
 * This ties the driver to pg-boss 10's table layout (pinned in package.json; re-run the contract when upgrading).
 *
 * The lease is whole seconds (ceil(leaseMs / 1000)) and is noticed by pg-boss maintenance, which runs once per
 * `maintenanceIntervalSeconds` across the cluster: a dead worker's job comes back within lease + that interval.
 * `stats` counts the `job` table only; pg-boss archives completed/failed jobs after 12 h.
 */
import PgBoss from 'pg-boss';
import type pg from 'pg';
import type { EnqueueResult, QueueStats, ResolvedEnqueueOptions, ResolvedJobDefinition } from '../queue.ts';
import { PollingQueue, type ClaimedJob, type JobStore, type PollingQueueOptions } from './polling-queue.ts';

/** Options of `createPostgresQueue`. */
export interface PostgresQueueOptions extends PollingQueueOptions {
  /** The pool to use (e.g. `Database.pgPool`); the queue never ends it. */
  pool: pg.Pool;
  /** pg-boss schema, created and migrated at first use (default `pgboss`); `[a-z_][a-z0-9_]*`. */
  schema?: string;
  /** Seconds between pg-boss maintenance runs (lease expiry, archive); integer ≥ 1 (default 30). */
  maintenanceIntervalSeconds?: number;
}

/** Non-object payloads are wrapped so pg-boss's jsonb `data` column can hold them (node-pg would mangle arrays). */
const WRAP_KEY = '$newsdesk.payload';

function toData(payload: unknown): object {
  return typeof payload === 'object' && payload !== null && !Array.isArray(payload) && !(WRAP_KEY in payload)
    ? payload
    : { [WRAP_KEY]: payload };
}

function fromData(data: unknown): unknown {
  return typeof data === 'object' && data !== null && WRAP_KEY in data ? (data as Record<string, unknown>)[WRAP_KEY] : data;
}

/** `JobStore` over pg-boss. `token` is the claim's `started_on` in epoch ms. */
export class PgBossJobStore implements JobStore {
  readonly #pool: pg.Pool;
  readonly #schema: string;
  readonly #boss: PgBoss;
  readonly #queues = new Map<string, Promise<void>>();
  #started: Promise<void> | null = null;
  #closed = false;

  constructor(options: PostgresQueueOptions) {
    this.#pool = options.pool;
    this.#schema = options.schema ?? 'pgboss';
    if (!/^[a-z_][a-z0-9_]*$/.test(this.#schema)) throw new RangeError(`invalid pg-boss schema name: ${this.#schema}`);
    const maintenanceIntervalSeconds = options.maintenanceIntervalSeconds ?? 30;
    this.#boss = new PgBoss({
      db: { executeSql: (text, values) => this.#pool.query(text, values) },
      schema: this.#schema,
      migrate: true,
      supervise: true,
      maintenanceIntervalSeconds,
      // We use no cron schedules; the timekeeper would only poll for them.
      schedule: false,
    });
    // An unhandled 'error' event would crash the process; maintenance errors are worth a log, not a crash.
    this.#boss.on('error', (error) => options.logger?.error({ err: error }, 'pg-boss error'));
  }

  /** Installs/migrates pg-boss's schema and starts its maintenance; idempotent. */
  open(): Promise<void> {
    if (this.#closed) return Promise.reject(new Error('queue has stopped'));
    this.#started ??= this.#boss.start().then(() => undefined);
    return this.#started;
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    if (this.#started) {
      await this.#started.catch(() => {});
      await this.#boss.stop({ graceful: false, close: false, wait: true });
    }
  }

  async insert(def: ResolvedJobDefinition<unknown>, payload: unknown, opts: ResolvedEnqueueOptions): Promise<EnqueueResult> {
    await this.#ensureQueue(def);
    const sendOptions: PgBoss.SendOptions = {
      priority: opts.priority,
      retryLimit: def.maxAttempts - 1,
      retryDelay: Math.floor(def.backoffMs / 1000),
      retryBackoff: true,
      expireInSeconds: Math.max(1, Math.ceil(def.leaseMs / 1000)),
      // A number is seconds from now on the database clock; fractions are kept.
      ...(opts.delayMs > 0 ? { startAfter: opts.delayMs / 1000 } : {}),
    };
    const key = opts.idempotencyKey;
    if (key === null) {
      const id = await this.#boss.send(def.name, toData(payload), sendOptions);
      if (!id) throw new Error(`pg-boss did not create job "${def.name}"`);
      return { id, deduplicated: false };
    }
    const client = await this.#pool.connect();
    try {
      await client.query('BEGIN');
      await client.query(`SELECT pg_advisory_xact_lock(hashtext('newsdesk.jobs'), hashtext($1))`, [`${def.name}:${key}`]);
      const existing = await client.query<{ id: string }>(
        `SELECT id FROM ${this.#schema}.job WHERE name = $1 AND singleton_key = $2 AND state < 'completed' LIMIT 1`,
        [def.name, key],
      );
      const found = existing.rows[0];
      if (found) {
        await client.query('COMMIT');
        return { id: found.id, deduplicated: true };
      }
      const id = await this.#boss.send(def.name, toData(payload), {
        ...sendOptions,
        singletonKey: key,
        db: { executeSql: (text, values) => client.query(text, values) },
      });
      if (!id) throw new Error(`pg-boss did not create job "${def.name}"`);
      await client.query('COMMIT');
      return { id, deduplicated: false };
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      throw error;
    } finally {
      client.release();
    }
  }

  async claim(def: ResolvedJobDefinition<unknown>, limit: number): Promise<ClaimedJob[]> {
    await this.#ensureQueue(def);
    const jobs = await this.#boss.fetch<unknown>(def.name, { batchSize: limit, includeMetadata: true, priority: true });
    return jobs.map((job) => ({
      id: job.id,
      name: def.name,
      payload: fromData(job.data),
      attempt: job.retryCount + 1,
      maxAttempts: job.retryLimit + 1,
      token: String(new Date(job.startedOn).getTime()),
    }));
  }

  async complete(job: ClaimedJob): Promise<void> {
    await this.#update(job, `state = 'completed', completed_on = now()`, []);
  }

  async fail(job: ClaimedJob, error: string, retryInMs: number | null): Promise<void> {
    const output = JSON.stringify({ message: error.slice(0, 4000) });
    if (retryInMs === null) {
      await this.#update(job, `state = 'failed', completed_on = now(), output = $4::jsonb`, [output]);
    } else {
      // started_on stays set, so the next fetch counts a retry (retry_count + 1).
      await this.#update(job, `state = 'retry', start_after = now() + $4 * interval '1 millisecond', output = $5::jsonb`, [
        retryInMs,
        output,
      ]);
    }
  }

  async defer(job: ClaimedJob, delayMs: number, reason: string): Promise<void> {
    const output = JSON.stringify({ message: `retry after ${delayMs} ms: ${reason}`.slice(0, 4000) });
    await this.#update(
      job,
      `state = 'retry', started_on = NULL, start_after = now() + $4 * interval '1 millisecond', output = $5::jsonb`,
      [delayMs, output],
    );
  }

  async release(job: ClaimedJob): Promise<void> {
    await this.#update(
      job,
      `state = (CASE WHEN retry_count > 0 THEN 'retry' ELSE 'created' END)::${this.#schema}.job_state,
       started_on = NULL, start_after = now()`,
      [],
    );
  }

  async stats(name?: string): Promise<QueueStats> {
    if (!this.#closed) await this.open();
    const where = name === undefined ? '' : 'WHERE name = $1';
    const { rows } = await this.#pool.query<{ state: string; n: number }>(
      `SELECT state::text AS state, count(*)::int AS n FROM ${this.#schema}.job ${where} GROUP BY state`,
      name === undefined ? [] : [name],
    );
    const stats: QueueStats = { queued: 0, active: 0, failed: 0, completed: 0 };
    for (const { state, n } of rows) {
      if (state === 'created' || state === 'retry') stats.queued += Number(n);
      else if (state === 'active' || state === 'failed' || state === 'completed') stats[state] += Number(n);
    }
    return stats;
  }

  /** pg-boss 10 needs a queue (and its partition) before send/fetch; created once per name, idempotently. */
  #ensureQueue(def: ResolvedJobDefinition<unknown>): Promise<void> {
    let ready = this.#queues.get(def.name);
    if (!ready) {
      ready = (async () => {
        await this.open();
        for (let attempt = 1; ; attempt += 1) {
          if (await this.#boss.getQueue(def.name)) return;
          try {
            await this.#boss.createQueue(def.name, {
              name: def.name,
              policy: 'standard',
              retryLimit: def.maxAttempts - 1,
              retryDelay: Math.floor(def.backoffMs / 1000),
              retryBackoff: true,
              expireInSeconds: Math.max(1, Math.ceil(def.leaseMs / 1000)),
            });
            return;
          } catch (error) {
            // pg-boss 10's create_queue (a partition per queue) deadlocks when two processes create the same
            // queue at once (seen in our tests); one of them wins, the other retries and finds it.
            if ((error as { code?: string }).code !== '40P01' || attempt >= 5) throw error;
            await new Promise((resolve) => setTimeout(resolve, 20 + Math.random() * 100));
          }
        }
      })();
      ready.catch(() => this.#queues.delete(def.name));
      this.#queues.set(def.name, ready);
    }
    return ready;
  }

  /** Applies `set` to the job only while it is still in this claim ($1 name, $2 id, $3 claim time, $4… extra). */
  async #update(job: ClaimedJob, set: string, extra: unknown[]): Promise<void> {
    // started_on has µs, the claim token ms (node-pg truncates): match the millisecond.
    await this.#pool.query(
      `UPDATE ${this.#schema}.job SET ${set}
       WHERE name = $1 AND id = $2::uuid AND state = 'active'
         AND started_on >= $3::timestamptz AND started_on < $3::timestamptz + interval '1 millisecond'`,
      [job.name, job.id, new Date(Number(job.token)), ...extra],
    );
  }
}

/** A pg-boss-backed queue plus its store. */
export interface PostgresQueue extends PollingQueue {
  readonly store: PgBossJobStore;
}

/**
 * Builds the pg-boss-backed queue. Nothing touches the database until the first `enqueue`, `start` or `stats`…
 * (pg-boss installs its schema then). Call `stop()` at shutdown even in producer-only processes: it stops pg-boss's
 * maintenance timers. Default poll interval 1 s.
 * @throws RangeError on an invalid schema name.
 */
export function createPostgresQueue(options: PostgresQueueOptions): PostgresQueue {
  const store = new PgBossJobStore(options);
  const queue = new PollingQueue(store, options) as PostgresQueue;
  Object.defineProperty(queue, 'store', { value: store });
  return queue;
}
