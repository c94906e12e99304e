/**
 * Feed parsing stage: bytes of a feed document (RSS 0.9x/1.0/2.0, Atom 0.3/1.0, JSON Feed 1.0/1.1) → the
 * normalized model of src/domain/feed.ts. Owns encoding detection, the tolerant XML reader, date parsing and the
 * per-format field mapping. Pure: imports only src/domain, src/lib and npm packages — never storage, queue, http
 * or config, and never the network (URLs are metadata only; DTDs and external entities are never loaded).
 */
export { parseFeed, type ParseFeedOptions } from './parse-feed.ts';
export { parseFeedOffThread, OFF_THREAD_BYTES } from './off-thread.ts';
export { parseFeedDate } from './dates.ts';
export { decodeFeedBytes, type DecodedText } from './encoding.ts';
