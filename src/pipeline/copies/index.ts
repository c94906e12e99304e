/**
 * Copies stage: finds duplicate, syndicated, truncated, boilerplate-wrapped, paragraph-repeated and synonym-spun
 * copies of an article across sources, and credits the original (the source text of the group).
 *
 * Owns: article fingerprints (exact hash, SimHash, MinHash/LSH keys, spin-resistant skeleton shingles) and their
 * serialization, the fingerprint store interface with an in-memory implementation, the copy decision, the
 * attribution of each group's original (with re-attribution when a later article is the true original), and the
 * copy kind. Pure: text in, values out. Must not import storage, jobs, http, services or config — ingest persists
 * `CopyDetection.fingerprint` and the verdicts, and rebuilds the detector with `restore` at worker start.
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
