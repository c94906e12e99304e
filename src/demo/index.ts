// The offline demo: owns the bundled corpus format (data/demo/corpus.jsonl.gz) and the local feed server that
// replays it as 100+ news sites on 127.0.0.1 (RSS 2.0 / Atom 1.0 / JSON Feed 1.1, summary-only feeds with article
// pages in site chrome, and the hard cases: legacy formats, odd encodings, 301, 410, 429, 500).
// Not a pipeline stage: it may import hono, but nothing from pipeline/, storage/, services/ or http/ — it stands in
// for the outside world, so it must not share code with the engine that reads it.

export { startDemoFeedServer, createDateShift, type DemoFeedServer, type DemoFeedServerOptions } from './server.ts';
export {
  loadDemoCorpus,
  defaultDemoCorpusPath,
  type DemoFeed,
  type DemoArticle,
  type DemoFeedFormat,
  type DemoFeedEncoding,
  type DemoFeedRole,
} from './corpus.ts';
export { NEWSDESK_OPML_NS } from './render.ts';
