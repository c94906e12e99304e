/**
 * Where fingerprints live while the detector runs: a small interface (put / get / candidates by index key) and an
 * in-memory implementation. A database-backed deployment stores `SerializedFingerprint` per article and rebuilds
 * this index at worker start (`createCopyDetector(...).restore(...)`), so the detector stays synchronous.
 */
import type { CopyFingerprint } from './fingerprint.ts';

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
   * Ids filed under any of `keys`, each once. Implementations may skip over-full buckets (a key shared by very
   * many articles carries no evidence), which bounds the cost per lookup independently of the store size.
   */
  candidates(keys: readonly number[]): string[];
  readonly size: number;
}

/** Default cap on one bucket: past it the key is treated as a stop-key (SpotSigs-style document-frequency cut). */
export const DEFAULT_BUCKET_CAP = 64;

/**
 * In-memory store. Buckets map a key to article numbers (int32), one JS Map per key residue so no single Map nears
 * V8's ~16.7 M entry limit. A full bucket stops growing and is ignored by lookups.
 */
export class InMemoryFingerprintStore implements FingerprintStore {
  private readonly articles: StoredArticle[] = [];
  private readonly byId = new Map<string, number>();
  private readonly shards: Map<number, number | number[]>[];
  private readonly full = new Set<number>();

  constructor(private readonly bucketCap = DEFAULT_BUCKET_CAP, shardCount = 64) {
    this.shards = Array.from({ length: shardCount }, () => new Map());
  }

  get size(): number {
    return this.byId.size;
  }

  put(article: StoredArticle, keys: readonly number[]): void {
    let n = this.byId.get(article.id);
    if (n === undefined) {
      n = this.articles.length;
      this.articles.push(article);
      this.byId.set(article.id, n);
    } else {
      this.articles[n] = article;
    }
    for (const k of keys) {
      if (this.full.has(k)) continue;
      const shard = this.shards[k % this.shards.length]!;
      const b = shard.get(k);
      if (b === undefined) shard.set(k, n);
      else if (typeof b === 'number') {
        if (b !== n) shard.set(k, [b, n]);
      } else if (!b.includes(n)) {
        if (b.length >= this.bucketCap) {
          shard.delete(k);
          this.full.add(k);
        } else b.push(n);
      }
    }
  }

  get(id: string): StoredArticle | undefined {
    const n = this.byId.get(id);
    return n === undefined ? undefined : this.articles[n];
  }

  candidates(keys: readonly number[]): string[] {
    const seen = new Set<number>();
    for (const k of keys) {
      const b = this.shards[k % this.shards.length]!.get(k);
      if (b === undefined) continue;
      if (typeof b === 'number') seen.add(b);
      else for (const n of b) seen.add(n);
    }
    return [...seen].map((n) => this.articles[n]!.id);
  }
}
