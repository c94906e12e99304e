/**
 * Normalize stage: parsed entries → storable article fields (identity, canonical URL, dates, title) and the
 * summary-only test. Owns nothing stateful; imports only domain and lib.
 */
export { normalizeEntry, normalizeEntries, canonicalizeUrl, plainTitle, looksLikeSummary, type NormalizedEntry } from './normalize.ts';
