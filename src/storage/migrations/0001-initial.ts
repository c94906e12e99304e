/** Initial schema: feeds, articles (+ full-text search), stories, storylines, users, sessions, follows, user state. */
import { sql, type Kysely } from 'kysely';
import { dialectOf } from './dialect.ts';

export async function up(db: Kysely<any>): Promise<void> {
  const pg = dialectOf(db) === 'postgres';
  const ms = pg ? 'bigint' : 'integer';

  await db.schema
    .createTable('feeds')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('feed_url', 'text', (c) => c.notNull().unique())
    .addColumn('site_url', 'text')
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('language', 'text')
    .addColumn('country', 'text')
    .addColumn('category', 'text')
    .addColumn('premium', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('full_text', 'text', (c) => c.notNull().defaultTo('auto'))
    .addColumn('disabled', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('etag', 'text')
    .addColumn('last_modified', 'text')
    .addColumn('next_check_at', ms, (c) => c.notNull().defaultTo(0))
    .addColumn('last_checked_at', ms)
    .addColumn('last_success_at', ms)
    .addColumn('error_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_error', 'text')
    .addColumn('last_error_kind', 'text')
    .addColumn('entries_per_day', 'real', (c) => c.notNull().defaultTo(0))
    .addColumn('hub_url', 'text')
    .addColumn('created_at', ms, (c) => c.notNull())
    .addColumn('updated_at', ms, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('feeds_due').on('feeds').columns(['disabled', 'next_check_at']).execute();

  await db.schema
    .createTable('storylines')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('created_at', ms, (c) => c.notNull())
    .addColumn('updated_at', ms, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('stories')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('language', 'text')
    .addColumn('storyline_id', 'text', (c) => c.references('storylines.id').onDelete('set null'))
    .addColumn('merged_into', 'text', (c) => c.references('stories.id').onDelete('set null'))
    .addColumn('first_published_at', ms)
    .addColumn('last_published_at', ms)
    .addColumn('article_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', ms, (c) => c.notNull())
    .addColumn('updated_at', ms, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('stories_recent').on('stories').column('last_published_at').execute();

  await db.schema
    .createTable('articles')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('feed_id', 'text', (c) => c.notNull().references('feeds.id').onDelete('cascade'))
    .addColumn('guid', 'text')
    .addColumn('entry_key', 'text', (c) => c.notNull())
    .addColumn('url', 'text')
    .addColumn('canonical_url', 'text')
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('author', 'text')
    .addColumn('published_at', ms)
    .addColumn('updated_at', ms)
    .addColumn('fetched_at', ms, (c) => c.notNull())
    .addColumn('sort_at', ms, (c) => c.notNull())
    .addColumn('summary', 'text')
    .addColumn('content_html', 'text')
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('language', 'text')
    .addColumn('content_hash', 'text', (c) => c.notNull())
    .addColumn('image_url', 'text')
    .addColumn('full_text_status', 'text', (c) => c.notNull().defaultTo('feed'))
    .addColumn('copy_of', 'text', (c) => c.references('articles.id').onDelete('set null'))
    .addColumn('copy_kind', 'text')
    .addColumn('copy_similarity', 'real')
    .addColumn('story_id', 'text', (c) => c.references('stories.id').onDelete('set null'))
    .addUniqueConstraint('articles_feed_entry', ['feed_id', 'entry_key'])
    .execute();
  await db.schema.createIndex('articles_sort').on('articles').columns(['sort_at', 'id']).execute();
  await db.schema.createIndex('articles_feed_sort').on('articles').columns(['feed_id', 'sort_at']).execute();
  await db.schema.createIndex('articles_story').on('articles').column('story_id').execute();
  await db.schema.createIndex('articles_copy_of').on('articles').column('copy_of').execute();
  await db.schema.createIndex('articles_canonical').on('articles').column('canonical_url').execute();

  await db.schema
    .createTable('users')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('email', 'text', (c) => c.notNull().unique())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('display_name', 'text')
    .addColumn('role', 'text', (c) => c.notNull().defaultTo('user'))
    .addColumn('plan', 'text', (c) => c.notNull().defaultTo('trial'))
    .addColumn('trial_ends_at', ms)
    .addColumn('created_at', ms, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('csrf_token', 'text', (c) => c.notNull())
    .addColumn('expires_at', ms, (c) => c.notNull())
    .addColumn('created_at', ms, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sessions_user').on('sessions').column('user_id').execute();

  await db.schema
    .createTable('follows')
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('feed_id', 'text', (c) => c.notNull().references('feeds.id').onDelete('cascade'))
    .addColumn('created_at', ms, (c) => c.notNull())
    .addPrimaryKeyConstraint('follows_pk', ['user_id', 'feed_id'])
    .execute();

  await db.schema
    .createTable('user_articles')
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('article_id', 'text', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    .addColumn('read_at', ms)
    .addColumn('saved_at', ms)
    .addPrimaryKeyConstraint('user_articles_pk', ['user_id', 'article_id'])
    .execute();

  // Full-text search over title + text.
  if (pg) {
    await sql`ALTER TABLE articles ADD COLUMN search tsvector GENERATED ALWAYS AS
      (setweight(to_tsvector('simple', coalesce(title, '')), 'A') || setweight(to_tsvector('simple', coalesce(text, '')), 'B')) STORED`.execute(db);
    await sql`CREATE INDEX articles_search ON articles USING gin (search)`.execute(db);
  } else {
    await sql`CREATE VIRTUAL TABLE articles_fts USING fts5(title, text, content='articles', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2')`.execute(db);
    await sql`CREATE TRIGGER articles_fts_ai AFTER INSERT ON articles BEGIN
      INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text); END`.execute(db);
    await sql`CREATE TRIGGER articles_fts_ad AFTER DELETE ON articles BEGIN
      INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.rowid, old.title, old.text); END`.execute(db);
    await sql`CREATE TRIGGER articles_fts_au AFTER UPDATE OF title, text ON articles BEGIN
      INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.rowid, old.title, old.text);
      INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text); END`.execute(db);
  }
}
