/**
 * Ordered migrations, run by `newsdesk migrate` and at start. Each file in migrations/ named NNNN-name.ts
 * exports `up(db)`; they are listed here in order (no directory scanning, so bundling and typos fail loudly).
 */
import { Migrator, sql, type Kysely, type Migration, type MigrationResultSet } from 'kysely';
import { dialectOf } from './migrations/dialect.ts';
import * as m0001 from './migrations/0001-initial.ts';
import * as m0002 from './migrations/0002-jobs.ts';
import * as m0003 from './migrations/0003-websub.ts';
import * as m0004 from './migrations/0004-engines.ts';
import * as m0005 from './migrations/0005-story-relations.ts';
import * as m0006 from './migrations/0006-feed-history.ts';

export const migrations: Record<string, Migration> = {
  '0001-initial': m0001,
  '0002-jobs': m0002,
  '0003-websub': m0003,
  '0004-engines': m0004,
  '0005-story-relations': m0005,
  '0006-feed-history': m0006,
};

/**
 * Brings the schema to the latest migration.
 * @returns the names of the migrations applied by this call (empty when already current).
 * @throws Error naming the failed migration.
 */
export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  // On PostgreSQL, Kysely looks for its bookkeeping tables in every schema unless told which: name the connection's
  // own (search_path) schema, or another database user's schema on the same server would fool it.
  const pgSchema =
    dialectOf(db) === 'postgres' ? (await sql<{ s: string }>`select current_schema() as s`.execute(db)).rows[0]?.s : undefined;
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    ...(pgSchema ? { migrationTableSchema: pgSchema } : {}),
  });
  const result: MigrationResultSet = await migrator.migrateToLatest();
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error')?.migrationName;
    const why = (result.error as Error).message ?? String(result.error);
    // No failed migration means the database does not match this version's list (e.g. made by another version).
    throw new Error(failed ? `migration ${failed} failed: ${why}` : `cannot migrate this database: ${why}`);
  }
  return (result.results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
