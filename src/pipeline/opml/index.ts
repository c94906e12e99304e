/** OPML stage: subscription lists in and out (pure; strict XML, no DTDs). Imports only domain and saxes. */
export { parseOpml, buildOpml, MAX_OPML_BYTES, type OpmlFeed, type OpmlExportFeed } from './opml.ts';
