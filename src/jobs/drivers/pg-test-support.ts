/**
 * Test support for the drivers' PostgreSQL runs (imported by *.test.ts only): is the test database reachable, and
 * throw-away schemas on it. Under CI an unreachable database is an error, elsewhere a skip.
 */
import pg from 'pg';
import { requirePostgres, testDatabaseUrl } from '../../config/test-env.ts';

/**
 * The test PostgreSQL URL when reachable, or `{ skip }` with the reason.
 * @throws Error when unreachable and `requirePostgres()` (CI) says PG tests must not skip.
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
