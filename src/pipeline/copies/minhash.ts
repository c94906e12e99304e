/**
 * MinHash (Broder, "On the resemblance and containment of documents", 1997) over the skeleton shingle set and
 * LSH band keys (Indyk & Motwani 1998; Leskovec, Rajaraman & Ullman, *Mining of Massive Datasets* ch. 3).
 *
 * Bands have ONE row each (r = 1): a truncated copy keeping 25% of its original has Jaccard ≈ 0.25 with it, and
 * with b = 48 single-row bands the chance of sharing no key is 0.75^48 ≈ 1e-6, while two-row bands would miss
 * it about 4% of the time. The price is more chance candidates, which the containment check rejects cheaply and
 * whose number the store bounds by capping bucket size.
 */
import { fmix32 } from './hash.ts';
import type { CopyFingerprint } from './fingerprint.ts';

/** Number of MinHash functions = number of LSH bands (one row per band). */
export const MINHASH_BANDS = 48;

// Fixed seeds: keys must be identical across processes and versions (they live in the index rebuilt at start).
const SEEDS: Uint32Array = (() => {
  const s = new Uint32Array(MINHASH_BANDS);
  let x = 0x9e3779b9;
  for (let i = 0; i < s.length; i++) {
    x = fmix32(x + 0x6d2b79f5);
    s[i] = x;
  }
  return s;
})();

/**
 * MinHash signature of a set of unsigned 32-bit hashes: for each seeded hash function h_i(x) = fmix32(x ⊕ seed_i),
 * the minimum over the set. Empty set → all 0xffffffff.
 */
export function minhashSignature(values: Uint32Array): Uint32Array {
  const sig = new Uint32Array(MINHASH_BANDS).fill(0xffffffff);
  for (let v = 0; v < values.length; v++) {
    const x = values[v]!;
    for (let i = 0; i < MINHASH_BANDS; i++) {
      const h = fmix32(x ^ SEEDS[i]!);
      if (h < sig[i]!) sig[i] = h;
    }
  }
  return sig;
}

/**
 * Index keys of a fingerprint: one key per LSH band (band number mixed in, so bands never collide) plus one key
 * for the exact hash. Unsigned 32-bit integers; two articles sharing any key become candidates of each other.
 */
export function indexKeys(fp: CopyFingerprint): number[] {
  const keys: number[] = [];
  if (fp.skeleton.length > 0) {
    const sig = minhashSignature(fp.skeleton);
    for (let i = 0; i < sig.length; i++) keys.push(fmix32(sig[i]! + Math.imul(i + 1, 0x27d4eb2d)));
  }
  keys.push(fmix32(parseInt(fp.exact.slice(0, 8), 16) ^ 0x5bd1e995));
  return keys;
}
