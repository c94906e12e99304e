/**
 * Storage: Kysely over SQLite (default) or PostgreSQL, one schema, ordered migrations, and the repositories —
 * the only code that writes SQL. Must not import pipeline, services, http, jobs or cli.
 */
import { openDatabase, type Database, type OpenOptions } from './database.ts';
import { migrateToLatest } from './migrate.ts';
import { createArticlesRepo } from './repos/articles.repo.ts';
import { createFeedsRepo } from './repos/feeds.repo.ts';
import { createUsersRepo } from './repos/users.repo.ts';
import { createStoriesRepo } from './repos/stories.repo.ts';
import { createEngineStateRepo } from './repos/engine-state.repo.ts';

export { openDatabase, isPostgresUrl, type Database, type DialectName } from './database.ts';
export { migrateToLatest } from './migrate.ts';
export type * from './schema.ts';
export type { AnalysisInput, AnalyzedArticle, ArticleInput, ArticleListItem, UpsertStatus } from './repos/articles.repo.ts';
export type { NewFeedInput } from './repos/feeds.repo.ts';
export type { StoryArticle } from './repos/stories.repo.ts';

/** The repositories over one open database. */
export function createRepos(database: Database) {
  return {
    feeds: createFeedsRepo(database.db),
    articles: createArticlesRepo(database.db, database.dialect),
    users: createUsersRepo(database.db),
    stories: createStoriesRepo(database.db),
    engineState: createEngineStateRepo(database.db),
  };
}

export type Repos = ReturnType<typeof createRepos>;

export interface Storage extends Repos {
  database: Database;
  close(): Promise<void>;
}

/** Opens, migrates and wraps a database in its repositories. */
export async function openStorage(options: OpenOptions & { migrate?: boolean }): Promise<Storage> {
  const database = await openDatabase(options);
  if (options.migrate ?? true) await migrateToLatest(database.db);
  return { database, ...createRepos(database), close: () => database.close() };
}
