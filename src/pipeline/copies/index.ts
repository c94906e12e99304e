/**
 * Copies stage: finds duplicate, syndicated, truncated, boilerplate-wrapped, paragraph-repeated and synonym-spun
 * copies of an article across sources, and credits the original (the source text of the group).
 *
 * Owns: article fingerprints (exact hash, SimHash, MinHash/LSH keys, spin-resistant skeleton shingles) and their
 * serialization, the fingerprint store interface with an in-memory implementation, the copy decision, the
 * attribution of each group's original (with re-attribution when a later article is the true original), and the
 * copy kind. Pure: text in, values out. Must not import storage, jobs, http, services or config — ingest persists
 * `CopyDetection.fingerprint` and the verdicts, and rebuilds the detector with `restore` at worker start.
 *
 * Use from ingest (one detector per process that ingests; articles in arrival order):
 *   const detector = createCopyDetector();            // at start:
 *   detector.restore(rows);                            // { id, source, url, published, fingerprint, copyOf, kind, updateOf }
 *   const { verdict, reattributed, fingerprint } = detector.detect(article);
 *   // store `fingerprint` (JSON) + verdict.copyOf/kind/updateOf on the article row, then write each of
 *   // `reattributed` to its row: a later article may be the group's true original and re-point earlier ones.
 *
 * Kinds (CopyVerdict.kind): "original" (has copies), "syndicated" (verbatim or near), "truncated" (a prefix),
 * "boilerplate-wrapped" (inside another site's chrome), "paragraphs-repeated", "spun", "spun+repeated",
 * "update" (same source or URL: a revision, not a copy; `updateOf` names the revised article), null (none).
 */
export { createCopyDetector, detectCopies, toEpochMs } from './detector.ts';
export type {
  CopyArticle,
  CopyDetection,
  CopyDetector,
  CopyDetectorOptions,
  CopyKind,
  CopyVerdict,
  RestoredArticle,
} from './detector.ts';
export { computeFingerprint, serializeFingerprint, deserializeFingerprint, simhashDistance, FINGERPRINT_VERSION } from './fingerprint.ts';
export type { CopyFingerprint, FingerprintInput, SerializedFingerprint } from './fingerprint.ts';
export { classifyCopy, compareSkeletons, sourceEvidence, vocabularyContainment } from './compare.ts';
export type { CopyMethod, SkeletonOverlap, SourceEvidence } from './compare.ts';
export { indexKeys, minhashSignature, MINHASH_BANDS } from './minhash.ts';
export { InMemoryFingerprintStore, DEFAULT_BUCKET_CAP } from './store.ts';
export type { FingerprintStore, StoredArticle } from './store.ts';
