/**
 * Article extraction (pipeline stage "extract"): HTML page → main article (metadata, text, simple HTML), plus the
 * cleaning steps that follow it — repeated-paragraph removal and the per-host boilerplate learner.
 * Owns: charset decoding of pages, content/boilerplate detection, metadata (title, byline, date, language, site).
 * Must not import: storage, jobs/queue, http, config, services (pure stage: text/bytes in, values out). HTML
 * sanitizing belongs to pipeline/sanitize; fetching to pipeline/fetch.
 */
export { extractArticle, MAX_DOM_DEPTH, MAX_INPUT_SIZE, MAX_MARKUP_CHARS } from './extract.ts';
export type { ExtractedArticle, ExtractOptions, ExtractFailure, ExtractFailureKind, ExtractResult } from './extract.ts';
export { decodeHtml } from './decode.ts';
export type { DecodedHtml } from './decode.ts';
export { parseDate, dateFromUrl } from './metadata.ts';
export { dedupeParagraphs, dedupeParagraphIndices, paragraphKey, removeRepeatedParagraphs } from './repeated.ts';
export { BoilerplateLearner, removeLearntBoilerplate, fingerprint } from './boilerplate-learner.ts';
export type { BoilerplateLearnerOptions, BoilerplateState, CleanedArticleBody } from './boilerplate-learner.ts';
