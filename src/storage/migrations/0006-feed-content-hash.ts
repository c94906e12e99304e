/**
 * The hash of the last feed document stored for a feed, so a server that sends neither ETag nor Last-Modified
 * (or ignores them) still costs one hash, not a parse and an entry-by-entry comparison, when nothing changed.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('feeds').addColumn('content_hash', 'text').execute();
}
