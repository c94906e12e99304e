/**
 * The database schema as Kysely types: one schema for both engines. Timestamps are epoch milliseconds
 * (int8 on PostgreSQL); booleans are 0/1 integers; ids are text (ULIDs).
 */
import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

export type FullTextMode = 'auto' | 'always' | 'never';

export interface FeedsTable {
  id: string;
  /** The feed document's URL (updated on 301/308). */
  feed_url: string;
  site_url: string | null;
  title: string;
  description: string | null;
  language: string | null;
  /** ISO 3166-1 alpha-2, upper case. */
  country: string | null;
  /** OPML category path ("World/Europe"). */
  category: string | null;
  premium: number;
  full_text: FullTextMode;
  disabled: number;
  // HTTP cache and schedule
  etag: string | null;
  last_modified: string | null;
  /** Hash of the last feed document stored (lib/hash.ts bytesHash); an identical body is treated as 304. */
  content_hash: string | null;
  next_check_at: number;
  last_checked_at: number | null;
  last_success_at: number | null;
  error_count: number;
  last_error: string | null;
  last_error_kind: string | null;
  entries_per_day: number;
  hub_url: string | null;
  /** WebSub: the topic subscribed to, the HMAC secret, 'pending' | 'active' | 'denied' | null, lease end. */
  websub_topic: string | null;
  websub_secret: string | null;
  websub_state: string | null;
  websub_lease_until: number | null;
  created_at: number;
  updated_at: number;
}

export interface ArticlesTable {
  id: string;
  feed_id: string;
  guid: string | null;
  /** Stable entry identity: hash of guid → link → title+date; unique per feed. */
  entry_key: string;
  url: string | null;
  canonical_url: string | null;
  title: string;
  author: string | null;
  published_at: number | null;
  updated_at: number | null;
  fetched_at: number;
  /** Listing order: published_at, but never later than fetched_at (feeds that date entries in the future). */
  sort_at: number;
  summary: string | null;
  /** Sanitized HTML. */
  content_html: string | null;
  /** Plain text, paragraphs separated by a blank line. */
  text: string;
  language: string | null;
  /** Hash of the normalized text: changes when the entry's content changes. */
  content_hash: string;
  image_url: string | null;
  /** 'feed' (content came from the feed), 'pending', 'extracted', 'failed'. */
  full_text_status: string;
  /** When this article is a copy: the original it was credited to. */
  copy_of: string | null;
  copy_kind: string | null;
  copy_similarity: number | null;
  story_id: string | null;
  /** Serialized copy fingerprint (pipeline/copies), null until analyzed. */
  fingerprint: string | null;
  /** When this article is a revision of an earlier article of the same source. */
  update_of: string | null;
  /** 1 once copies and stories have seen the article's final text. */
  analyzed: number;
}

export interface StoriesTable {
  id: string;
  title: string;
  language: string | null;
  storyline_id: string | null;
  /** When merged into another story: the surviving story (readers are redirected). */
  merged_into: string | null;
  first_published_at: number | null;
  last_published_at: number | null;
  article_count: number;
  created_at: number;
  updated_at: number;
}

export interface StorylinesTable {
  id: string;
  title: string;
  created_at: number;
  updated_at: number;
}

export interface UsersTable {
  id: string;
  email: string;
  password_hash: string;
  display_name: string | null;
  role: 'user' | 'admin';
  plan: string;
  trial_ends_at: number | null;
  created_at: number;
}

export interface SessionsTable {
  /** SHA-256 of the session token (the token itself lives only in the cookie). */
  id: string;
  user_id: string;
  csrf_token: string;
  expires_at: number;
  created_at: number;
}

export interface FollowsTable {
  user_id: string;
  feed_id: string;
  created_at: number;
}

export interface UserArticlesTable {
  user_id: string;
  article_id: string;
  read_at: number | null;
  saved_at: number | null;
}

export interface EngineStateTable {
  name: string;
  /** JSON snapshot. */
  state: string;
  updated_at: number;
}

/** A story's related stories, best first (`rank` 0 is the best), as the analyzer's clusterer last judged them. */
export interface StoryRelationsTable {
  story_id: string;
  related_id: string;
  rank: number;
  /** Content similarity 0–1. */
  similarity: number;
  /** 1 when both stories belong to one storyline. */
  same_storyline: number;
}

/** A URL a feed had before a permanent redirect moved it. */
export interface FeedMovesTable {
  from_url: string;
  feed_id: string;
}

export interface Schema {
  engine_state: EngineStateTable;
  feed_moves: FeedMovesTable;
  story_relations: StoryRelationsTable;
  feeds: FeedsTable;
  articles: ArticlesTable;
  stories: StoriesTable;
  storylines: StorylinesTable;
  users: UsersTable;
  sessions: SessionsTable;
  follows: FollowsTable;
  user_articles: UserArticlesTable;
}

export type FeedRow = Selectable<FeedsTable>;
export type NewFeed = Insertable<FeedsTable>;
export type FeedUpdate = Updateable<FeedsTable>;
export type ArticleRow = Selectable<ArticlesTable>;
export type NewArticle = Insertable<ArticlesTable>;
export type StoryRow = Selectable<StoriesTable>;
export type UserRow = Selectable<UsersTable>;
export type SessionRow = Selectable<SessionsTable>;
export type { Generated };
