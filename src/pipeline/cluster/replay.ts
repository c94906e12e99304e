/**
 * Batch replay of a corpus through the online clusterer — what `newsdesk cluster` and ingest's rebuild-at-start
 * do: arrival order = date order, repairs at a fixed cadence as in production, final story per article.
 */
import { createStoryClusterer, type ClusterArticle, type StoryClusterer, type StoryClustererOptions } from './clusterer.ts';

export interface ReplayOptions extends StoryClustererOptions {
  /** Run `repairStories` after every this many articles and once at the end; 0 = never (pure online). Default 200. */
  repairEvery?: number;
}

export interface ReplayResult {
  /** One entry per input article, in input order: its story after all repairs (merged ids resolved). */
  assignments: Array<{ id: string; story: string; storyline: string }>;
  clusterer: StoryClusterer;
}

/**
 * Arrival order of a corpus: dated articles by date (ISO-8601; unparseable dates count as missing), then undated
 * ones; input order breaks ties and orders the undated.
 *
 * @returns indexes into `articles`
 */
export function arrivalOrder(articles: readonly Pick<ClusterArticle, 'date'>[]): number[] {
  const keyed = articles.map((a, i) => {
    const ms = a.date ? Date.parse(a.date) : NaN;
    return { i, ms: Number.isFinite(ms) ? ms : Infinity };
  });
  keyed.sort((a, b) => a.ms - b.ms || a.i - b.i);
  return keyed.map((k) => k.i);
}

/**
 * Clusters a whole corpus online (see arrivalOrder) with a fresh clusterer and returns each article's final story.
 * Article ids must be unique (a repeated id keeps its last assignment).
 */
export function clusterCorpus(articles: readonly ClusterArticle[], options: ReplayOptions = {}): ReplayResult {
  const { repairEvery = 200, ...clusterOptions } = options;
  const clusterer = createStoryClusterer(clusterOptions);
  const storyOf = new Map<string, string>();
  const apply = (): void => {
    const repair = clusterer.repairStories();
    for (const m of repair.moves) storyOf.set(m.articleId, m.to);
  };
  let n = 0;
  for (const i of arrivalOrder(articles)) {
    const a = articles[i]!;
    storyOf.set(a.id, clusterer.assignStory(a).storyId);
    if (repairEvery > 0 && ++n % repairEvery === 0) apply();
  }
  if (repairEvery > 0) apply();
  const lineOf = new Map(clusterer.stories().map((s) => [s.id, s.storylineId]));
  const assignments = articles.map((a) => {
    const story = clusterer.resolveStoryId(storyOf.get(a.id) ?? a.id);
    return { id: a.id, story, storyline: lineOf.get(story) ?? story };
  });
  return { assignments, clusterer };
}
