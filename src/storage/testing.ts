/**
 * Fresh, migrated databases for tests: SQLite in a temp dir, or PostgreSQL in a schema of its own (dropped on
 * cleanup) so parallel test files never share tables. PostgreSQL is skipped when unreachable, except under CI.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { requirePostgres, testDatabaseUrl } from '../config/test-env.ts';
import { openDatabase, type Database, type DialectName } from './database.ts';
import { migrateToLatest } from './migrate.ts';

export interface TestDatabase {
  database: Database;
  cleanup(): Promise<void>;
}

/**
 * The test PostgreSQL URL when reachable, or `{ skip }` with the reason.
 * @throws Error when unreachable and `requirePostgres()` (CI) says PostgreSQL tests must not skip.
 */
export async function findTestPostgres(): Promise<{ url: string } | { skip: string }> {
  const url = testDatabaseUrl();
  if (!url) return { skip: 'no test PostgreSQL URL' };
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return { url };
  } catch (error) {
    const reason = `PostgreSQL unreachable at ${url}: ${(error as Error).message}`;
    if (requirePostgres()) throw new Error(reason);
    return { skip: reason };
  } finally {
    await client.end().catch(() => {});
  }
}

/** Why PostgreSQL tests cannot run here, or null when they can (see `findTestPostgres`). */
export async function postgresUnavailable(): Promise<string | null> {
  const found = await findTestPostgres();
  return 'skip' in found ? found.skip : null;
}

/** A fresh schema name, `q_<random>` (valid for `openDatabase({ pgSchema })` and pg-boss). */
export function randomSchemaName(): string {
  return `q_${Math.random().toString(36).slice(2, 12)}`;
}

/** Drops `schema` and everything in it. */
export async function dropSchema(url: string, schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  } finally {
    await client.end();
  }
}

/** Opens a migrated, empty database of the given engine. */
export async function openTestDatabase(engine: DialectName, options: { migrate?: boolean } = {}): Promise<TestDatabase> {
  const migrate = options.migrate ?? true;
  if (engine === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'newsdesk-test-'));
    const database = await openDatabase({ url: `sqlite:${join(dir, 'test.sqlite')}` });
    if (migrate) await migrateToLatest(database.db);
    return {
      database,
      cleanup: async () => {
        await database.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const url = testDatabaseUrl()!;
  const schema = randomSchemaName();
  const database = await openDatabase({ url, pgSchema: schema, poolSize: 4 });
  if (migrate) await migrateToLatest(database.db);
  return {
    database,
    cleanup: async () => {
      await database.close();
      await dropSchema(url, schema);
    },
  };
}
