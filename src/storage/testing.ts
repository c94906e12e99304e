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

/** Why PostgreSQL tests cannot run here, or null when they can. Under CI an unreachable server throws instead. */
export async function postgresUnavailable(): Promise<string | null> {
  const url = testDatabaseUrl();
  if (!url) return 'no test database URL';
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.end();
    return null;
  } catch (err) {
    if (requirePostgres()) throw new Error(`CI requires PostgreSQL at ${url}: ${(err as Error).message}`);
    return `PostgreSQL unreachable at ${url}: ${(err as Error).message}`;
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
  const schema = `t_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  const database = await openDatabase({ url, pgSchema: schema, poolSize: 4 });
  if (migrate) await migrateToLatest(database.db);
  return {
    database,
    cleanup: async () => {
      await database.close();
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await client.end();
    },
  };
}
