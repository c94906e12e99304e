/**
 * Stories use-cases for the reader and the API: top stories of an edition, one story's full coverage, and related
 * stories. Composes the stories/articles repositories with the pure rank stage.
 */
import { rankTopStories, summarizeCoverage, type CoverageArticle, type RankedStory, type StoryCoverage } from '../pipeline/rank/index.ts';
import type { Repos, StoryArticle, StoryRow } from '../storage/index.ts';
import { LRUCache } from 'lru-cache';
import { outletOf } from './outlet.ts';

/** Stories whose newest article is older than this are not candidates for "Top stories". */
const TOP_WINDOW_MS = 72 * 3600 * 1000;

function toCoverage(a: StoryArticle): CoverageArticle {
  return {
    id: a.id,
    storyId: a.story_id,
    source: outletOf(a),
    country: a.feed_country,
    date: new Date(a.published_at ?? a.sort_at).toISOString(),
    copyOf: a.copy_of,
    lang: a.language,
    title: a.title,
    url: a.url,
  };
}

export interface TopStory {
  story: StoryRow;
  rank: RankedStory;
  /** The story's first independent report. */
  lead: StoryArticle;
  /** Outlet display names (feed titles), in order of first report. */
  outletNames: string[];
}

/**
 * Top stories: the same ranking for every reader of an edition (rank stage formula), over stories active in the
 * last 72 hours. Only stories covered by at least `minOutlets` independent outlets are listed.
 */
export async function topStories(
  repos: Repos,
  options: { now: number; limit?: number; minOutlets?: number; edition?: { lang?: string; country?: string } },
): Promise<TopStory[]> {
  const stories = await repos.stories.recent(options.now - TOP_WINDOW_MS, 500);
  if (stories.length === 0) return [];
  const articles = await repos.stories.articlesOf(stories.map((s) => s.id));
  const ranked = rankTopStories(articles.map(toCoverage), {
    now: options.now,
    limit: 200,
    ...(options.edition ? { edition: options.edition } : {}),
  }).filter((r) => r.outlets >= (options.minOutlets ?? 2));
  const storyById = new Map(stories.map((s) => [s.id, s]));
  const byStory = new Map<string, StoryArticle[]>();
  for (const a of articles) (byStory.get(a.story_id) ?? byStory.set(a.story_id, []).get(a.story_id)!).push(a);
  return ranked.slice(0, options.limit ?? 10).map((rank) => {
    const list = byStory.get(rank.storyId)!;
    const independent = list.filter((a) => !a.copy_of);
    const names: string[] = [];
    for (const a of independent.length ? independent : list) if (!names.includes(a.feed_title)) names.push(a.feed_title);
    return { story: storyById.get(rank.storyId)!, rank, lead: (independent[0] ?? list[0])!, outletNames: names };
  });
}

export type TopStoriesOptions = Parameters<typeof topStories>[1];

/**
 * `topStories` memoized per edition and limit for `ttlMs` (default 30 s): ranking reads every article of the last
 * 72 hours' stories, which a busy home page should not do per request; the ranking is the same for every reader of
 * an edition, and half a minute of staleness is invisible next to "updated 10 min ago". Concurrent requests share
 * one computation; a failed one is not kept. `ttlMs` ≤ 0 ranks on every call.
 */
export function createTopStoriesCache(repos: Repos, ttlMs = 30_000): (options: TopStoriesOptions) => Promise<TopStory[]> {
  if (ttlMs <= 0) return (options) => topStories(repos, options);
  const cache = new LRUCache<string, Promise<TopStory[]>>({ max: 500, ttl: ttlMs });
  return (options) => {
    const key = JSON.stringify([options.edition?.lang ?? null, options.edition?.country ?? null, options.limit ?? null, options.minOutlets ?? null]);
    let hit = cache.get(key);
    if (!hit) {
      hit = topStories(repos, options);
      cache.set(key, hit);
      hit.catch(() => cache.delete(key));
    }
    return hit;
  };
}

export interface StoryView {
  story: StoryRow;
  /** The id asked for, when it was merged into `story`. */
  redirectedFrom: string | null;
  coverage: StoryCoverage;
  articles: Map<string, StoryArticle>;
  /** The original (first report) article, shown first, with its text. */
  original: (StoryArticle & { text: string }) | null;
  related: RelatedStoryView[];
}

/** One story's full coverage, or undefined when there is no such story. Merged ids resolve to the surviving story. */
export async function storyView(repos: Repos, id: string): Promise<StoryView | undefined> {
  const resolved = await repos.stories.resolve(id);
  if (!resolved) return undefined;
  const { story } = resolved;
  const list = await repos.stories.articlesOf([story.id]);
  const coverage = summarizeCoverage(list.map(toCoverage), story.id);
  const articles = new Map(list.map((a) => [a.id, a]));
  const lead = coverage.original ? articles.get(coverage.original.id) : undefined;
  return {
    story,
    redirectedFrom: resolved.redirected ? id : null,
    coverage,
    articles,
    original: lead ? { ...lead, text: (await repos.articles.get(lead.id))?.text ?? '' } : null,
    related: await relatedStories(repos, story),
  };
}

/** One related story: similarity is the clusterer's content similarity (0–1; 0 for a storyline-only link). */
export interface RelatedStoryView {
  story: StoryRow;
  similarity: number;
  sameStoryline: boolean;
}

/**
 * Related stories, best first: the story clusterer's judgement, stored by the analyzer (stories of the same
 * storyline first, then by content similarity over the clusterer's TF-IDF views), topped up with the storyline's
 * other stories that have left the clusterer's window.
 */
export async function relatedStories(repos: Repos, story: StoryRow, limit = 5): Promise<RelatedStoryView[]> {
  const related = await repos.stories.related(story.id, limit);
  if (story.storyline_id && related.length < limit) {
    const listed = new Set([story.id, ...related.map((r) => r.story.id)]);
    for (const s of await repos.stories.inStoryline(story.storyline_id, limit + 1)) {
      if (related.length >= limit) break;
      if (!listed.has(s.id)) related.push({ story: s, similarity: 0, sameStoryline: true });
    }
  }
  return related;
}
