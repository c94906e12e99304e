/** WebSub subscription state on the feed row: topic, secret, state and lease end. */
import type { Kysely } from 'kysely';
import { dialectOf } from './dialect.ts';

export async function up(db: Kysely<any>): Promise<void> {
  const ms = dialectOf(db) === 'postgres' ? 'bigint' : 'integer';
  await db.schema.alterTable('feeds').addColumn('websub_topic', 'text').execute();
  await db.schema.alterTable('feeds').addColumn('websub_secret', 'text').execute();
  // null (none) | pending | active | denied
  await db.schema.alterTable('feeds').addColumn('websub_state', 'text').execute();
  await db.schema.alterTable('feeds').addColumn('websub_lease_until', ms).execute();
}
