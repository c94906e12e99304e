/**
 * Test-only settings, read from the environment here so that nothing else under src/ reads process.env.
 * `.ci/run` exports NEWSDESK_TEST_DATABASE_URL and CI=true.
 */

/** PostgreSQL URL for tests: NEWSDESK_TEST_DATABASE_URL, else the local default (trust auth, database `test`). */
export function testDatabaseUrl(): string | null {
  return process.env.NEWSDESK_TEST_DATABASE_URL || 'postgres://root@127.0.0.1:5432/test';
}

/** True under CI: PostgreSQL tests must fail, not skip, when the database is unreachable. */
export function requirePostgres(): boolean {
  return process.env.CI === 'true' || process.env.CI === '1';
}
