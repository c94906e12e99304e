/**
 * Articles (feed entries): stored once per (feed, entry_key); a changed entry updates in place. Full-text search
 * is FTS5 on SQLite and a tsvector column on PostgreSQL. The only code that writes the `articles` table.
 */
import { sql, type Kysely } from 'kysely';
import { newId } from '../../lib/ids.ts';
import type { DialectName } from '../database.ts';
import type { ArticleRow, Schema } from '../schema.ts';

export interface ArticleInput {
  guid: string | null;
  entryKey: string;
  url: string | null;
  canonicalUrl: string | null;
  title: string;
  author: string | null;
  publishedAt: number | null;
  updatedAt: number | null;
  summary: string | null;
  contentHtml: string | null;
  text: string;
  language: string | null;
  contentHash: string;
  imageUrl: string | null;
  fullTextStatus: 'feed' | 'pending' | 'extracted' | 'failed';
}

export type UpsertStatus = 'inserted' | 'updated' | 'unchanged';

/** One row of a listing: the article plus its feed's title and how many copies collapse under it. */
export interface ArticleListItem {
  id: string;
  title: string;
  url: string | null;
  author: string | null;
  summary: string | null;
  text: string;
  sort_at: number;
  published_at: number | null;
  feed_id: string;
  feed_title: string;
  feed_premium: number;
  story_id: string | null;
  copy_of: string | null;
  copies: number;
}

export interface ListOptions {
  limit: number;
  feedId?: string;
  /** Keyset cursor: items strictly older than this (sort_at, id). */
  before?: { sortAt: number; id: string };
  /** Hide articles that are copies of another (they show under their original). Default true. */
  collapseCopies?: boolean;
}

/** What copy detection and clustering read of an article and its feed (see AnalysisInput). */
const analysisColumns = [
  'a.id',
  'a.title',
  'a.text',
  'a.url',
  'a.published_at',
  'a.sort_at',
  'a.language',
  'a.feed_id',
  'f.site_url as feed_site_url',
  'f.language as feed_language',
] as const;

export function createArticlesRepo(db: Kysely<Schema>, dialect: DialectName) {
  const listColumns = [
    'a.id',
    'a.title',
    'a.url',
    'a.author',
    'a.summary',
    'a.text',
    'a.sort_at',
    'a.published_at',
    'a.feed_id',
    'f.title as feed_title',
    'f.premium as feed_premium',
    'a.story_id',
    'a.copy_of',
  ] as const;

  return {
    /**
     * Inserts new entries and updates changed ones (content_hash differs) for one feed, in one transaction.
     * @returns per input, in order: its article id and what happened.
     */
    async upsertEntries(
      feedId: string,
      items: ArticleInput[],
      now = Date.now(),
    ): Promise<Array<{ id: string; status: UpsertStatus }>> {
      if (items.length === 0) return [];
      return db.transaction().execute(async (trx) => {
        const existing = new Map<string, { id: string; content_hash: string; title: string }>();
        for (let i = 0; i < items.length; i += 500) {
          const keys = items.slice(i, i + 500).map((it) => it.entryKey);
          const rows = await trx
            .selectFrom('articles')
            .select(['id', 'entry_key', 'content_hash', 'title'])
            .where('feed_id', '=', feedId)
            .where('entry_key', 'in', keys)
            .execute();
          for (const r of rows) existing.set(r.entry_key, r);
        }
        const out: Array<{ id: string; status: UpsertStatus }> = [];
        const seen = new Map<string, string>();
        for (const it of items) {
          const dup = seen.get(it.entryKey);
          if (dup) {
            out.push({ id: dup, status: 'unchanged' });
            continue;
          }
          const sortAt = Math.min(it.publishedAt ?? now, now);
          // A feed that churns GUIDs gives a known article a new key: find it by its URL and keep one row.
          const prev = existing.get(it.entryKey) ?? (it.canonicalUrl ? await findByUrl(trx, feedId, it.canonicalUrl) : undefined);
          if (!prev) {
            const id = newId();
            await trx
              .insertInto('articles')
              .values({
                id,
                feed_id: feedId,
                guid: it.guid,
                entry_key: it.entryKey,
                url: it.url,
                canonical_url: it.canonicalUrl,
                title: it.title,
                author: it.author,
                published_at: it.publishedAt,
                updated_at: it.updatedAt,
                fetched_at: now,
                sort_at: sortAt,
                summary: it.summary,
                content_html: it.contentHtml,
                text: it.text,
                language: it.language,
                content_hash: it.contentHash,
                image_url: it.imageUrl,
                full_text_status: it.fullTextStatus,
                copy_of: null,
                copy_kind: null,
                copy_similarity: null,
                story_id: null,
                fingerprint: null,
                update_of: null,
                analyzed: 0,
              })
              .execute();
            seen.set(it.entryKey, id);
            out.push({ id, status: 'inserted' });
          } else if (prev.content_hash !== it.contentHash || prev.title !== it.title) {
            await trx
              .updateTable('articles')
              .set({
                guid: it.guid,
                entry_key: it.entryKey,
                url: it.url,
                canonical_url: it.canonicalUrl,
                title: it.title,
                author: it.author,
                updated_at: it.updatedAt,
                summary: it.summary,
                content_html: it.contentHtml,
                text: it.text,
                language: it.language,
                content_hash: it.contentHash,
                image_url: it.imageUrl,
              })
              .where('id', '=', prev.id)
              .execute();
            seen.set(it.entryKey, prev.id);
            out.push({ id: prev.id, status: 'updated' });
          } else {
            seen.set(it.entryKey, prev.id);
            out.push({ id: prev.id, status: 'unchanged' });
          }
        }
        return out;
      });
    },

    async get(id: string): Promise<(ArticleRow & { feed_title: string; feed_premium: number; feed_site_url: string | null }) | undefined> {
      return db
        .selectFrom('articles as a')
        .innerJoin('feeds as f', 'f.id', 'a.feed_id')
        .selectAll('a')
        .select(['f.title as feed_title', 'f.premium as feed_premium', 'f.site_url as feed_site_url'])
        .where('a.id', '=', id)
        .executeTakeFirst();
    },

    /**
     * Newest first (sort_at, id), keyset-paginated; copies collapsed under their original by default.
     * Two queries on purpose: the page is picked from the (sort_at, id) index alone, then its feeds are looked up —
     * a join lets SQLite's planner start from feeds and sort the whole table.
     */
    async list(options: ListOptions): Promise<ArticleListItem[]> {
      let q = db
        .selectFrom('articles as a')
        .select(['a.id', 'a.title', 'a.url', 'a.author', 'a.summary', 'a.text', 'a.sort_at', 'a.published_at', 'a.feed_id', 'a.story_id', 'a.copy_of'])
        .select((eb) =>
          eb
            .selectFrom('articles as c')
            .select((e2) => e2.fn.countAll<number>().as('n'))
            .whereRef('c.copy_of', '=', 'a.id')
            .as('copies'),
        )
        .orderBy('a.sort_at', 'desc')
        .orderBy('a.id', 'desc')
        .limit(options.limit);
      if (options.feedId) q = q.where('a.feed_id', '=', options.feedId);
      if (options.collapseCopies ?? true) q = q.where('a.copy_of', 'is', null);
      if (options.before) {
        const b = options.before;
        q = q.where((eb) =>
          eb.or([eb('a.sort_at', '<', b.sortAt), eb.and([eb('a.sort_at', '=', b.sortAt), eb('a.id', '<', b.id)])]),
        );
      }
      const rows = await q.execute();
      const feedIds = [...new Set(rows.map((r) => r.feed_id))];
      const feeds = feedIds.length
        ? await db.selectFrom('feeds').select(['id', 'title', 'premium']).where('id', 'in', feedIds).execute()
        : [];
      const byId = new Map(feeds.map((f) => [f.id, f]));
      return rows.map((r) => ({
        ...r,
        feed_title: byId.get(r.feed_id)?.title ?? '',
        feed_premium: byId.get(r.feed_id)?.premium ?? 0,
        copies: Number(r.copies ?? 0),
      }));
    },

    /** Copies credited to `originalId`, with their feed titles, oldest first. */
    async copiesOf(originalId: string): Promise<Array<{ id: string; title: string; url: string | null; feed_title: string; copy_kind: string | null }>> {
      return db
        .selectFrom('articles as a')
        .innerJoin('feeds as f', 'f.id', 'a.feed_id')
        .select(['a.id', 'a.title', 'a.url', 'f.title as feed_title', 'a.copy_kind'])
        .where('a.copy_of', '=', originalId)
        .orderBy('a.sort_at')
        .execute();
    },

    /** Work still to do on stored articles: full-text jobs pending, articles copies/stories have not seen. */
    async backlog(): Promise<{ fullTextPending: number; analysisPending: number }> {
      const r = await db
        .selectFrom('articles')
        .select((eb) => [
          eb.fn.sum<number>(eb.case().when('full_text_status', '=', 'pending').then(1).else(0).end()).as('fullText'),
          eb.fn.sum<number>(eb.case().when('analyzed', '=', 0).then(1).else(0).end()).as('analysis'),
        ])
        .executeTakeFirst();
      return { fullTextPending: Number(r?.fullText ?? 0), analysisPending: Number(r?.analysis ?? 0) };
    },

    async count(feedId?: string): Promise<number> {
      let q = db.selectFrom('articles').select((eb) => eb.fn.countAll<number>().as('n'));
      if (feedId) q = q.where('feed_id', '=', feedId);
      const r = await q.executeTakeFirst();
      return Number(r?.n ?? 0);
    },

    /** Per feed: articles, how many are copies of another outlet's original, and how many of those are spun. */
    async countByFeed(): Promise<Map<string, { articles: number; copies: number; spun: number }>> {
      const rows = await db
        .selectFrom('articles')
        .select((eb) => [
          'feed_id',
          eb.fn.countAll<number>().as('n'),
          eb.fn.count<number>('copy_of').as('copies'),
          eb.fn.sum<number>(eb.case().when('copy_kind', 'like', 'spun%').then(1).else(0).end()).as('spun'),
        ])
        .groupBy('feed_id')
        .execute();
      return new Map(rows.map((r) => [r.feed_id, { articles: Number(r.n), copies: Number(r.copies), spun: Number(r.spun ?? 0) }]));
    },

    /**
     * Full-text search over title and text, best match first; copies are left out (their original stands for
     * them). The query is treated as plain words (every word must match; no operator syntax is exposed).
     */
    async search(query: string, limit = 50): Promise<ArticleListItem[]> {
      const words = query.match(/[\p{L}\p{N}]+/gu) ?? [];
      if (words.length === 0) return [];
      const base = db
        .selectFrom('articles as a')
        .innerJoin('feeds as f', 'f.id', 'a.feed_id')
        .select(listColumns)
        .select(sql<number>`0`.as('copies'))
        .where('a.copy_of', 'is', null)
        .limit(limit);
      if (dialect === 'postgres') {
        const tsq = sql`plainto_tsquery('simple', ${words.join(' ')})`;
        return base
          .where(sql<boolean>`a.search @@ ${tsq}`)
          .orderBy(sql`ts_rank(a.search, ${tsq})`, 'desc')
          .orderBy('a.sort_at', 'desc')
          .execute();
      }
      const match = words.map((w) => `"${w}"`).join(' ');
      return base
        .innerJoin(sql<{ rowid: number; rank: number }>`articles_fts`.as('fts'), (j) =>
          j.on(sql<boolean>`fts.rowid = a.rowid`),
        )
        .where(sql<boolean>`articles_fts MATCH ${match}`)
        .orderBy(sql`fts.rank`)
        .orderBy('a.sort_at', 'desc')
        .execute();
    },

    async setFullText(
      id: string,
      update: { contentHtml: string | null; text: string; status: 'extracted' | 'failed' | 'pending'; title?: string; author?: string | null },
    ): Promise<void> {
      await db
        .updateTable('articles')
        .set({
          content_html: update.contentHtml,
          text: update.text,
          full_text_status: update.status,
          ...(update.title ? { title: update.title } : {}),
          ...(update.author !== undefined ? { author: update.author } : {}),
        })
        .where('id', '=', id)
        .execute();
    },

    async setFullTextStatus(id: string, status: 'extracted' | 'failed' | 'pending'): Promise<void> {
      await db.updateTable('articles').set({ full_text_status: status }).where('id', '=', id).execute();
    },

    /** Credits `id` as a copy of `copyOf` (null clears). */
    async setCopy(id: string, copyOf: string | null, kind: string | null, similarity: number | null): Promise<void> {
      await db
        .updateTable('articles')
        .set({ copy_of: copyOf, copy_kind: kind, copy_similarity: similarity })
        .where('id', '=', id)
        .execute();
    },

    /**
     * Articles whose final text is known (no full-text job pending) and that copies/stories have not seen yet,
     * oldest first, with their outlet.
     */
    async pendingAnalysis(limit: number): Promise<AnalysisInput[]> {
      return db
        .selectFrom('articles as a')
        .innerJoin('feeds as f', 'f.id', 'a.feed_id')
        .select(analysisColumns)
        .where('a.analyzed', '=', 0)
        .where('a.full_text_status', '<>', 'pending')
        .orderBy('a.sort_at')
        .orderBy('a.id')
        .limit(limit)
        .execute();
    },

    /** Stores what copy detection decided for an article and marks it analyzed. */
    async setAnalysis(
      id: string,
      a: { fingerprint: string; copyOf: string | null; kind: string | null; similarity: number | null; updateOf: string | null },
    ): Promise<void> {
      await db
        .updateTable('articles')
        .set({ fingerprint: a.fingerprint, copy_of: a.copyOf, copy_kind: a.kind, copy_similarity: a.similarity, update_of: a.updateOf, analyzed: 1 })
        .where('id', '=', id)
        .execute();
    },

    /** Analyzed articles since `sinceMs` (sort time) with their fingerprints, oldest first: to rebuild the copy index. */
    async analyzedSince(sinceMs: number): Promise<AnalyzedArticle[]> {
      return db
        .selectFrom('articles as a')
        .innerJoin('feeds as f', 'f.id', 'a.feed_id')
        .select(analysisColumns)
        .select(['a.fingerprint', 'a.copy_of', 'a.copy_kind', 'a.update_of', 'a.story_id'])
        .where('a.analyzed', '=', 1)
        .where('a.sort_at', '>=', sinceMs)
        .orderBy('a.sort_at')
        .orderBy('a.id')
        .execute();
    },

    async setStory(id: string, storyId: string | null): Promise<void> {
      await db.updateTable('articles').set({ story_id: storyId }).where('id', '=', id).execute();
    },
  };
}

export type ArticlesRepo = ReturnType<typeof createArticlesRepo>;

/** What copy detection and clustering read of an article. */
export interface AnalysisInput {
  id: string;
  title: string;
  text: string;
  url: string | null;
  published_at: number | null;
  sort_at: number;
  language: string | null;
  feed_id: string;
  feed_site_url: string | null;
  feed_language: string | null;
}

export interface AnalyzedArticle extends AnalysisInput {
  fingerprint: string | null;
  copy_of: string | null;
  copy_kind: string | null;
  update_of: string | null;
  story_id: string | null;
}

async function findByUrl(db: Kysely<Schema>, feedId: string, canonicalUrl: string) {
  return db
    .selectFrom('articles')
    .select(['id', 'content_hash', 'title'])
    .where('feed_id', '=', feedId)
    .where('canonical_url', '=', canonicalUrl)
    .executeTakeFirst();
}
