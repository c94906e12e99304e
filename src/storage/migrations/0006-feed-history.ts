/**
 * What refreshing remembers about a feed beyond its HTTP validators: the hash of the last document stored (a server
 * that sends neither ETag nor Last-Modified then costs one hash, not a parse, when nothing changed), and the URLs
 * the feed had before a permanent redirect moved it (re-adding or re-importing an old URL finds the moved feed
 * instead of subscribing twice).
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('feeds').addColumn('content_hash', 'text').execute();
  await db.schema
    .createTable('feed_moves')
    .addColumn('from_url', 'text', (c) => c.primaryKey())
    .addColumn('feed_id', 'text', (c) => c.notNull().references('feeds.id').onDelete('cascade'))
    .execute();
}
