/**
 * Pairwise comparison of two fingerprints: how much text they share (copy or not), which one is the source of
 * the other (attribution), and how the copy was made (kind).
 */
import type { CopyFingerprint } from './fingerprint.ts';
import { intersectionSize } from './fingerprint.ts';
import { combineHash } from './hash.ts';

/** Skeleton-shingle overlap between two articles (distinct shingles). */
export interface SkeletonOverlap {
  /** Distinct shingles in both. */
  readonly shared: number;
  /** shared / min(distinct a, distinct b): Broder's containment of the smaller text in the larger (0..1). */
  readonly containment: number;
  /** shared / |a ∪ b| (0..1). */
  readonly jaccard: number;
}

/** Overlap of `b` against a prepared set of `a`'s skeleton shingles. Cost O(|b|). */
export function skeletonOverlap(aSet: ReadonlySet<number>, a: CopyFingerprint, b: CopyFingerprint): SkeletonOverlap {
  const hit = new Set<number>();
  for (let i = 0; i < b.skeleton.length; i++) {
    const h = b.skeleton[i]!;
    if (aSet.has(h)) hit.add(h);
  }
  const shared = hit.size;
  const min = Math.min(a.skeletonDistinct, b.skeletonDistinct);
  const union = a.skeletonDistinct + b.skeletonDistinct - shared;
  return { shared, containment: min ? shared / min : 0, jaccard: union ? shared / union : 0 };
}

/** Convenience: overlap of two fingerprints. */
export function compareSkeletons(a: CopyFingerprint, b: CopyFingerprint): SkeletonOverlap {
  return skeletonOverlap(new Set(a.skeleton), a, b);
}

/**
 * Share (0..1) of the smaller text's prose vocabulary (words seen in blocks of ≥ 12 words) found anywhere in the
 * other: ≈ 1 unspun, ≈ 0.6–0.9 when spun; 1 when a side has no prose. Short blocks ("Continue reading", footers)
 * are left out because copies add or drop them without spinning.
 */
export function vocabularyContainment(a: CopyFingerprint, b: CopyFingerprint): number {
  const [small, other] = proseCount(a) <= proseCount(b) ? [a, b] : [b, a];
  const n = proseCount(small);
  return n ? (n - proseDiff(small, other).length) / n : 1;
}

function proseCount(a: CopyFingerprint): number {
  let short = 0;
  for (let i = 0; i < a.shortOnly.length; i++) {
    let x = a.shortOnly[i]!;
    while (x) {
      x &= x - 1;
      short++;
    }
  }
  return a.vocabulary.length - short;
}

/**
 * Share (0..1) of `a`'s skeleton positions that repeat text `b` has fewer times, counted only in runs of at
 * least `minRun` consecutive positions (a doubled paragraph, not a stock phrase). ≈ 0.5 when `a` is `b` doubled.
 */
export function repetitionExcess(a: CopyFingerprint, b: CopyFingerprint, minRun = 5): number {
  const inB = new Map<number, number>();
  for (const h of b.skeleton) inB.set(h, (inB.get(h) ?? 0) + 1);
  const seen = new Map<number, number>();
  let run = 0;
  let excess = 0;
  for (let i = 0; i < a.skeleton.length; i++) {
    const h = a.skeleton[i]!;
    const before = seen.get(h) ?? 0;
    seen.set(h, before + 1);
    const cb = inB.get(h) ?? 0;
    if (cb > 0 && before >= cb) run++;
    else {
      if (run >= minRun) excess += run;
      run = 0;
    }
  }
  if (run >= minRun) excess += run;
  return a.skeleton.length ? excess / a.skeleton.length : 0;
}

/** Where the larger text's extra material sits relative to the shared core (positions in skeleton shingles). */
export interface ContainmentLayout {
  /** Share of the smaller's distinct shingles found in the larger (0..1). */
  readonly smallerCovered: number;
  /** Share of the larger's distinct shingles that the smaller lacks (0..1). */
  readonly largerExtra: number;
  /** Positions of the larger before its first run of shared shingles (site chrome, a lead-in). */
  readonly head: number;
  /** Positions of the larger after its last run of shared shingles (a continuation, or a footer). */
  readonly tail: number;
  /** Number of positions of the larger. */
  readonly length: number;
  /** Unshared positions of the larger between its first and last shared run (inserted material). */
  readonly interior: number;
  /** Share (0..1) of the tail's positions that lie in chrome-like blocks (footers, related links). */
  readonly tailChrome: number;
}

/** Shared-run length that marks real overlap: stock phrases match isolated shingles, copied text matches runs. */
const RUN = 5;

/** Hash of the `RUN` shingles starting at `i` (or -1 past the end). */
function runKey(seq: Uint32Array, i: number): number {
  if (i < 0 || i + RUN > seq.length) return -1;
  let h = 0x3c6ef372;
  for (let j = i; j < i + RUN; j++) h = combineHash(h, seq[j]!);
  return h;
}

/** How far into the smaller's start / before its end we look for the anchor (skips a marker such as "(...)"). */
const ANCHOR_SLACK = 8;

/**
 * Layout of `larger` against `smaller` (see ContainmentLayout). The shared core is anchored where the smaller's
 * opening (and closing) run of shingles occurs in the larger; runs of shared shingles are the fallback.
 */
export function containmentLayout(larger: CopyFingerprint, smaller: CopyFingerprint): ContainmentLayout {
  const s = new Set(smaller.skeleton);
  const n = larger.skeleton.length;
  let first = -1;
  let last = -1;
  let run = 0;
  const hit = new Set<number>();
  for (let i = 0; i < n; i++) {
    const h = larger.skeleton[i]!;
    if (s.has(h)) {
      hit.add(h);
      run++;
      if (run >= RUN) {
        if (first < 0) first = i - run + 1;
        last = i;
      }
    } else run = 0;
  }
  const m = smaller.skeleton.length;
  const startKeys = new Set<number>();
  const endKeys = new Set<number>();
  for (let j = 0; j <= ANCHOR_SLACK; j++) {
    const a = runKey(smaller.skeleton, j);
    if (a >= 0) startKeys.add(a);
    const b = runKey(smaller.skeleton, m - RUN - j);
    if (b >= 0) endKeys.add(b);
  }
  let anchorFirst = -1;
  let anchorLast = -1;
  for (let i = 0; i + RUN <= n; i++) {
    const k = runKey(larger.skeleton, i);
    if (anchorFirst < 0 && startKeys.has(k)) anchorFirst = i;
    if (endKeys.has(k)) anchorLast = i + RUN - 1;
  }
  if (anchorFirst >= 0) first = anchorFirst;
  if (anchorLast >= 0 && anchorLast >= first) last = anchorLast;
  let sharedInCore = 0;
  for (let i = Math.max(0, first); i <= last; i++) if (s.has(larger.skeleton[i]!)) sharedInCore++;
  let tailChrome = 0;
  for (let i = last + 1; i < n; i++) if ((larger.chrome[i >> 3]! >> (i & 7)) & 1) tailChrome++;
  return {
    interior: first < 0 ? 0 : last - first + 1 - sharedInCore,
    tailChrome: n - 1 - last > 0 ? tailChrome / (n - 1 - last) : 0,
    smallerCovered: smaller.skeletonDistinct ? hit.size / smaller.skeletonDistinct : 0,
    largerExtra: larger.skeletonDistinct ? 1 - hit.size / larger.skeletonDistinct : 0,
    head: first < 0 ? n : first,
    tail: last < 0 ? n : n - 1 - last,
    length: n,
  };
}

/** Document frequency of a word hash among the articles seen so far (≥ 0). */
export type DocumentFrequency = (wordHash: number) => number;

/** Whether `needle` occurs as a contiguous run inside `hay`. */
function containsRun(hay: Uint32Array, needle: Uint32Array): boolean {
  if (needle.length === 0 || needle.length > hay.length) return false;
  outer: for (let i = 0; i + needle.length <= hay.length; i++) {
    for (let j = 0; j < needle.length; j++) if (hay[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

/** Prose words of `a` (not flagged short-only) absent from `b`'s vocabulary. Both sorted ascending. */
function proseDiff(a: CopyFingerprint, b: CopyFingerprint): number[] {
  const out: number[] = [];
  const va = a.vocabulary;
  const vb = b.vocabulary;
  let j = 0;
  for (let i = 0; i < va.length; i++) {
    const x = va[i]!;
    while (j < vb.length && vb[j]! < x) j++;
    if ((j >= vb.length || vb[j] !== x) && !((a.shortOnly[i >> 3]! >> (i & 7)) & 1)) out.push(x);
  }
  return out;
}

function meanLogDf(words: readonly number[], df: DocumentFrequency): number {
  let s = 0;
  for (const w of words) s += Math.log(1 + df(w));
  return words.length ? s / words.length : 0;
}

/** Fingerprint plus the publication time (epoch ms) an attribution needs. */
export interface AttributionCandidate {
  readonly fingerprint: CopyFingerprint;
  readonly published: number;
}

/** The pieces of evidence one pairwise attribution weighed (positive = favours `a` as the source of `b`). */
export interface SourceEvidence {
  readonly repetition: number;
  readonly layout: number;
  readonly spin: number;
  readonly title: number;
  readonly time: number;
  readonly total: number;
}

/**
 * Evidence weights: text evidence (2) outweighs the clock (0.75), which feeds lie about; the title (0.5) only
 * breaks ties, since scrapers both add decorations and strip site suffixes. Dev-set attribution moves < 0.5 point
 * when the spin scale goes from 0.2 to 0.8 or the title weight from 0 to 1.
 */
const W_TEXT = 2;
const W_TITLE = 0.5;
const W_TIME = 0.75;

/**
 * Which of two texts of one family is closer to the source text. Positive total ⇒ `a` is the more original.
 * `df` should count independent writing only — articles in no copy group, outside the compared group (see
 * detector.ts) — so a farm's many copies (each re-using its thesaurus) cannot make its synonyms look common.
 * Evidence, each antisymmetric (sizes in skeleton-shingle positions):
 * - repetition: the text with doubled paragraphs is the copy;
 * - layout: when one text is (nearly) contained in the other, extra material only AFTER the shared core means the
 *   smaller one is a truncation (the larger is the source); extra material before it (site chrome, menus) or
 *   spread inside means the larger one is a wrapped copy;
 * - spin: the words only one side uses are rarer (lower document frequency among all articles seen) on the spun
 *   side — synonym spinners pick odd dictionary words ("twelvemonth" for "year"); after DSpin's observation that
 *   spun text is a noisy rewrite of one source (Zhang et al., NDSS 2014). Mean ln(1 + df) of each side's own
 *   prose words, difference scaled by 0.4 nats to ±1;
 * - title: a title that is the other's plus decoration ("UPDATE:", "- report") is the copy's (tie-breaker);
 * - time: earlier publication, weakly (clocks are skewed, scrapers backdate).
 */
export function sourceEvidence(a: AttributionCandidate, b: AttributionCandidate, df: DocumentFrequency): SourceEvidence {
  const fa = a.fingerprint;
  const fb = b.fingerprint;

  let repetition = 0;
  const ra = repetitionExcess(fa, fb);
  const rb = repetitionExcess(fb, fa);
  if (Math.abs(ra - rb) >= 0.04) repetition = ra < rb ? W_TEXT : -W_TEXT;

  let layout = 0;
  const aLarger = fa.skeletonDistinct >= fb.skeletonDistinct;
  const larger = aLarger ? fa : fb;
  const smaller = aLarger ? fb : fa;
  if (larger.skeletonDistinct >= smaller.skeletonDistinct * 1.12 && repetition === 0) {
    const l = containmentLayout(larger, smaller);
    if (l.smallerCovered >= 0.85) {
      let largerIsSource = 0;
      if (l.head >= 2) largerIsSource = -1; // material before the shared core: site chrome, so a wrapped copy
      else if (l.tail >= Math.max(8, 0.1 * l.length)) {
        // Only the end differs: a continuation (the smaller is truncated) unless it reads like a site footer.
        largerIsSource = l.tailChrome >= 0.25 ? -1 : 1;
      } else if (l.interior >= 3) largerIsSource = -0.5; // inserted boilerplate ("ADVERTISEMENT") inside
      else largerIsSource = 0;
      layout = (aLarger ? 1 : -1) * largerIsSource * W_TEXT;
    }
  }

  let spin = 0;
  const vc = vocabularyContainment(fa, fb);
  if (vc < 0.95) {
    const da = proseDiff(fa, fb);
    const db = proseDiff(fb, fa);
    if (da.length >= 3 && db.length >= 3) {
      const d = meanLogDf(da, df) - meanLogDf(db, df);
      spin = Math.max(-1, Math.min(1, d / 0.4)) * W_TEXT;
    }
  }

  let title = 0;
  if (fa.title.length < fb.title.length && containsRun(fb.title, fa.title)) title = W_TITLE;
  else if (fb.title.length < fa.title.length && containsRun(fa.title, fb.title)) title = -W_TITLE;

  const time = a.published < b.published ? W_TIME : a.published > b.published ? -W_TIME : 0;
  return { repetition, layout, spin, title, time, total: repetition + layout + spin + title + time };
}

/** How a copy was made, as told by comparing it with its original. */
export type CopyMethod =
  | 'syndicated'
  | 'truncated'
  | 'boilerplate-wrapped'
  | 'paragraphs-repeated'
  | 'spun'
  | 'spun+repeated';

/**
 * Classifies how `copy` derives from `original`: spun when < 95% of the smaller vocabulary is shared (spinners
 * swap 10–60% of words; verbatim copies share all), then repeated / truncated / wrapped by the skeleton layout,
 * otherwise syndicated (verbatim or near-verbatim).
 */
export function classifyCopy(copy: CopyFingerprint, original: CopyFingerprint): CopyMethod {
  const repeated = repetitionExcess(copy, original) >= 0.04;
  if (copy.exact === original.exact) return 'syndicated';
  if (vocabularyContainment(copy, original) < 0.95) return repeated ? 'spun+repeated' : 'spun';
  if (repeated) return 'paragraphs-repeated';
  if (original.skeletonDistinct >= copy.skeletonDistinct * 1.12) return 'truncated';
  if (copy.skeletonDistinct >= original.skeletonDistinct * 1.05 || copy.words > original.words * 1.05) {
    return 'boilerplate-wrapped';
  }
  return 'syndicated';
}
