/**
 * Engine state on the article row: the copy fingerprint (serialized JSON) and the revision link (an update of an
 * earlier article of the same source); an index to find a story's articles in publication order.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('articles').addColumn('fingerprint', 'text').execute();
  await db.schema.alterTable('articles').addColumn('update_of', 'text').execute();
  await db.schema.alterTable('articles').addColumn('analyzed', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.createIndex('articles_story_sort').on('articles').columns(['story_id', 'sort_at']).execute();
  await db.schema.createIndex('articles_analyzed').on('articles').columns(['analyzed', 'sort_at']).execute();
}
