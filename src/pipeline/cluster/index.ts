/**
 * Story clustering (pipeline stage `cluster`): groups articles into stories online — each new article, in arrival
 * order, joins a recent story or starts one — links stories into storylines, ranks related stories, and repairs
 * (merges / splits) with stable ids through redirects.
 *
 * Owns: tokenisation and language guessing for clustering, the per-view TF-IDF vectors with online IDF, the join
 * model and its coefficients, the inverted index over live stories, the serializable clusterer state.
 * Must not import: storage, jobs/queue, http, config, services — it is pure (text in, values out). Ingest persists
 * `toJSON()` and passes redirects/moves on to the store.
 */
export {
  createStoryClusterer,
  DEFAULT_CLUSTER_OPTIONS,
  DEFAULT_JOIN_MODEL,
  type ClusterArticle,
  type JoinFeatures,
  type JoinModel,
  type JoinTeacher,
  type RelatedStory,
  type StoryAssignment,
  type StoryClusterer,
  type StoryClustererOptions,
  type StoryClustererState,
  type StoryRepair,
  type StorySnapshot,
} from './clusterer.ts';
export { arrivalOrder, clusterCorpus, type ReplayOptions, type ReplayResult } from './replay.ts';
export {
  contentTerms, detectLanguage, languageScope, languagesCompatible, nameTerms, normalizeLanguageTag, numberTerms, segmentWords,
  UNDETERMINED_LATIN,
} from './text.ts';
