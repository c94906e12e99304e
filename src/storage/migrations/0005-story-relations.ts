/**
 * Related stories as the story clusterer judges them (content similarity over its TF-IDF views, same storyline
 * first), written by the analyzer after each batch for the stories it touched and read by the reader and the API,
 * which may run in other processes than the analyzer's in-memory clusterer.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('story_relations')
    .addColumn('story_id', 'text', (c) => c.notNull().references('stories.id').onDelete('cascade'))
    .addColumn('related_id', 'text', (c) => c.notNull().references('stories.id').onDelete('cascade'))
    .addColumn('rank', 'integer', (c) => c.notNull())
    .addColumn('similarity', 'real', (c) => c.notNull())
    .addColumn('same_storyline', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('story_relations_pk', ['story_id', 'related_id'])
    .execute();
}
