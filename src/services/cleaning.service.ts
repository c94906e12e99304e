/**
 * Article cleaning applied by ingest to every article body, from the feed or from the article page: paragraphs a
 * scraper printed twice come out once, and segments the per-host boilerplate learner has seen on many pages of the
 * host (sign-up walls, newsletter blurbs, "Related stories", app banners) are removed. Composes the extract stage's
 * cleaning functions; the learner's state persists in `engine_state` so it keeps learning across restarts.
 */
import { BoilerplateLearner, removeLearntBoilerplate, removeRepeatedParagraphs } from '../pipeline/extract/index.ts';
import type { Logger } from '../lib/logger.ts';
import type { Repos } from '../storage/index.ts';

const STATE = 'boilerplate-learner';
/** Save the learner after this many cleaned articles (and at shutdown). */
const SAVE_EVERY = 200;

export interface ArticleCleaner {
  /** Cleans one body; `html` is the article HTML (raw or sanitized), `text` its paragraphs separated by blank lines. */
  clean(url: string, body: { text: string; html: string }): { text: string; html: string; removed: number };
  /** Persists the learner's state. */
  flush(): Promise<void>;
}

export async function createArticleCleaner(deps: { repos: Repos; logger: Logger }): Promise<ArticleCleaner> {
  const saved = await deps.repos.engineState.load(STATE);
  let learner: BoilerplateLearner;
  try {
    learner = saved ? BoilerplateLearner.fromJSON(JSON.parse(saved)) : new BoilerplateLearner();
  } catch (err) {
    deps.logger.warn({ err }, 'boilerplate learner state unreadable; starting afresh');
    learner = new BoilerplateLearner();
  }
  let unsaved = 0;
  const flush = async () => {
    if (unsaved === 0) return;
    unsaved = 0;
    await deps.repos.engineState.save(STATE, JSON.stringify(learner.toJSON()));
  };
  return {
    clean(url, body) {
      const once = removeRepeatedParagraphs(body);
      const cleaned = removeLearntBoilerplate(learner, url, once);
      if (++unsaved >= SAVE_EVERY) void flush().catch((err) => deps.logger.error({ err }, 'saving the boilerplate learner failed'));
      return { text: cleaned.text, html: cleaned.html, removed: once.removed + cleaned.removed };
    },
    flush,
  };
}
