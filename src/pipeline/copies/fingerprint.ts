/**
 * Per-article fingerprints for copy detection, and their compact serialization.
 *
 * An article gets: an exact hash (normalized word stream), a 64-bit SimHash (Charikar, STOC 2002) over word
 * 3-shingles, the ordered skeleton shingles (spin-resistant, see tokenize.ts; within sentences, so resistant to
 * sentence reordering too), the sorted content vocabulary
 * (to tell spun from unspun and which side was spun), the title's word hashes, and a self-repetition ratio.
 * MinHash signatures and LSH band keys (Broder 1997; Indyk & Motwani 1998) are derived from the skeleton
 * shingles on demand (see minhash.ts), so they are never stored.
 */
import { combineHash, fmix32, hashString, hashString64Hex, hex32 } from './hash.ts';
import { isContentWord, skeletonToken, tokenize } from './tokenize.ts';

/** Skeleton shingle length in skeleton tokens. Short enough that a spun function word breaks few shingles. */
export const SKELETON_SHINGLE = 5;
/** Skeleton n-gram length used to measure self-repetition (long enough to be rare in ordinary prose). */
const REPEAT_SHINGLE = 10;
/** Skeleton token that opens every sentence, so a sentence's first shingle records where the sentence starts. */
const SENTENCE_START = hashString('<s>');
/**
 * Fingerprint format version; bump when any field's meaning changes (stored fingerprints are then rebuilt).
 * 2: skeleton shingles stop at sentence ends.
 */
export const FINGERPRINT_VERSION = 2;

/** The in-memory fingerprint of one article. Typed arrays hold unsigned 32-bit hashes. */
export interface CopyFingerprint {
  /** 64-bit hash (16 hex) of the lower-cased word/number stream; equal ⇒ verbatim copy. */
  readonly exact: string;
  /** 64-bit SimHash (16 hex) over word 3-shingles. */
  readonly simhash: string;
  /**
   * Skeleton shingle hashes in text order (repeats kept, so positions and repetition can be read). Each sentence
   * is shingled on its own, after a sentence-start token; a sentence shorter than a shingle gives one shingle.
   */
  readonly skeleton: Uint32Array;
  /** Sorted unique hashes of content words (≥ 3 letters, not function words). */
  readonly vocabulary: Uint32Array;
  /**
   * Bitset over `vocabulary` indexes: the word occurs only in short blocks (< 12 words: footers, share bars,
   * menus, one-line paragraphs), which would pollute the which-side-was-spun evidence.
   */
  readonly shortOnly: Uint8Array;
  /** Title word hashes in order. */
  readonly title: Uint32Array;
  /** Number of distinct values in `skeleton` (the set size used by containment). */
  readonly skeletonDistinct: number;
  /** Number of word/number tokens in the text. */
  readonly words: number;
  /**
   * Bitset over `skeleton` positions (bit i of byte i>>3): the shingle starts in a chrome-like block — a line of
   * fewer than 12 words that does not end a sentence (menus, "Share this:", related-link headlines, © lines),
   * after the block-length and punctuation cues of boilerplate detection (Kohlschütter et al., WSDM 2010).
   */
  readonly chrome: Uint8Array;
  /** Share (0..1) of the text's long skeleton n-grams that already occurred earlier in it (doubled paragraphs). */
  readonly repetition: number;
}

/** Minimal article shape the fingerprint needs. */
export interface FingerprintInput {
  readonly title: string;
  readonly text: string;
}

/**
 * Computes the fingerprint of an article's title and plain text (HTML must already be stripped).
 * Cost is linear in the text length; never throws.
 */
export function computeFingerprint(article: FingerprintInput): CopyFingerprint {
  const wordNorms: string[] = [];
  const skel: number[] = [];
  const shingles: number[] = [];
  const shingleChrome: boolean[] = [];
  const vocab = new Map<number, boolean>(); // word hash → seen in a prose block
  // Skeleton shingles never cross a sentence end (. ? !), so reordered, dropped, inserted or repeated sentences
  // leave every other sentence's shingles intact. Block breaks do not end a sentence: scrapers re-flow paragraphs
  // (a dateline line merged into the first sentence must not change it).
  let sentence: number[] = [SENTENCE_START];
  let sentenceChrome: boolean[] = [false];
  const endSentence = (): void => {
    if (sentence.length > 1) {
      const hs = shingleHashes(sentence, SKELETON_SHINGLE);
      for (let i = 0; i < hs.length; i++) {
        shingles.push(hs[i]!);
        shingleChrome.push(sentenceChrome[i]!);
      }
    }
    sentence = [SENTENCE_START];
    sentenceChrome = [false];
  };
  for (const block of article.text.split(/\n+/)) {
    const tokens = tokenize(block);
    if (tokens.length === 0) continue;
    const words = tokens.filter((t) => t.kind !== 'punct').length;
    const endsSentence = /[.!?"')\]…]\s*$/.test(block);
    const chromeLike = words < 12 && !endsSentence;
    for (const t of tokens) {
      if (t.kind !== 'punct') wordNorms.push(t.norm);
      const s = skeletonToken(t);
      if (s !== null) {
        const h = hashString(s);
        skel.push(h);
        if (sentence.length === 1) sentenceChrome[0] = chromeLike; // the opening shingle starts in this block
        sentence.push(h);
        sentenceChrome.push(chromeLike);
        if (t.norm === '.' || t.norm === '?' || t.norm === '!') endSentence();
      }
      if (isContentWord(t)) {
        const h = hashString(t.norm);
        if (!vocab.get(h)) vocab.set(h, words >= 12);
      }
    }
  }
  endSentence();
  const skeleton = Uint32Array.from(shingles);
  const chrome = new Uint8Array(Math.ceil(skeleton.length / 8));
  for (let i = 0; i < skeleton.length; i++) if (shingleChrome[i]) chrome[i >> 3]! |= 1 << (i & 7);
  const long = shingleHashes(skel, REPEAT_SHINGLE);
  const seen = new Set<number>();
  let repeated = 0;
  for (const h of long) {
    if (seen.has(h)) repeated++;
    else seen.add(h);
  }
  const vocabulary = Uint32Array.from([...vocab.keys()].sort((a, b) => a - b));
  const shortOnly = new Uint8Array(Math.ceil(vocabulary.length / 8));
  for (let i = 0; i < vocabulary.length; i++) if (!vocab.get(vocabulary[i]!)) shortOnly[i >> 3]! |= 1 << (i & 7);
  const title = Uint32Array.from(
    tokenize(article.title).filter((t) => t.kind !== 'punct').map((t) => hashString(t.norm)),
  );
  return {
    exact: hashString64Hex(wordNorms.join(' ')),
    simhash: simhash64(wordNorms),
    skeleton,
    vocabulary,
    shortOnly,
    title,
    chrome,
    skeletonDistinct: new Set(skeleton).size,
    words: wordNorms.length,
    repetition: long.length ? repeated / long.length : 0,
  };
}

/** Hashes of the contiguous k-grams of a hash sequence (one per start position; a short text gives one). */
export function shingleHashes(seq: readonly number[], k: number): Uint32Array {
  if (seq.length === 0) return new Uint32Array(0);
  const n = Math.max(1, seq.length - k + 1);
  const out = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    let h = 0x2545f491;
    for (let j = i; j < Math.min(seq.length, i + k); j++) h = combineHash(h, seq[j]!);
    out[i] = h;
  }
  return out;
}

/** 64-bit SimHash (Charikar 2002) of word 3-shingles, as 16 hex digits. */
function simhash64(words: readonly string[]): string {
  const acc = new Int32Array(64);
  const wh = words.map((w) => hashString(w));
  const grams = Math.max(wh.length - 2, wh.length > 0 ? 1 : 0);
  for (let i = 0; i < grams; i++) {
    let g = 0x1b873593;
    for (let j = i; j < Math.min(wh.length, i + 3); j++) g = combineHash(g, wh[j]!);
    const lo = g;
    const hi = fmix32(g ^ 0x5bd1e995);
    for (let b = 0; b < 32; b++) {
      acc[b]! += ((lo >>> b) & 1) * 2 - 1;
      acc[b + 32]! += ((hi >>> b) & 1) * 2 - 1;
    }
  }
  let lo = 0;
  let hi = 0;
  for (let b = 0; b < 32; b++) {
    if (acc[b]! > 0) lo |= 1 << b;
    if (acc[b + 32]! > 0) hi |= 1 << b;
  }
  return hex32(hi >>> 0) + hex32(lo >>> 0);
}

/** Hamming distance (0..64) between two 16-hex-digit SimHashes. */
export function simhashDistance(a: string, b: string): number {
  let d = 0;
  for (let i = 0; i < 16; i += 8) {
    let x = (parseInt(a.slice(i, i + 8), 16) ^ parseInt(b.slice(i, i + 8), 16)) >>> 0;
    while (x) {
      x &= x - 1;
      d++;
    }
  }
  return d;
}

/** JSON-safe form of a fingerprint (typed arrays as little-endian base64), for a database column. */
export interface SerializedFingerprint {
  v: number;
  exact: string;
  simhash: string;
  skeleton: string;
  vocabulary: string;
  shortOnly: string;
  title: string;
  chrome: string;
  words: number;
  repetition: number;
}

/** Serializes a fingerprint to plain JSON-safe values (≈ 5.4 bytes of base64 per stored hash). */
export function serializeFingerprint(fp: CopyFingerprint): SerializedFingerprint {
  return {
    v: FINGERPRINT_VERSION,
    exact: fp.exact,
    simhash: fp.simhash,
    skeleton: u32ToBase64(fp.skeleton),
    vocabulary: u32ToBase64(fp.vocabulary),
    shortOnly: Buffer.from(fp.shortOnly).toString('base64'),
    title: u32ToBase64(fp.title),
    chrome: Buffer.from(fp.chrome).toString('base64'),
    words: fp.words,
    repetition: fp.repetition,
  };
}

/**
 * Restores a fingerprint from `serializeFingerprint` output. Returns null for another format version (the caller
 * recomputes from the article text).
 */
export function deserializeFingerprint(s: SerializedFingerprint): CopyFingerprint | null {
  if (s.v !== FINGERPRINT_VERSION) return null;
  return {
    exact: s.exact,
    simhash: s.simhash,
    skeleton: base64ToU32(s.skeleton),
    vocabulary: base64ToU32(s.vocabulary),
    shortOnly: new Uint8Array(Buffer.from(s.shortOnly, 'base64')),
    title: base64ToU32(s.title),
    chrome: new Uint8Array(Buffer.from(s.chrome, 'base64')),
    skeletonDistinct: new Set(base64ToU32(s.skeleton)).size,
    words: s.words,
    repetition: s.repetition,
  };
}

function u32ToBase64(a: Uint32Array): string {
  const le = new Uint8Array(a.length * 4);
  const dv = new DataView(le.buffer);
  for (let i = 0; i < a.length; i++) dv.setUint32(i * 4, a[i]!, true);
  return Buffer.from(le).toString('base64');
}

function base64ToU32(s: string): Uint32Array {
  const b = Buffer.from(s, 'base64');
  const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const out = new Uint32Array(Math.floor(b.byteLength / 4));
  for (let i = 0; i < out.length; i++) out[i] = dv.getUint32(i * 4, true);
  return out;
}

/** Unique values of a hash array, sorted ascending. */
export function uniqueSorted(a: Uint32Array): Uint32Array {
  const s = Uint32Array.from(a).sort();
  let n = 0;
  for (let i = 0; i < s.length; i++) if (i === 0 || s[i] !== s[i - 1]) s[n++] = s[i]!;
  return s.subarray(0, n);
}

/** Size of the intersection of two ascending-sorted unique arrays. */
export function intersectionSize(a: Uint32Array, b: Uint32Array): number {
  let i = 0;
  let j = 0;
  let n = 0;
  while (i < a.length && j < b.length) {
    const x = a[i]!;
    const y = b[j]!;
    if (x === y) {
      n++;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return n;
}



/** Header words of a packed fingerprint (see packFingerprint). */
const PACK_HEADER = 12;

/**
 * Packs a fingerprint into ONE Uint32Array (header, skeleton, vocabulary, title, then the two bitsets), so a store
 * holds one heap object per article instead of six; `unpackFingerprint` returns views into it (no copy).
 * Layout: [skeleton length, vocabulary length, title length, chrome bytes, shortOnly bytes, skeletonDistinct,
 * words, repetition·2^32 (floored), exact hi, exact lo, simhash hi, simhash lo, …data].
 */
export function packFingerprint(fp: CopyFingerprint): Uint32Array {
  const bitBytes = fp.chrome.length + fp.shortOnly.length;
  const n = PACK_HEADER + fp.skeleton.length + fp.vocabulary.length + fp.title.length + Math.ceil(bitBytes / 4);
  const out = new Uint32Array(n);
  out.set([
    fp.skeleton.length, fp.vocabulary.length, fp.title.length, fp.chrome.length, fp.shortOnly.length,
    fp.skeletonDistinct, fp.words, Math.min(0xffffffff, Math.floor(fp.repetition * 2 ** 32)),
    parseInt(fp.exact.slice(0, 8), 16), parseInt(fp.exact.slice(8), 16),
    parseInt(fp.simhash.slice(0, 8), 16), parseInt(fp.simhash.slice(8), 16),
  ]);
  let o = PACK_HEADER;
  out.set(fp.skeleton, o);
  o += fp.skeleton.length;
  out.set(fp.vocabulary, o);
  o += fp.vocabulary.length;
  out.set(fp.title, o);
  o += fp.title.length;
  const bytes = new Uint8Array(out.buffer, o * 4, bitBytes);
  bytes.set(fp.chrome, 0);
  bytes.set(fp.shortOnly, fp.chrome.length);
  return out;
}

/** Views a packed fingerprint (see packFingerprint) as a CopyFingerprint; shares the buffer. */
export function unpackFingerprint(p: Uint32Array): CopyFingerprint {
  const [sl, vl, tl, cb, sb, distinct, words, rep, e1, e2, s1, s2] = p;
  let o = p.byteOffset / 4 + PACK_HEADER;
  const view = (len: number) => {
    const v = new Uint32Array(p.buffer, o * 4, len);
    o += len;
    return v;
  };
  const skeleton = view(sl!);
  const vocabulary = view(vl!);
  const title = view(tl!);
  return {
    exact: hex32(e1!) + hex32(e2!),
    simhash: hex32(s1!) + hex32(s2!),
    skeleton,
    vocabulary,
    shortOnly: new Uint8Array(p.buffer, o * 4 + cb!, sb!),
    title,
    chrome: new Uint8Array(p.buffer, o * 4, cb!),
    skeletonDistinct: distinct!,
    words: words!,
    repetition: rep! / 2 ** 32,
  };
}
