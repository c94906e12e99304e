/**
 * Small, fast, deterministic 32-bit hashing used by every fingerprint. Values are unsigned 32-bit integers.
 * FNV-1a (Fowler, Noll, Vo) over UTF-16 code units, then MurmurHash3's fmix32 finalizer (Appleby 2011) so that
 * nearby strings spread over all bits — MinHash and band keys need well-mixed bits.
 */

/** FNV-1a 32-bit of a string, finalized with fmix32. Returns an unsigned 32-bit integer. */
export function hashString(s: string, seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return fmix32(h);
}

/** MurmurHash3 fmix32 finalizer (avalanche): unsigned 32-bit in, unsigned 32-bit out. */
export function fmix32(x: number): number {
  let h = x >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Combines a running 32-bit hash with one more 32-bit value (order-sensitive). */
export function combineHash(h: number, v: number): number {
  return fmix32((Math.imul(h ^ 0x9e3779b9, 0x01000193) + v) >>> 0);
}

/** 64-bit hash of a string as 16 hex digits (two independently seeded 32-bit halves). */
export function hashString64Hex(s: string): string {
  return hex32(hashString(s, 0x811c9dc5)) + hex32(hashString(s, 0x050c5d1f));
}

/** An unsigned 32-bit integer as 8 lower-case hex digits. */
export function hex32(x: number): string {
  return (x >>> 0).toString(16).padStart(8, '0');
}
