/** Which engine a Kysely instance talks to, for the few migrations that differ (FTS5 vs tsvector, int8). */
import { PostgresAdapter, type Kysely } from 'kysely';

export function dialectOf(db: Kysely<any>): 'sqlite' | 'postgres' {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}
