/** Sparse term vectors (Map term → weight) and the few operations the clusterer needs. */

export type SparseVector = Map<string, number>;

/** Dot product; iterates the smaller vector. */
export function dot(a: SparseVector, b: SparseVector): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let s = 0;
  for (const [t, w] of small) {
    const v = large.get(t);
    if (v !== undefined) s += w * v;
  }
  return s;
}

/** Euclidean norm. */
export function norm(a: SparseVector): number {
  let s = 0;
  for (const w of a.values()) s += w * w;
  return Math.sqrt(s);
}

/** Scales to unit length in place (no-op on the empty vector); returns it. */
export function normalize(a: SparseVector): SparseVector {
  const n = norm(a);
  if (n > 0) for (const [t, w] of a) a.set(t, w / n);
  return a;
}

/** Cosine similarity in [0, 1] for non-negative vectors; 0 when either is empty. */
export function cosine(a: SparseVector, b: SparseVector, normA = norm(a), normB = norm(b)): number {
  if (normA === 0 || normB === 0) return 0;
  return dot(a, b) / (normA * normB);
}

/** target += sign · v, dropping terms that reach ~0 (so subtracting a member leaves no residue). */
export function addInto(target: SparseVector, v: SparseVector, sign: 1 | -1 = 1): void {
  for (const [t, w] of v) {
    const next = (target.get(t) ?? 0) + sign * w;
    if (next > 1e-9) target.set(t, next);
    else target.delete(t);
  }
}

/** Keeps the `limit` heaviest terms (in place) when the vector has grown past twice that; returns it. */
export function pruneVector(a: SparseVector, limit: number): SparseVector {
  if (a.size <= 2 * limit) return a;
  const kept = [...a.entries()].sort((x, y) => y[1] - x[1]).slice(0, limit);
  a.clear();
  for (const [t, w] of kept) a.set(t, w);
  return a;
}

/** The `k` heaviest terms, heaviest first. */
export function topTerms(a: SparseVector, k: number): string[] {
  if (a.size <= k) return [...a.entries()].sort((x, y) => y[1] - x[1]).map(([t]) => t);
  return [...a.entries()].sort((x, y) => y[1] - x[1]).slice(0, k).map(([t]) => t);
}
