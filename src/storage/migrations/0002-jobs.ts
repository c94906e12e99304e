/**
 * Jobs table for the database queue driver (src/jobs/drivers/sqlite.ts). Created on both engines: SQLite uses it
 * by default; on PostgreSQL it is available too, though large installs use the pg-boss driver (its own schema).
 * Timestamps are epoch ms; payload is JSON text.
 */
import { sql, type Kysely } from 'kysely';
import { dialectOf } from './dialect.ts';

export async function up(db: Kysely<any>): Promise<void> {
  const ms = dialectOf(db) === 'postgres' ? 'bigint' : 'integer';
  await db.schema
    .createTable('jobs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('idempotency_key', 'text')
    .addColumn('priority', 'integer', (c) => c.notNull().defaultTo(0))
    // queued | active | completed | failed
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('run_at', ms, (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('max_attempts', 'integer', (c) => c.notNull())
    .addColumn('lease_until', ms)
    .addColumn('lease_token', 'text')
    .addColumn('last_error', 'text')
    .addColumn('created_at', ms, (c) => c.notNull())
    .addColumn('updated_at', ms, (c) => c.notNull())
    .addColumn('finished_at', ms)
    .execute();
  // The claim scan: due queued jobs of one name by priority, and expired leases.
  await db.schema.createIndex('jobs_claim').on('jobs').columns(['name', 'state', 'priority', 'run_at']).execute();
  // At most one queued/active job per (name, key): the idempotency rule, enforced by the database.
  await sql`CREATE UNIQUE INDEX jobs_idempotency ON jobs (name, idempotency_key)
    WHERE idempotency_key IS NOT NULL AND state IN ('queued', 'active')`.execute(db);
  await db.schema.createIndex('jobs_finished').on('jobs').columns(['state', 'finished_at']).execute();
}
