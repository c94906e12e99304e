/**
 * Users, sessions, follows and per-user article state (read / saved). The only code that writes those tables.
 * Password hashing and session tokens are the accounts service's business: this repo stores what it is given.
 */
import type { Kysely } from 'kysely';
import { newId } from '../../lib/ids.ts';
import type { Schema, SessionRow, UserRow } from '../schema.ts';

export function createUsersRepo(db: Kysely<Schema>) {
  /** Each article's copy group: `grp` is its original's id, or its own when it is not a copy. */
  function copyGroupsOf(articleIds: string[]): Promise<Array<{ id: string; grp: string }>> {
    return db
      .selectFrom('articles')
      .select((eb) => ['id', eb.fn.coalesce('copy_of', 'id').as('grp')])
      .where('id', 'in', articleIds)
      .execute();
  }

  return {
    /** @throws on a duplicate email (unique constraint) — callers check `getByEmail` first for a clean message. */
    async create(
      input: { email: string; passwordHash: string; displayName?: string | null; role?: 'user' | 'admin'; plan?: string; trialEndsAt?: number | null },
      now = Date.now(),
    ): Promise<UserRow> {
      return db
        .insertInto('users')
        .values({
          id: newId(),
          email: input.email.toLowerCase(),
          password_hash: input.passwordHash,
          display_name: input.displayName ?? null,
          role: input.role ?? 'user',
          plan: input.plan ?? 'trial',
          trial_ends_at: input.trialEndsAt ?? null,
          created_at: now,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
    },

    async get(id: string): Promise<UserRow | undefined> {
      return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
    },

    async getByEmail(email: string): Promise<UserRow | undefined> {
      return db.selectFrom('users').selectAll().where('email', '=', email.toLowerCase()).executeTakeFirst();
    },

    async createSession(s: { id: string; userId: string; csrfToken: string; expiresAt: number }, now = Date.now()): Promise<void> {
      await db
        .insertInto('sessions')
        .values({ id: s.id, user_id: s.userId, csrf_token: s.csrfToken, expires_at: s.expiresAt, created_at: now })
        .execute();
    },

    /** The session if it exists and has not expired at `now`. */
    async getSession(id: string, now = Date.now()): Promise<SessionRow | undefined> {
      return db.selectFrom('sessions').selectAll().where('id', '=', id).where('expires_at', '>', now).executeTakeFirst();
    },

    async deleteSession(id: string): Promise<void> {
      await db.deleteFrom('sessions').where('id', '=', id).execute();
    },

    async deleteExpiredSessions(now = Date.now()): Promise<number> {
      const r = await db.deleteFrom('sessions').where('expires_at', '<=', now).executeTakeFirst();
      return Number(r.numDeletedRows);
    },

    async follow(userId: string, feedId: string, now = Date.now()): Promise<void> {
      await db
        .insertInto('follows')
        .values({ user_id: userId, feed_id: feedId, created_at: now })
        .onConflict((oc) => oc.columns(['user_id', 'feed_id']).doNothing())
        .execute();
    },

    async unfollow(userId: string, feedId: string): Promise<void> {
      await db.deleteFrom('follows').where('user_id', '=', userId).where('feed_id', '=', feedId).execute();
    },

    async followedFeedIds(userId: string): Promise<string[]> {
      const rows = await db.selectFrom('follows').select('feed_id').where('user_id', '=', userId).execute();
      return rows.map((r) => r.feed_id);
    },

    /**
     * Marks articles read (idempotent); `readAt` (epoch ms) null marks them unread. Copies are one story for a
     * reader: each article's whole copy group (its original and every copy of it) changes state together.
     */
    async setRead(userId: string, articleIds: string[], readAt: number | null): Promise<void> {
      if (articleIds.length === 0) return;
      const groups = [...new Set((await copyGroupsOf(articleIds)).map((a) => a.grp))];
      const members = await db
        .selectFrom('articles')
        .select('id')
        .where((eb) => eb.or([eb('id', 'in', groups), eb('copy_of', 'in', groups)]))
        .execute();
      for (const { id } of members) {
        await db
          .insertInto('user_articles')
          .values({ user_id: userId, article_id: id, read_at: readAt, saved_at: null })
          .onConflict((oc) => oc.columns(['user_id', 'article_id']).doUpdateSet({ read_at: readAt }))
          .execute();
      }
    },

    async setSaved(userId: string, articleId: string, savedAt: number | null): Promise<void> {
      await db
        .insertInto('user_articles')
        .values({ user_id: userId, article_id: articleId, read_at: null, saved_at: savedAt })
        .onConflict((oc) => oc.columns(['user_id', 'article_id']).doUpdateSet({ saved_at: savedAt }))
        .execute();
    },

    /**
     * Read and saved state of articles for a user. An article is read when any member of its copy group is (a copy
     * that arrives after its original was read is read too); saved is per article.
     */
    async articleState(userId: string, articleIds: string[]): Promise<Map<string, { read: boolean; saved: boolean }>> {
      if (articleIds.length === 0) return new Map();
      const articles = await copyGroupsOf(articleIds);
      const groups = [...new Set(articles.map((a) => a.grp))];
      const readGroups = new Set(
        groups.length === 0
          ? []
          : (
              await db
                .selectFrom('user_articles as ua')
                .innerJoin('articles as a', 'a.id', 'ua.article_id')
                .select((eb) => eb.fn.coalesce('a.copy_of', 'a.id').as('grp'))
                .where('ua.user_id', '=', userId)
                .where('ua.read_at', 'is not', null)
                .where((eb) => eb.or([eb('a.id', 'in', groups), eb('a.copy_of', 'in', groups)]))
                .execute()
            ).map((r) => r.grp),
      );
      const saved = await db
        .selectFrom('user_articles')
        .select('article_id')
        .where('user_id', '=', userId)
        .where('article_id', 'in', articleIds)
        .where('saved_at', 'is not', null)
        .execute();
      const savedIds = new Set(saved.map((r) => r.article_id));
      return new Map(articles.map((a) => [a.id, { read: readGroups.has(a.grp), saved: savedIds.has(a.id) }]));
    },
  };
}

export type UsersRepo = ReturnType<typeof createUsersRepo>;
