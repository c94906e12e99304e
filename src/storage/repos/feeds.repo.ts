/**
 * Feeds (sources): the row holds the source's metadata, its HTTP cache validators and its own refresh schedule
 * (after miniflux's model.Feed). The only code that writes the `feeds` table.
 */
import type { Kysely } from 'kysely';
import { newId } from '../../lib/ids.ts';
import type { FeedRow, FullTextMode, Schema } from '../schema.ts';

export interface NewFeedInput {
  feedUrl: string;
  title?: string | null;
  siteUrl?: string | null;
  description?: string | null;
  language?: string | null;
  country?: string | null;
  category?: string | null;
  premium?: boolean;
  fullText?: FullTextMode;
}

export interface FeedSuccess {
  etag: string | null;
  lastModified: string | null;
  /** Hash of the document just stored; omitted when none was (304, unchanged body). */
  contentHash?: string;
  nextCheckAt: number;
  entriesPerDay?: number;
  /** Filled only where the row has no value yet (a user-given title wins over the feed's). */
  title?: string | null;
  siteUrl?: string | null;
  description?: string | null;
  language?: string | null;
  hubUrl?: string | null;
}

export interface FeedFailure {
  kind: string;
  message: string;
  nextCheckAt: number;
  /** 410 Gone: stop polling. */
  disable?: boolean;
}

export function createFeedsRepo(db: Kysely<Schema>) {
  return {
    /** Adds a feed; when the URL is already known returns the existing row and `created: false`. */
    async add(input: NewFeedInput, now = Date.now()): Promise<{ feed: FeedRow; created: boolean }> {
      const existing = await this.getByUrl(input.feedUrl);
      if (existing) return { feed: existing, created: false };
      const row = {
        id: newId(),
        feed_url: input.feedUrl,
        site_url: input.siteUrl ?? null,
        title: input.title?.trim() || input.feedUrl,
        description: input.description ?? null,
        language: input.language ?? null,
        country: input.country?.toUpperCase() ?? null,
        category: input.category ?? null,
        premium: input.premium ? 1 : 0,
        full_text: input.fullText ?? 'auto',
        disabled: 0,
        etag: null,
        last_modified: null,
        next_check_at: 0,
        last_checked_at: null,
        last_success_at: null,
        error_count: 0,
        last_error: null,
        last_error_kind: null,
        entries_per_day: 0,
        hub_url: null,
        websub_topic: null,
        websub_secret: null,
        websub_state: null,
        websub_lease_until: null,
        created_at: now,
        updated_at: now,
      };
      const inserted = await db
        .insertInto('feeds')
        .values(row)
        .onConflict((oc) => oc.column('feed_url').doNothing())
        .returningAll()
        .executeTakeFirst();
      if (inserted) return { feed: inserted, created: true };
      return { feed: (await this.getByUrl(input.feedUrl))!, created: false };
    },

    async get(id: string): Promise<FeedRow | undefined> {
      return db.selectFrom('feeds').selectAll().where('id', '=', id).executeTakeFirst();
    },

    /** The feed at `feedUrl`, or the one a permanent redirect moved away from it. */
    async getByUrl(feedUrl: string): Promise<FeedRow | undefined> {
      return (
        (await db.selectFrom('feeds').selectAll().where('feed_url', '=', feedUrl).executeTakeFirst()) ??
        (await db
          .selectFrom('feed_moves as m')
          .innerJoin('feeds as f', 'f.id', 'm.feed_id')
          .selectAll('f')
          .where('m.from_url', '=', feedUrl)
          .executeTakeFirst())
      );
    },

    /** All feeds ordered by category then title. */
    async list(): Promise<FeedRow[]> {
      return db.selectFrom('feeds').selectAll().orderBy('category').orderBy('title').orderBy('id').execute();
    },

    async count(): Promise<number> {
      const r = await db.selectFrom('feeds').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
      return Number(r?.n ?? 0);
    },

    /** Deletes the feed and (cascade) its articles. Returns whether a row was removed. */
    async remove(id: string): Promise<boolean> {
      const r = await db.deleteFrom('feeds').where('id', '=', id).executeTakeFirst();
      return Number(r.numDeletedRows) > 0;
    },

    /**
     * Claims up to `limit` due feeds (enabled, next_check_at ≤ now), oldest first, at most `perHost` per host,
     * by moving their next_check_at to `leaseUntil` with a compare-and-set: two schedulers never claim one feed.
     */
    async claimDue(now: number, limit: number, perHost: number, leaseUntil: number): Promise<FeedRow[]> {
      const due = await db
        .selectFrom('feeds')
        .selectAll()
        .where('disabled', '=', 0)
        .where('next_check_at', '<=', now)
        .orderBy('next_check_at')
        .limit(limit * 4)
        .execute();
      const perHostCount = new Map<string, number>();
      const claimed: FeedRow[] = [];
      for (const feed of due) {
        if (claimed.length >= limit) break;
        const host = hostOf(feed.feed_url);
        const n = perHostCount.get(host) ?? 0;
        if (n >= perHost) continue;
        const r = await db
          .updateTable('feeds')
          .set({ next_check_at: leaseUntil })
          .where('id', '=', feed.id)
          .where('next_check_at', '=', feed.next_check_at)
          .executeTakeFirst();
        if (Number(r.numUpdatedRows) === 1) {
          perHostCount.set(host, n + 1);
          claimed.push(feed);
        }
      }
      return claimed;
    },

    /** Makes a feed due now (`newsdesk refresh`, "refresh" button). */
    async markDue(id: string, now = Date.now()): Promise<void> {
      await db.updateTable('feeds').set({ next_check_at: now }).where('id', '=', id).execute();
    },

    async recordSuccess(id: string, s: FeedSuccess, now = Date.now()): Promise<void> {
      const feed = await this.get(id);
      if (!feed) return;
      await db
        .updateTable('feeds')
        .set({
          etag: s.etag,
          last_modified: s.lastModified,
          content_hash: s.contentHash ?? feed.content_hash,
          next_check_at: s.nextCheckAt,
          last_checked_at: now,
          last_success_at: now,
          error_count: 0,
          last_error: null,
          last_error_kind: null,
          entries_per_day: s.entriesPerDay ?? feed.entries_per_day,
          title: feed.title === feed.feed_url && s.title ? s.title : feed.title,
          site_url: feed.site_url ?? s.siteUrl ?? null,
          description: feed.description ?? s.description ?? null,
          language: feed.language ?? s.language ?? null,
          hub_url: s.hubUrl ?? feed.hub_url,
          updated_at: now,
        })
        .where('id', '=', id)
        .execute();
    },

    async recordFailure(id: string, f: FeedFailure, now = Date.now()): Promise<void> {
      await db
        .updateTable('feeds')
        .set((eb) => ({
          error_count: eb('error_count', '+', 1),
          last_error: f.message,
          last_error_kind: f.kind,
          last_checked_at: now,
          next_check_at: f.nextCheckAt,
          disabled: f.disable ? 1 : 0,
          updated_at: now,
        }))
        .where('id', '=', id)
        .execute();
    },

    /**
     * 301/308: the feed moved. Its old URL is remembered (getByUrl finds the feed by it), and a move back to a URL
     * it had before is fine. Fails (returns false) when another feed already has, or had, the new URL.
     */
    async updateUrl(id: string, feedUrl: string, now = Date.now()): Promise<boolean> {
      const current = await this.get(id);
      const holder = await this.getByUrl(feedUrl);
      if (!current || (holder && holder.id !== id)) return false;
      await db.transaction().execute(async (trx) => {
        await trx.updateTable('feeds').set({ feed_url: feedUrl, updated_at: now }).where('id', '=', id).execute();
        await trx.deleteFrom('feed_moves').where('from_url', '=', feedUrl).execute();
        await trx
          .insertInto('feed_moves')
          .values({ from_url: current.feed_url, feed_id: id })
          .onConflict((oc) => oc.column('from_url').doUpdateSet({ feed_id: id }))
          .execute();
      });
      return true;
    },

    /** Records WebSub subscription state (see services/websub.service.ts). */
    async setWebSub(
      id: string,
      state: { topic?: string | null; secret?: string | null; state: 'pending' | 'active' | 'denied' | null; leaseUntil?: number | null },
      now = Date.now(),
    ): Promise<void> {
      await db
        .updateTable('feeds')
        .set({
          websub_state: state.state,
          ...(state.topic !== undefined ? { websub_topic: state.topic } : {}),
          ...(state.secret !== undefined ? { websub_secret: state.secret } : {}),
          ...(state.leaseUntil !== undefined ? { websub_lease_until: state.leaseUntil } : {}),
          updated_at: now,
        })
        .where('id', '=', id)
        .execute();
    },

    /** Changes what the user controls about a source: title, category, full-text mode, premium flag, enabled. */
    async updateSettings(
      id: string,
      settings: { title?: string; category?: string | null; fullText?: FullTextMode; premium?: boolean; disabled?: boolean },
      now = Date.now(),
    ): Promise<boolean> {
      const r = await db
        .updateTable('feeds')
        .set({
          ...(settings.title !== undefined ? { title: settings.title } : {}),
          ...(settings.category !== undefined ? { category: settings.category } : {}),
          ...(settings.fullText !== undefined ? { full_text: settings.fullText } : {}),
          ...(settings.premium !== undefined ? { premium: settings.premium ? 1 : 0 } : {}),
          ...(settings.disabled !== undefined ? { disabled: settings.disabled ? 1 : 0, ...(settings.disabled ? {} : { error_count: 0, next_check_at: now }) } : {}),
          updated_at: now,
        })
        .where('id', '=', id)
        .executeTakeFirst();
      return Number(r.numUpdatedRows) > 0;
    },

    async setDisabled(id: string, disabled: boolean, now = Date.now()): Promise<void> {
      await db.updateTable('feeds').set({ disabled: disabled ? 1 : 0, updated_at: now }).where('id', '=', id).execute();
    },
  };
}

export type FeedsRepo = ReturnType<typeof createFeedsRepo>;

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
