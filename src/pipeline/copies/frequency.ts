/**
 * Word document frequencies in bounded memory: a count-min sketch (Cormode & Muthukrishnan, J. Algorithms 2005).
 * Estimates never undercount; overcounts are rare at this width for news vocabularies (≤ a few million types).
 */
import { fmix32 } from './hash.ts';

export class CountMinSketch {
  private readonly rows: Uint32Array[];
  private readonly mask: number;

  /** `log2Width` bits per row (width 2^log2Width counters), `depth` rows. Memory = 4 · depth · width bytes. */
  constructor(log2Width = 18, depth = 3) {
    this.mask = (1 << log2Width) - 1;
    this.rows = Array.from({ length: depth }, () => new Uint32Array(1 << log2Width));
  }

  /** Adds one occurrence of each (already distinct) key. */
  addAll(keys: Uint32Array): void {
    for (let i = 0; i < keys.length; i++) {
      const k = keys[i]!;
      for (let r = 0; r < this.rows.length; r++) {
        const row = this.rows[r]!;
        const j = fmix32(k ^ Math.imul(r + 1, 0x9e3779b1)) & this.mask;
        row[j] = row[j]! + 1;
      }
    }
  }

  /**
   * Removes one occurrence of each key previously passed to `addAll` (the turnstile model: as long as only added
   * keys are removed, estimates still never undercount). Counters stop at 0.
   */
  removeAll(keys: Uint32Array): void {
    for (let i = 0; i < keys.length; i++) {
      const k = keys[i]!;
      for (let r = 0; r < this.rows.length; r++) {
        const row = this.rows[r]!;
        const j = fmix32(k ^ Math.imul(r + 1, 0x9e3779b1)) & this.mask;
        if (row[j]! > 0) row[j] = row[j]! - 1;
      }
    }
  }

  /** Estimated count of `key` (min over rows). */
  estimate(key: number): number {
    let m = Infinity;
    for (let r = 0; r < this.rows.length; r++) {
      const v = this.rows[r]![fmix32(key ^ Math.imul(r + 1, 0x9e3779b1)) & this.mask]!;
      if (v < m) m = v;
    }
    return m === Infinity ? 0 : m;
  }

  /** Bytes held by the counters. */
  get bytes(): number {
    return this.rows.reduce((s, r) => s + r.byteLength, 0);
  }
}
