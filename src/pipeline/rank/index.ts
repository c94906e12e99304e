/**
 * Ranking (pipeline stage `rank`): top stories per edition (language/region) by independent outlets, their
 * diversity and freshness/velocity, and the coverage summary of one story (original, outlets, countries,
 * timeline with copies collapsed).
 *
 * Owns: the top-stories formula and the coverage shape. Input is plain arrays of article summaries.
 * Must not import: storage, jobs/queue, http, config, services, other pipeline stages — it is pure (no clock either:
 * `now` is a parameter).
 */
export {
  rankTopStories,
  summarizeCoverage,
  type CoverageArticle,
  type CoverageOutlet,
  type Edition,
  type RankedStory,
  type StoryCoverage,
  type TimelineEntry,
  type TopStoriesOptions,
} from './rank.ts';
