/**
 * Engine state on the article row: the copy fingerprint (serialized JSON) and the revision link (an update of an
 * earlier article of the same source); an index to find a story's articles in publication order; and a small
 * key → JSON table for engine snapshots (the story clusterer's state).
 */
import type { Kysely } from 'kysely';
import { dialectOf } from './dialect.ts';

export async function up(db: Kysely<any>): Promise<void> {
  const ms = dialectOf(db) === 'postgres' ? 'bigint' : 'integer';
  await db.schema
    .createTable('engine_state')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('updated_at', ms, (c) => c.notNull())
    .execute();
  await db.schema.alterTable('articles').addColumn('fingerprint', 'text').execute();
  await db.schema.alterTable('articles').addColumn('update_of', 'text').execute();
  await db.schema.alterTable('articles').addColumn('analyzed', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.createIndex('articles_story_sort').on('articles').columns(['story_id', 'sort_at']).execute();
  // The reader's listing (originals only, newest first) walks this index in order instead of sorting every row.
  await db.schema.createIndex('articles_originals_sort').on('articles').columns(['copy_of', 'sort_at', 'id']).execute();
  await db.schema.createIndex('articles_analyzed').on('articles').columns(['analyzed', 'sort_at']).execute();
}
