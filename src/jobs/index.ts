/**
 * jobs/ owns background work: the `Queue` interface (queue.ts), its drivers (drivers/: the `jobs` table on SQLite —
 * the default — or PostgreSQL, pg-boss on PostgreSQL, in-memory inline for tests), the contract every driver passes
 * (queue.contract.ts, test-only, not exported here), job definitions (definitions/*.job.ts) and the scheduler.
 *
 * It may import domain/, lib/, zod, kysely/pg/pg-boss and the *types* of storage/database.ts (a `Database` is
 * handed in; jobs never opens or migrates one). It must not import http/, cli/, services/ or config/ (settings
 * arrive as options from main.ts). Nothing here reads process.env or does work at import time.
 */
import type { Database } from '../storage/database.ts';
import type { PollingQueueOptions } from './drivers/polling-queue.ts';
import { createPostgresQueue } from './drivers/postgres.ts';
import { createSqliteQueue } from './drivers/sqlite.ts';
import type { Queue } from './queue.ts';

export {
  DEFAULT_BACKOFF_MS,
  DEFAULT_LEASE_MS,
  DEFAULT_MAX_ATTEMPTS,
  DEFAULT_MAX_BACKOFF_MS,
  InvalidPayloadError,
  RetryAfter,
  backoffDelayMs,
  defineJob,
  describeError,
  isRetryAfter,
  parsePayload,
  type EnqueueOptions,
  type EnqueueResult,
  type JobContext,
  type JobDefinition,
  type JobHandler,
  type Queue,
  type QueueStats,
  type StopOptions,
  type WorkOptions,
} from './queue.ts';
export { PollingQueue, type ClaimedJob, type JobStore, type PollingQueueOptions } from './drivers/polling-queue.ts';
export { createInlineQueue, MemoryJobStore, type InlineQueue, type InlineQueueOptions } from './drivers/inline.ts';
export { createSqliteQueue, TableJobStore, type JobsTable, type SqliteQueue } from './drivers/sqlite.ts';
export { createPostgresQueue, PgBossJobStore, type PostgresQueue, type PostgresQueueOptions } from './drivers/postgres.ts';

/** Options of `createQueueForDatabase`. */
export interface QueueForDatabaseOptions extends PollingQueueOptions {
  /**
   * `table`: our `jobs` table (needs migration 0002-jobs); `pg-boss`: PostgreSQL only. Default: `table` on SQLite,
   * `pg-boss` on PostgreSQL.
   */
  driver?: 'table' | 'pg-boss';
  /** pg-boss schema (default `pgboss`). */
  pgBossSchema?: string;
  /** pg-boss maintenance (lease expiry) interval in seconds (default 30). */
  maintenanceIntervalSeconds?: number;
}

/**
 * The queue main.ts wires up for an open, migrated database ("the database is the queue").
 * @throws Error when `pg-boss` is asked for on SQLite.
 */
export function createQueueForDatabase(database: Database, options: QueueForDatabaseOptions = {}): Queue {
  const { driver = database.dialect === 'postgres' ? 'pg-boss' : 'table', pgBossSchema, maintenanceIntervalSeconds, ...rest } =
    options;
  if (driver === 'table') return createSqliteQueue(database, rest);
  if (!database.pgPool) throw new Error('the pg-boss queue driver needs PostgreSQL');
  return createPostgresQueue({
    ...rest,
    pool: database.pgPool,
    ...(pgBossSchema ? { schema: pgBossSchema } : {}),
    ...(maintenanceIntervalSeconds ? { maintenanceIntervalSeconds } : {}),
  });
}
