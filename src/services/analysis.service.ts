/**
 * Analysis: each stored article whose final text is known goes, in publication order, through copy detection
 * (pipeline/copies) and story clustering (pipeline/cluster), and the decisions are written to the store. A copy
 * joins its original's story (copies never make a story look bigger than its independent coverage); a revision
 * joins the story of the article it revises; everything else is clustered.
 *
 * State: the copy index is rebuilt at start from the stored fingerprints of the last 30 days; the clusterer's
 * snapshot is saved in `engine_state` after each batch and resumed at start. One analyzer per installation at a
 * time: `createAnalyzerWorker` runs it only in the process holding the analyzer lease.
 */
import { createCopyDetector, type CopyDetector, type CopyVerdict, type RestoredArticle } from '../pipeline/copies/index.ts';
import { createStoryClusterer, type StoryClusterer, type StoryClustererState } from '../pipeline/cluster/index.ts';
import { newId } from '../lib/ids.ts';
import type { Logger } from '../lib/logger.ts';
import type { AnalysisInput, Repos } from '../storage/index.ts';
import { outletOf } from './outlet.ts';

/** How far back the copy index reaches after a restart. */
const COPY_WINDOW_MS = 30 * 24 * 3600 * 1000;
/** Related stories stored per story (the reader shows five). */
const RELATED_KEPT = 8;
/**
 * Least clusterer similarity for a related story. On the news-clustering dev set (scripts/related-stories-eval.ts)
 * stories of different topics score a median 0.001 (99th percentile 0.012) and the other event of the same topic a
 * median 0.046: at 0.05, none of 468 unrelated candidates is kept and 33 of 67 related ones (at 0.02: 2 and 37).
 */
const RELATED_MIN_SIMILARITY = 0.05;
/** Articles between two story repair passes (merge / split). */
const REPAIR_EVERY = 200;
const CLUSTERER_STATE = 'story-clusterer';

export interface Analyzer {
  /**
   * Analyzes up to `limit` pending articles, oldest first. Calls never overlap (a second call waits).
   * @returns how many articles were analyzed.
   */
  analyzePending(limit?: number): Promise<number>;
}

export async function createAnalyzer(deps: { repos: Repos; logger: Logger; now?: () => number }): Promise<Analyzer> {
  const { repos, logger } = deps;
  const now = deps.now ?? Date.now;
  const detector: CopyDetector = createCopyDetector();
  const restored: RestoredArticle[] = [];
  for (const a of await repos.articles.analyzedSince(now() - COPY_WINDOW_MS)) {
    const fingerprint = a.fingerprint ? JSON.parse(a.fingerprint) : null;
    if (!fingerprint) continue;
    restored.push({
      id: a.id,
      source: outletOf(a),
      url: a.url ?? '',
      published: a.published_at ?? a.sort_at,
      fingerprint,
      copyOf: a.copy_of,
      kind: a.copy_kind as RestoredArticle['kind'],
      updateOf: a.update_of,
    });
  }
  detector.restore(restored);
  const saved = await repos.engineState.load(CLUSTERER_STATE);
  const clusterer: StoryClusterer = createStoryClusterer(
    { newStoryId: () => newId() },
    saved ? (JSON.parse(saved) as StoryClustererState) : undefined,
  );
  logger.info({ copyIndex: restored.length, clustererResumed: Boolean(saved) }, 'analyzer ready');

  let sinceRepair = 0;
  /** Stories that gained or lost articles since their related stories were last stored. */
  const touched = new Set<string>();
  let busy: Promise<number> = Promise.resolve(0);

  async function storyOf(articleId: string | null | undefined): Promise<string | null> {
    if (!articleId) return null;
    return (await repos.articles.get(articleId))?.story_id ?? null;
  }

  async function ensureStory(storyId: string, a: AnalysisInput, lang: string | null): Promise<void> {
    await repos.stories.create({ id: storyId, title: a.title, language: lang, publishedAt: a.published_at ?? a.sort_at });
  }

  /** Writes re-elected originals; the stories involved get their counters and lead headline again. */
  async function applyReattributions(list: readonly CopyVerdict[]): Promise<void> {
    const stories = new Set<string>();
    for (const r of list) {
      await repos.articles.setCopy(r.id, r.copyOf, r.kind, r.similarity);
      const story = await storyOf(r.id);
      if (story) stories.add(story);
    }
    for (const story of stories) await repos.stories.refreshCounters(story);
  }

  async function analyzeOne(a: AnalysisInput): Promise<void> {
    const source = outletOf(a);
    const published = a.published_at ?? a.sort_at;
    const detection = detector.detect({ id: a.id, source, url: a.url ?? '', published, title: a.title, text: a.text });
    const v = detection.verdict;
    await repos.articles.setAnalysis(a.id, {
      fingerprint: JSON.stringify(detection.fingerprint),
      copyOf: v.copyOf,
      kind: v.kind,
      similarity: v.similarity,
      updateOf: v.updateOf ?? null,
    });
    await applyReattributions(detection.reattributed);

    // Copies and revisions follow the article they copy/revise; the rest is clustered.
    const followed = (await storyOf(v.copyOf)) ?? (await storyOf(v.updateOf));
    if (followed) {
      await repos.stories.attach(followed, a.id);
      return;
    }
    const assignment = clusterer.assignStory({
      id: a.id,
      date: new Date(published).toISOString(),
      title: a.title,
      text: a.text,
      source,
      url: a.url,
      lang: a.language ?? a.feed_language,
    });
    if (assignment.isNew) await ensureStory(assignment.storyId, a, assignment.lang);
    await repos.stories.attach(assignment.storyId, a.id);
    touched.add(assignment.storyId);
    if (assignment.storylineId !== assignment.storyId) {
      await repos.stories.setStoryline(assignment.storyId, { id: assignment.storylineId, title: a.title });
    }
  }

  /**
   * Applies a repair pass to the store: moved articles first (a split creates its story here), then merges, whose
   * target may be a story a split just created; every story a repair names exists before an article points to it.
   */
  async function repair(): Promise<void> {
    const r = clusterer.repairStories();
    for (const m of r.moves) {
      const article = await repos.articles.get(m.articleId);
      if (!article) continue;
      await repos.stories.create({ id: m.to, title: article.title, language: article.language, publishedAt: article.sort_at });
      await repos.stories.attach(m.to, m.articleId);
      touched.add(m.to);
    }
    for (const [from, to] of Object.entries(r.redirects)) {
      const source = await repos.stories.resolve(from);
      if (!source) continue; // a story only the clusterer knew: nothing stored to move
      await repos.stories.create({ id: to, title: source.story.title, language: source.story.language, publishedAt: source.story.first_published_at });
      await repos.stories.merge(from, to);
      touched.add(to);
    }
    if (Object.keys(r.redirects).length || r.moves.length) {
      logger.info({ merged: Object.keys(r.redirects).length, moved: r.moves.length }, 'stories repaired');
    }
  }

  /** Stores the clusterer's related stories for every story touched since the last call. */
  async function storeRelated(): Promise<void> {
    for (const id of touched) {
      const live = clusterer.resolveStoryId(id);
      const related = clusterer.relatedStories(live, RELATED_KEPT).filter((r) => r.similarity >= RELATED_MIN_SIMILARITY);
      await repos.stories.setRelated(live, related);
    }
    touched.clear();
  }

  async function run(limit: number): Promise<number> {
    const pending = await repos.articles.pendingAnalysis(limit);
    for (const a of pending) {
      try {
        await analyzeOne(a);
      } catch (err) {
        // One bad article must not stall the rest: log it, mark it analyzed without a verdict.
        logger.error({ err, articleId: a.id }, 'analysis failed for an article');
        await repos.articles.setAnalysis(a.id, { fingerprint: 'null', copyOf: null, kind: null, similarity: null, updateOf: null });
      }
      if (++sinceRepair >= REPAIR_EVERY) {
        sinceRepair = 0;
        await repair();
      }
    }
    if (pending.length > 0) {
      if (pending.length < limit) await repair();
      await storeRelated();
      await repos.engineState.save(CLUSTERER_STATE, JSON.stringify(clusterer.toJSON()));
      logger.debug({ analyzed: pending.length }, 'articles analyzed');
    }
    return pending.length;
  }

  return {
    analyzePending(limit = 200) {
      busy = busy.then(() => run(limit), () => run(limit));
      return busy;
    },
  };
}

/** How long the analyzer lease outlives its last renewal: a crashed analyzer's successor takes over after this. */
const ANALYZER_LEASE_MS = 5 * 60_000;
const ANALYZER_LEASE = 'analyzer';

export interface AnalyzerWorker {
  /** Analyzes up to `limit` pending articles when this process holds the analyzer lease; 0 while another does. */
  analyzePending(limit?: number): Promise<number>;
  /** Gives the lease up (clean shutdown), so another process takes over at once rather than after the TTL. */
  release(): Promise<void>;
}

/**
 * The analyzer for a worker process. Copies and stories need one analyzer per installation (their indexes live in
 * its memory), yet every worker may run this: the process holding the `analyzer` lease (engine_state, renewed on
 * every call) analyzes, the others find 0 to do, and one of them takes over when the holder releases the lease or
 * stops renewing it for `leaseMs` (default 5 min) — rebuilding the indexes from the store, so it goes on where the
 * other stopped. A process that loses the lease drops its indexes and rebuilds them if it gets it back.
 */
export function createAnalyzerWorker(deps: { repos: Repos; logger: Logger; holder?: string; leaseMs?: number }): AnalyzerWorker {
  const holder = deps.holder ?? newId();
  const leaseMs = deps.leaseMs ?? ANALYZER_LEASE_MS;
  let analyzer: Promise<Analyzer> | null = null;
  return {
    async analyzePending(limit = 200) {
      if (!(await deps.repos.engineState.tryLease(ANALYZER_LEASE, holder, leaseMs))) {
        if (analyzer) deps.logger.warn('analyzer lease lost: another process analyzes now');
        analyzer = null;
        return 0;
      }
      analyzer ??= createAnalyzer(deps).catch((err: unknown) => {
        analyzer = null; // try again on the next call
        throw err;
      });
      return (await analyzer).analyzePending(limit);
    },
    release: () => deps.repos.engineState.releaseLease(ANALYZER_LEASE, holder),
  };
}
