/**
 * Stories use-cases for the reader and the API: top stories of an edition, one story's full coverage, and related
 * stories. Composes the stories/articles repositories with the pure rank stage.
 */
import { rankTopStories, summarizeCoverage, type CoverageArticle, type RankedStory, type StoryCoverage } from '../pipeline/rank/index.ts';
import type { Repos, StoryArticle, StoryRow } from '../storage/index.ts';
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

export interface StoryView {
  story: StoryRow;
  /** The id asked for, when it was merged into `story`. */
  redirectedFrom: string | null;
  coverage: StoryCoverage;
  articles: Map<string, StoryArticle>;
  /** The original (first report) article, shown first. */
  original: StoryArticle | null;
  related: Array<{ story: StoryRow; shared: number }>;
}

/** One story's full coverage, or undefined when there is no such story. Merged ids resolve to the surviving story. */
export async function storyView(repos: Repos, id: string): Promise<StoryView | undefined> {
  const resolved = await repos.stories.resolve(id);
  if (!resolved) return undefined;
  const { story } = resolved;
  const list = await repos.stories.articlesOf([story.id]);
  const coverage = summarizeCoverage(list.map(toCoverage), story.id);
  const articles = new Map(list.map((a) => [a.id, a]));
  return {
    story,
    redirectedFrom: resolved.redirected ? id : null,
    coverage,
    articles,
    original: coverage.original ? (articles.get(coverage.original.id) ?? null) : null,
    related: await relatedStories(repos, story, list),
  };
}

const STOP = new Set('the a an and or of to in on for with at by from as is are was were be has have had it its this that after over into about new says said will not but who what when how why than more'.split(' '));

/**
 * Related stories: other live stories whose articles match the distinctive words of this story's titles (full-text
 * search), ranked by how many matching articles they have; storyline siblings first.
 */
export async function relatedStories(repos: Repos, story: StoryRow, list: StoryArticle[], limit = 5): Promise<Array<{ story: StoryRow; shared: number }>> {
  const counts = new Map<string, number>();
  for (const a of list) {
    for (const w of a.title.toLowerCase().match(/[\p{L}\p{N}]{3,}/gu) ?? []) if (!STOP.has(w)) counts.set(w, (counts.get(w) ?? 0) + 1);
  }
  const words = [...counts.entries()].sort((x, y) => y[1] - x[1]).slice(0, 4).map(([w]) => w);
  const hits = new Map<string, number>();
  const own = new Set(list.map((a) => a.id));
  for (const w of words) {
    for (const a of await repos.articles.search(w, 40)) {
      if (own.has(a.id) || !a.story_id || a.story_id === story.id) continue;
      hits.set(a.story_id, (hits.get(a.story_id) ?? 0) + 1);
    }
  }
  if (story.storyline_id) {
    for (const s of await repos.stories.inStoryline(story.storyline_id)) if (s.id !== story.id) hits.set(s.id, (hits.get(s.id) ?? 0) + 100);
  }
  const top = [...hits.entries()].sort((x, y) => y[1] - x[1]).slice(0, limit * 2);
  const rows = await repos.stories.getMany(top.map(([id]) => id));
  const byId = new Map(rows.filter((r) => !r.merged_into).map((r) => [r.id, r]));
  return top.filter(([id]) => byId.has(id)).slice(0, limit).map(([id, shared]) => ({ story: byId.get(id)!, shared: Math.min(shared, 99) }));
}
