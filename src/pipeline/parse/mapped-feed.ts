/** What each wire-format mapper (RSS/RDF, Atom, JSON Feed) returns; parse-feed.ts adds the encoding. */
import type { FeedFormat, ParsedEntry, ParsedFeedMeta } from '../../domain/feed.ts';

export interface MappedFeed {
  format: FeedFormat;
  feed: ParsedFeedMeta;
  entries: ParsedEntry[];
}
