/**
 * Stories and storylines: the clusterer's decisions as rows. An article belongs to at most one story
 * (articles.story_id); a merged story keeps its row with `merged_into` so old links redirect. The only code that
 * writes `stories` and `storylines`.
 */
import type { Kysely } from 'kysely';
import type { Schema, StoryRow } from '../schema.ts';

/**
 * An article of a story with what coverage and ranking need about its outlet; no body (a story page reads its
 * lead's body on its own).
 */
export interface StoryArticle {
  id: string;
  story_id: string;
  title: string;
  url: string | null;
  published_at: number | null;
  sort_at: number;
  language: string | null;
  copy_of: string | null;
  copy_kind: string | null;
  feed_id: string;
  feed_title: string;
  feed_site_url: string | null;
  feed_country: string | null;
  feed_premium: number;
}

export function createStoriesRepo(db: Kysely<Schema>) {
  return {
    async create(s: { id: string; title: string; language: string | null; publishedAt: number | null }, now = Date.now()): Promise<void> {
      await db
        .insertInto('stories')
        .values({
          id: s.id,
          title: s.title,
          language: s.language,
          storyline_id: null,
          merged_into: null,
          first_published_at: s.publishedAt,
          last_published_at: s.publishedAt,
          article_count: 0,
          created_at: now,
          updated_at: now,
        })
        .onConflict((oc) => oc.column('id').doNothing())
        .execute();
    },

    /** Puts an article in a story (moving it out of its previous one) and refreshes both stories' counters. */
    async attach(storyId: string, articleId: string, now = Date.now()): Promise<void> {
      const before = await db.selectFrom('articles').select('story_id').where('id', '=', articleId).executeTakeFirst();
      await db.updateTable('articles').set({ story_id: storyId }).where('id', '=', articleId).execute();
      await this.refreshCounters(storyId, now);
      if (before?.story_id && before.story_id !== storyId) await this.refreshCounters(before.story_id, now);
    },

    /**
     * Recomputes a story's article count and first/last publication time (epoch ms) from its articles, and its
     * title: the headline of its lead article, the first-published one that is not a copy (ties by id), so a spun
     * or syndicated copy that happened to arrive first never names the story once its original is known.
     */
    async refreshCounters(storyId: string, now = Date.now()): Promise<void> {
      const agg = await db
        .selectFrom('articles')
        .select((eb) => [
          eb.fn.countAll<number>().as('n'),
          eb.fn.min<number>('sort_at').as('first'),
          eb.fn.max<number>('sort_at').as('last'),
        ])
        .where('story_id', '=', storyId)
        .executeTakeFirst();
      const lead = await db
        .selectFrom('articles')
        .select('title')
        .where('story_id', '=', storyId)
        .where('copy_of', 'is', null)
        .where('title', '!=', '')
        .orderBy('sort_at')
        .orderBy('id')
        .limit(1)
        .executeTakeFirst();
      await db
        .updateTable('stories')
        .set({
          article_count: Number(agg?.n ?? 0),
          first_published_at: agg?.first ?? null,
          last_published_at: agg?.last ?? null,
          ...(lead ? { title: lead.title } : {}),
          updated_at: now,
        })
        .where('id', '=', storyId)
        .execute();
    },

    /** Merges `fromId` into `intoId`: articles move, `fromId` redirects to `intoId`. */
    async merge(fromId: string, intoId: string, now = Date.now()): Promise<void> {
      if (fromId === intoId) return;
      await db.transaction().execute(async (trx) => {
        await trx.updateTable('articles').set({ story_id: intoId }).where('story_id', '=', fromId).execute();
        await trx.updateTable('stories').set({ merged_into: intoId, article_count: 0, updated_at: now }).where('id', '=', fromId).execute();
        // Stories that redirected to `fromId` now redirect to `intoId` (no chains).
        await trx.updateTable('stories').set({ merged_into: intoId }).where('merged_into', '=', fromId).execute();
      });
      await this.refreshCounters(intoId, now);
    },

    /** Links a story to a storyline, creating the storyline row if needed. */
    async setStoryline(storyId: string, storyline: { id: string; title: string }, now = Date.now()): Promise<void> {
      await db
        .insertInto('storylines')
        .values({ id: storyline.id, title: storyline.title, created_at: now, updated_at: now })
        .onConflict((oc) => oc.column('id').doUpdateSet({ updated_at: now }))
        .execute();
      await db.updateTable('stories').set({ storyline_id: storyline.id }).where('id', '=', storyId).execute();
    },

    /** The story, following merge redirects. `redirected` is true when `id` was merged into the returned story. */
    async resolve(id: string): Promise<{ story: StoryRow; redirected: boolean } | undefined> {
      const story = await db.selectFrom('stories').selectAll().where('id', '=', id).executeTakeFirst();
      if (!story) return undefined;
      if (!story.merged_into) return { story, redirected: false };
      const target = await db.selectFrom('stories').selectAll().where('id', '=', story.merged_into).executeTakeFirst();
      return target ? { story: target, redirected: true } : { story, redirected: false };
    },

    /** Live (unmerged) stories whose newest article is at or after `sinceMs`, newest first. */
    async recent(sinceMs: number, limit: number): Promise<StoryRow[]> {
      return db
        .selectFrom('stories')
        .selectAll()
        .where('merged_into', 'is', null)
        .where('article_count', '>', 0)
        .where('last_published_at', '>=', sinceMs)
        .orderBy('last_published_at', 'desc')
        .limit(limit)
        .execute();
    },

    async getMany(ids: string[]): Promise<StoryRow[]> {
      if (ids.length === 0) return [];
      return db.selectFrom('stories').selectAll().where('id', 'in', ids).execute();
    },

    /** Stories of a storyline, newest first. */
    async inStoryline(storylineId: string, limit = 20): Promise<StoryRow[]> {
      return db
        .selectFrom('stories')
        .selectAll()
        .where('storyline_id', '=', storylineId)
        .where('merged_into', 'is', null)
        .orderBy('last_published_at', 'desc')
        .limit(limit)
        .execute();
    },

    /**
     * Replaces a story's related stories (best first) with the given list; ids not stored, or the story itself,
     * are skipped. Written by the analyzer, which alone holds the clusterer that judges relatedness.
     */
    async setRelated(storyId: string, related: ReadonlyArray<{ storyId: string; similarity: number; sameStoryline: boolean }>): Promise<void> {
      const others = related.filter((r) => r.storyId !== storyId);
      const known = others.length
        ? new Set((await db.selectFrom('stories').select('id').where('id', 'in', others.map((r) => r.storyId)).execute()).map((r) => r.id))
        : new Set<string>();
      const rows = others
        .filter((r) => known.has(r.storyId))
        .map((r, rank) => ({ story_id: storyId, related_id: r.storyId, rank, similarity: r.similarity, same_storyline: r.sameStoryline ? 1 : 0 }));
      await db.transaction().execute(async (trx) => {
        await trx.deleteFrom('story_relations').where('story_id', '=', storyId).execute();
        if (rows.length) await trx.insertInto('story_relations').values(rows).execute();
      });
    },

    /**
     * A story's related stories, best first (same storyline, then similarity), each followed through merges to its
     * live story (duplicates and the story itself dropped). Relations are read both ways, so a story stored after
     * this one was last analyzed still lists it.
     */
    async related(storyId: string, limit: number): Promise<Array<{ story: StoryRow; similarity: number; sameStoryline: boolean }>> {
      const pick = ['similarity', 'same_storyline'] as const;
      const [outgoing, incoming] = await Promise.all([
        db.selectFrom('story_relations').select([...pick, 'related_id as other']).where('story_id', '=', storyId).execute(),
        db.selectFrom('story_relations').select([...pick, 'story_id as other']).where('related_id', '=', storyId).execute(),
      ]);
      const rows = [...outgoing, ...incoming].sort((x, y) => y.same_storyline - x.same_storyline || y.similarity - x.similarity);
      const stories = new Map((await this.getMany([...new Set(rows.map((r) => r.other))])).map((s) => [s.id, s]));
      const targets = [...stories.values()].flatMap((s) => (s.merged_into ? [s.merged_into] : []));
      for (const s of await this.getMany(targets.filter((id) => !stories.has(id)))) stories.set(s.id, s);
      const out: Array<{ story: StoryRow; similarity: number; sameStoryline: boolean }> = [];
      const seen = new Set([storyId]);
      for (const r of rows) {
        const first = stories.get(r.other);
        const story = first?.merged_into ? stories.get(first.merged_into) : first;
        if (!story || story.merged_into || story.article_count === 0 || seen.has(story.id)) continue;
        seen.add(story.id);
        out.push({ story, similarity: r.similarity, sameStoryline: r.same_storyline === 1 });
        if (out.length >= limit) break;
      }
      return out;
    },

    /** The articles of the given stories with their outlets, oldest first. */
    async articlesOf(storyIds: string[]): Promise<StoryArticle[]> {
      if (storyIds.length === 0) return [];
      const rows = await db
        .selectFrom('articles as a')
        .innerJoin('feeds as f', 'f.id', 'a.feed_id')
        .select([
          'a.id',
          'a.story_id',
          'a.title',
          'a.url',
          'a.published_at',
          'a.sort_at',
          'a.language',
          'a.copy_of',
          'a.copy_kind',
          'a.feed_id',
          'f.title as feed_title',
          'f.site_url as feed_site_url',
          'f.country as feed_country',
          'f.premium as feed_premium',
        ])
        .where('a.story_id', 'in', storyIds)
        .orderBy('a.sort_at')
        .execute();
      return rows as StoryArticle[];
    },
  };
}

export type StoriesRepo = ReturnType<typeof createStoriesRepo>;
