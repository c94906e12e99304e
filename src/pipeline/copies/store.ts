/**
 * Where fingerprints live while the detector runs: a small interface (put / get / candidates by index key) and an
 * in-memory implementation. A database-backed deployment stores `SerializedFingerprint` per article and rebuilds
 * this index at worker start (`createCopyDetector(...).restore(...)`), so the detector stays synchronous.
 */
import { packFingerprint, unpackFingerprint } from './fingerprint.ts';
import type { CopyFingerprint } from './fingerprint.ts';
import { fmix32 } from './hash.ts';

/** One stored article: identity, provenance and fingerprint. `published` is epoch milliseconds. */
export interface StoredArticle {
  readonly id: string;
  readonly source: string;
  readonly url: string;
  readonly published: number;
  readonly fingerprint: CopyFingerprint;
}

/** The index the detector needs. Keys are unsigned 32-bit integers (see minhash.ts `indexKeys`). */
export interface FingerprintStore {
  /** Stores (or replaces) an article and files it under `keys` (may be empty: stored, but never a candidate). */
  put(article: StoredArticle, keys: readonly number[]): void;
  get(id: string): StoredArticle | undefined;
  /**
   * Ids filed under any of `keys`, with the number of those keys each shares (≥ 1). Implementations may skip
   * over-full buckets (a key shared by very many articles carries no evidence), which bounds the cost per lookup
   * independently of the store size.
   */
  candidates(keys: readonly number[]): Map<string, number>;
  readonly size: number;
}

/**
 * Default cap on one bucket: past it the key is treated as a stop-key (SpotSigs-style document-frequency cut).
 * A copy shares ≈ J·48 keys with its original, so losing the few that are common shingles costs no recall.
 */
export const DEFAULT_BUCKET_CAP = 16;

/**
 * In-memory store. The index is an open-addressing multimap in typed arrays (one slot per posting: key, article
 * number; linear probing, load ≤ 0.5), about 16 bytes per posting instead of ~50 for JS Map entries. A key whose
 * bucket reaches the cap becomes a stop-key: its postings are ignored by lookups and it takes no more.
 */
export class InMemoryFingerprintStore implements FingerprintStore {
  // Column layout, one packed typed array per article: few heap objects, so GC cost stays flat at 1 M articles.
  private readonly ids: string[] = [];
  private readonly sources: string[] = [];
  private readonly urls: string[] = [];
  private readonly published: number[] = [];
  private readonly packed: Uint32Array[] = [];
  private readonly sourceNames = new Map<string, string>();
  private readonly byId = new Map<string, number>();
  private keys = new Uint32Array(1 << 12);
  /** Article number + 1 per slot; 0 = empty. */
  private vals = new Int32Array(1 << 12);
  private used = 0;
  private readonly full = new Set<number>();

  constructor(private readonly bucketCap = DEFAULT_BUCKET_CAP) {}

  get size(): number {
    return this.byId.size;
  }

  /** Bytes held by the index arrays (for memory reports). */
  get indexBytes(): number {
    return this.keys.byteLength + this.vals.byteLength;
  }

  put(article: StoredArticle, keys: readonly number[]): void {
    let n = this.byId.get(article.id);
    if (n === undefined) {
      n = this.ids.length;
      this.byId.set(article.id, n);
    }
    let source = this.sourceNames.get(article.source);
    if (source === undefined) this.sourceNames.set(article.source, (source = article.source));
    this.ids[n] = article.id;
    this.sources[n] = source;
    this.urls[n] = article.url;
    this.published[n] = article.published;
    this.packed[n] = packFingerprint(article.fingerprint);
    for (const k of keys) this.insert(k >>> 0, n);
  }

  private insert(k: number, n: number): void {
    if (this.full.has(k)) return;
    if ((this.used + 1) * 2 > this.vals.length) this.grow();
    const mask = this.vals.length - 1;
    let i = fmixSlot(k) & mask;
    let count = 0;
    while (this.vals[i] !== 0) {
      if (this.keys[i] === k) {
        if (this.vals[i] === n + 1) return; // already filed
        count++;
      }
      i = (i + 1) & mask;
    }
    if (count >= this.bucketCap) {
      this.full.add(k);
      return;
    }
    this.keys[i] = k;
    this.vals[i] = n + 1;
    this.used++;
  }

  private grow(): void {
    const oldK = this.keys;
    const oldV = this.vals;
    this.keys = new Uint32Array(oldK.length * 2);
    this.vals = new Int32Array(oldV.length * 2);
    const mask = this.vals.length - 1;
    for (let j = 0; j < oldV.length; j++) {
      const v = oldV[j]!;
      if (v === 0) continue;
      let i = fmixSlot(oldK[j]!) & mask;
      while (this.vals[i] !== 0) i = (i + 1) & mask;
      this.keys[i] = oldK[j]!;
      this.vals[i] = v;
    }
  }

  get(id: string): StoredArticle | undefined {
    const n = this.byId.get(id);
    if (n === undefined) return undefined;
    return {
      id: this.ids[n]!,
      source: this.sources[n]!,
      url: this.urls[n]!,
      published: this.published[n]!,
      fingerprint: unpackFingerprint(this.packed[n]!),
    };
  }

  candidates(keys: readonly number[]): Map<string, number> {
    const hits = new Map<number, number>();
    const mask = this.vals.length - 1;
    for (const key of keys) {
      const k = key >>> 0;
      if (this.full.has(k)) continue;
      let i = fmixSlot(k) & mask;
      while (this.vals[i] !== 0) {
        if (this.keys[i] === k) {
          const n = this.vals[i]! - 1;
          hits.set(n, (hits.get(n) ?? 0) + 1);
        }
        i = (i + 1) & mask;
      }
    }
    const out = new Map<string, number>();
    for (const [n, h] of hits) out.set(this.ids[n]!, h);
    return out;
  }
}

/** Slot hash: keys are already well mixed, but callers may pass small integers (tests), so mix again. */
function fmixSlot(k: number): number {
  return fmix32(k ^ 0x7f4a7c15);
}
