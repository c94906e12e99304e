/** Discover stage: feed URLs advertised by (or guessed for) an HTML page. Pure; imports only linkedom. */
export { discoverFeeds, COMMON_FEED_PATHS, type FeedCandidate } from './discover.ts';
