/**
 * The online copy detector: one article at a time, against a fingerprint store, with copy groups that re-point
 * when a later-arriving article turns out to be the group's true original.
 *
 * Per article: fingerprint → index keys → candidates (bounded by the store's bucket cap, so the cost does not grow
 * with the store) → skeleton containment check → same-source rule → join/merge groups → re-elect the original.
 * The spin evidence of the election reads word frequencies of independent writing: articles in no copy group.
 */
import { classifyCopy, skeletonOverlap, sourceEvidence } from './compare.ts';
import type { CopyMethod, SkeletonOverlap } from './compare.ts';
import { computeFingerprint, deserializeFingerprint, serializeFingerprint } from './fingerprint.ts';
import type { CopyFingerprint, SerializedFingerprint } from './fingerprint.ts';
import { CountMinSketch } from './frequency.ts';
import { indexKeys } from './minhash.ts';
import { InMemoryFingerprintStore } from './store.ts';
import type { FingerprintStore, StoredArticle } from './store.ts';

/** An article as the detector sees it. `published`: ISO-8601 string or epoch ms; null/invalid = unknown. */
export interface CopyArticle {
  readonly id: string;
  readonly source: string;
  readonly url: string;
  readonly published: string | number | null;
  readonly title: string;
  /** Plain text; paragraphs separated by blank lines (ignored by the detector). */
  readonly text: string;
}

/**
 * What an article is: `original` (the source text of a group with copies), a copy made by one of the
 * `CopyMethod`s (`syndicated`, `truncated`, `boilerplate-wrapped`, `paragraphs-repeated`, `spun`,
 * `spun+repeated`), `update` (a near-identical text from the same source or URL: a revision, not a copy),
 * or null (no copy relation found).
 */
export type CopyKind = CopyMethod | 'original' | 'update';

/** The detector's answer for one article. */
export interface CopyVerdict {
  readonly id: string;
  /** Id of the group's original when this article is a copy, else null. */
  readonly copyOf: string | null;
  readonly kind: CopyKind | null;
  /**
   * Skeleton containment (0..1) with the original for a copy; with the updated article for an update; 1 for an
   * original; for a non-copy the best containment seen among candidates (how close it came), 0 when none.
   */
  readonly similarity: number;
  /** For kind `update`: the article this one revises. */
  readonly updateOf?: string;
}

/** Result of `detect`: the new article's verdict, earlier articles whose verdict changed, and its fingerprint. */
export interface CopyDetection {
  readonly verdict: CopyVerdict;
  /** Earlier articles whose `copyOf` or `kind` changed (a group gained its original, or re-pointed to a new one). */
  readonly reattributed: readonly CopyVerdict[];
  /** To store with the article (JSON-safe) so `restore` can rebuild the index at worker start. */
  readonly fingerprint: SerializedFingerprint;
}

/** A previously processed article, as ingest keeps it, for `restore`. */
export interface RestoredArticle {
  readonly id: string;
  readonly source: string;
  readonly url: string;
  readonly published: string | number | null;
  readonly fingerprint: SerializedFingerprint;
  readonly copyOf: string | null;
  readonly kind?: CopyKind | null;
  readonly updateOf?: string | null;
}

export interface CopyDetectorOptions {
  /**
   * Minimum skeleton containment for a copy. Dev-set copies score ≥ 0.77 (heavily spun) and independent
   * same-event articles ≤ 0.44, so 0.6 sits in the gap.
   */
  readonly threshold?: number;
  /**
   * Minimum shared distinct skeleton shingles (default 8, ≈ 15 words of text): very short texts ("Read more",
   * empty bodies of title-only feeds) are never linked, even when identical.
   */
  readonly minShared?: number;
  /**
   * Minimum band keys a candidate must share to be verified (default 3). With 48 one-row bands a pair with
   * skeleton Jaccard J shares Binomial(48, J) keys: J = 0.25 (a 25% truncation) misses 3 with p ≈ 4e-4.
   */
  readonly minKeyHits?: number;
  /** At most this many candidates (most shared keys first) are verified per article (default 64). */
  readonly maxVerify?: number;
  /** Groups larger than this only compare a newcomer with the current original (bounds the cost per article). */
  readonly maxTournament?: number;
  /**
   * Milliseconds an article must stand alone (in no copy group, on the publication clock of the stream) to
   * "settle" (default 12 h). Once `minSettled` articles have settled, only settled articles make the document
   * frequencies the spin evidence uses: copies, backdated ones included, mostly appear within hours of their
   * original, and a spun copy still waiting for its original would lend its thesaurus' words to the reference of
   * ordinary usage. Before that (a fresh or small stream) every standalone article counts.
   */
  readonly settleMs?: number;
  /** Settled articles needed before the settled-only frequencies are used (default 100). */
  readonly minSettled?: number;
}

export interface CopyDetector {
  /** Processes one article (normally in publication order) and stores its fingerprint. Never throws on text. */
  detect(article: CopyArticle): CopyDetection;
  /** Re-loads previously processed articles (index, frequencies, groups) without re-deciding anything. */
  restore(articles: Iterable<RestoredArticle>): void;
  /** Current verdict for a processed article, or undefined when unknown. */
  verdict(id: string): CopyVerdict | undefined;
  /** Word-frequency sketch bytes (fixed) — for memory reports. */
  readonly sketchBytes: number;
  readonly store: FingerprintStore;
}

interface Group {
  original: string;
  members: Set<string>;
}

const NONE = (id: string, similarity = 0): CopyVerdict => ({ id, copyOf: null, kind: null, similarity });

/** Epoch ms of an ISO string or number; unknown → +Infinity (never wins the "earlier" evidence). */
export function toEpochMs(p: string | number | null | undefined): number {
  if (typeof p === 'number') return Number.isFinite(p) ? p : Infinity;
  if (typeof p === 'string') {
    const t = Date.parse(p);
    return Number.isNaN(t) ? Infinity : t;
  }
  return Infinity;
}

/**
 * Creates an online copy detector over `store` (default: a fresh in-memory store).
 * Example: `const d = createCopyDetector(); const { verdict, reattributed } = d.detect(article);` then apply
 * `verdict` to the new article and each of `reattributed` to the earlier ones.
 */
export function createCopyDetector(
  store: FingerprintStore = new InMemoryFingerprintStore(),
  options: CopyDetectorOptions = {},
): CopyDetector {
  const threshold = options.threshold ?? 0.6;
  const minShared = options.minShared ?? 8;
  const maxTournament = options.maxTournament ?? 24;
  const minKeyHits = options.minKeyHits ?? 3;
  const maxVerify = options.maxVerify ?? 64;
  // Document frequency of words among articles in NO copy group (independent writing): the reference for "which
  // side was spun". A farm re-uses its thesaurus' synonyms and its boilerplate in every article it spins, so
  // counting copies would make the spinner's words look like ordinary usage. Whole groups leave the counts, the
  // original included: counting only the elected originals would feed a wrong election back into the counts.
  const df = new CountMinSketch();
  /** The same counts over settled articles only (see `settleMs`). */
  const settledDf = new CountMinSketch();
  const settleMs = options.settleMs ?? 12 * 3_600_000;
  const minSettled = options.minSettled ?? 100;
  let settledCount = 0;
  /** Group members: their words are out of both sketches. */
  const uncounted = new Set<string>();
  /** Standalone articles not settled yet (in `df`, not in `settledDf`). */
  const unsettled = new Set<string>();
  /** Unsettled articles in arrival order, with the stream time they settle at (a queue: `settleHead` is next). */
  const settling: { id: string; at: number }[] = [];
  let settleHead = 0;
  let streamTime = -Infinity;
  /** The reference word counts and whether an article's words are in them. */
  const reference = (): { count: (w: number) => number; has: (id: string) => boolean } =>
    settledCount >= minSettled
      ? { count: (w) => settledDf.estimate(w), has: (id) => !uncounted.has(id) && !unsettled.has(id) }
      : { count: (w) => df.estimate(w), has: (id) => !uncounted.has(id) };
  const groupOf = new Map<string, Group>();
  const verdicts = new Map<string, CopyVerdict>();
  const updates = new Map<string, string>();

  const candidateOf = (a: StoredArticle) => ({ fingerprint: a.fingerprint, published: a.published });

  /** Copeland winner of pairwise source evidence (ties: summed evidence, then earliest, then id). */
  function electOriginal(group: Group, newcomer: string): string {
    const ids = [...group.members];
    const arts = ids.map((id) => store.get(id)).filter((a): a is StoredArticle => a !== undefined);
    if (arts.length > maxTournament) {
      const cur = store.get(group.original);
      const nu = store.get(newcomer);
      if (!cur || !nu || cur.id === nu.id) return group.original;
      const ref = reference();
      const inRef = [cur, nu].filter((a) => ref.has(a.id)).map((a) => new Set(a.fingerprint.vocabulary));
      const dfPair = (w: number): number => Math.max(0, ref.count(w) - inRef.filter((v) => v.has(w)).length);
      return sourceEvidence(candidateOf(nu), candidateOf(cur), dfPair).total > 0 ? nu.id : cur.id;
    }
    // Word frequency OUTSIDE the group (the members still counted are taken out): the group's own texts are
    // the ones being judged.
    const ref = reference();
    const inGroup = new Map<number, number>();
    for (const a of arts) {
      if (!ref.has(a.id)) continue;
      for (const w of a.fingerprint.vocabulary) inGroup.set(w, (inGroup.get(w) ?? 0) + 1);
    }
    const dfOutside = (w: number): number => Math.max(0, ref.count(w) - (inGroup.get(w) ?? 0));
    const wins = new Float64Array(arts.length);
    const score = new Float64Array(arts.length);
    for (let i = 0; i < arts.length; i++) {
      for (let j = i + 1; j < arts.length; j++) {
        const e = sourceEvidence(candidateOf(arts[i]!), candidateOf(arts[j]!), dfOutside).total;
        if (e > 0) wins[i]!++;
        else if (e < 0) wins[j]!++;
        score[i]! += e;
        score[j]! -= e;
      }
    }
    let best = 0;
    for (let i = 1; i < arts.length; i++) {
      const a = arts[i]!;
      const b = arts[best]!;
      if (
        wins[i]! > wins[best]! ||
        (wins[i] === wins[best] &&
          (score[i]! > score[best]! ||
            (score[i] === score[best] && (a.published < b.published || (a.published === b.published && a.id < b.id)))))
      ) {
        best = i;
      }
    }
    return arts[best]?.id ?? group.original;
  }

  /** Takes a group member's words out of the counts (once). */
  function uncount(id: string, fp: CopyFingerprint): void {
    if (uncounted.has(id)) return;
    uncounted.add(id);
    df.removeAll(fp.vocabulary);
    if (!unsettled.delete(id)) settledDf.removeAll(fp.vocabulary);
  }

  /** Settles every standalone article whose settling time is ≤ `now` (stream time, epoch ms). */
  function settle(now: number): void {
    while (settleHead < settling.length && settling[settleHead]!.at <= now) {
      const { id } = settling[settleHead++]!;
      const a = unsettled.delete(id) ? store.get(id) : undefined;
      if (!a) continue;
      settledDf.addAll(a.fingerprint.vocabulary);
      settledCount++;
    }
    if (settleHead > 1024 && settleHead * 2 > settling.length) {
      settling.splice(0, settleHead);
      settleHead = 0;
    }
  }

  /** Recomputes every member's verdict; returns those that changed (other than `skip`). */
  function refreshGroup(group: Group, skip: string): CopyVerdict[] {
    const changed: CopyVerdict[] = [];
    const orig = store.get(group.original);
    if (!orig) return changed;
    const origSet = new Set(orig.fingerprint.skeleton);
    for (const id of group.members) {
      const a = store.get(id);
      if (!a) continue;
      let v: CopyVerdict;
      if (id === group.original) v = { id, copyOf: null, kind: 'original', similarity: 1 };
      else {
        const ov = skeletonOverlap(origSet, orig.fingerprint, a.fingerprint);
        v = {
          id,
          copyOf: orig.id,
          kind: classifyCopy(a.fingerprint, orig.fingerprint),
          similarity: round3(ov.containment),
        };
      }
      const prev = verdicts.get(id);
      verdicts.set(id, v);
      uncount(id, a.fingerprint);
      if (id !== skip && (!prev || prev.copyOf !== v.copyOf || prev.kind !== v.kind)) changed.push(v);
    }
    return changed;
  }

  function detect(article: CopyArticle): CopyDetection {
    const fp = computeFingerprint(article);
    const published = toEpochMs(article.published);
    const keys = indexKeys(fp);
    const aSet = new Set(fp.skeleton);
    const matches: { rec: StoredArticle; ov: SkeletonOverlap }[] = [];
    let bestSim = 0;
    // Verify only candidates sharing several band keys, best first: a copy shares ≈ J·48 of them (≈ 12 for a
    // 25% truncation), a chance neighbour one or two through a common shingle.
    const ranked = [...store.candidates(keys)]
      .filter(([cid, hits]) => hits >= minKeyHits && cid !== article.id)
      .sort((x, y) => y[1] - x[1])
      .slice(0, maxVerify);
    for (const [cid] of ranked) {
      const rec = store.get(cid);
      if (!rec) continue;
      const ov = skeletonOverlap(aSet, fp, rec.fingerprint);
      if (ov.containment > bestSim) bestSim = ov.containment;
      if (ov.containment >= threshold && ov.shared >= minShared) {
        matches.push({ rec, ov });
      }
    }
    matches.sort((x, y) => y.ov.containment - x.ov.containment);
    // Unknown dates take the stream's current time (they settle after `settleMs` of later arrivals).
    if (Number.isFinite(published) && published > streamTime) streamTime = published;
    settle(streamTime);
    df.addAll(fp.vocabulary);
    unsettled.add(article.id);
    settling.push({ id: article.id, at: (Number.isFinite(published) ? published : streamTime) + settleMs });
    const stored: StoredArticle = { id: article.id, source: article.source, url: article.url, published, fingerprint: fp };
    // A near-identical member (skeleton Jaccard ≥ 0.8) already stands for this text in the buckets they share;
    // filing it again would only fill them, and a wire story copied 100 times would turn its own keys into
    // stop-keys. So file only the keys no near-identical match holds (none for a verbatim twin).
    let fileKeys = keys;
    const near = matches.filter((m) => m.ov.jaccard >= 0.8).slice(0, 4);
    if (near.length > 0) {
      const held = new Set(near.flatMap((m) => indexKeys(m.rec.fingerprint)));
      fileKeys = keys.filter((k) => !held.has(k));
    }
    store.put(stored, fileKeys);
    const serialized = serializeFingerprint(fp);

    const sameSource = (r: StoredArticle) => r.source === article.source || (r.url !== '' && r.url === article.url);
    // An update: the same source re-publishing its own text (not a farm re-posting someone else's).
    const revised = matches.find((m) => {
      if (!sameSource(m.rec)) return false;
      const g = groupOf.get(m.rec.id);
      const orig = g ? store.get(g.original) : m.rec;
      return !orig || sameSource(orig) || updates.has(m.rec.id);
    });
    if (revised) {
      updates.set(article.id, revised.rec.id);
      const v: CopyVerdict = {
        id: article.id,
        copyOf: null,
        kind: 'update',
        similarity: round3(revised.ov.containment),
        updateOf: revised.rec.id,
      };
      verdicts.set(article.id, v);
      return { verdict: v, reattributed: [], fingerprint: serialized };
    }

    const targets = matches.filter((m) => !updates.has(m.rec.id));
    if (targets.length === 0) {
      const v = NONE(article.id, round3(bestSim));
      verdicts.delete(article.id);
      return { verdict: v, reattributed: [], fingerprint: serialized };
    }
    // Join (and merge) the groups of all matched articles.
    let group: Group | undefined;
    for (const m of targets) {
      const g = groupOf.get(m.rec.id);
      if (g && (!group || g.members.size > group.members.size)) group = g;
    }
    if (!group) group = { original: targets[0]!.rec.id, members: new Set() };
    for (const m of targets) {
      const g = groupOf.get(m.rec.id);
      if (g && g !== group) {
        for (const id of g.members) {
          group.members.add(id);
          groupOf.set(id, group);
        }
      } else if (!g) {
        group.members.add(m.rec.id);
        groupOf.set(m.rec.id, group);
      }
    }
    group.members.add(article.id);
    groupOf.set(article.id, group);
    group.original = electOriginal(group, article.id);
    const reattributed = refreshGroup(group, article.id);
    return { verdict: verdicts.get(article.id)!, reattributed, fingerprint: serialized };
  }

  function restore(articles: Iterable<RestoredArticle>): void {
    const pending: RestoredArticle[] = [];
    for (const r of articles) {
      const fp = deserializeFingerprint(r.fingerprint);
      if (!fp) continue;
      store.put({ id: r.id, source: r.source, url: r.url, published: toEpochMs(r.published), fingerprint: fp }, indexKeys(fp));
      df.addAll(fp.vocabulary);
      settledDf.addAll(fp.vocabulary); // restored articles are old: settled
      settledCount++;
      pending.push(r);
    }
    for (const r of pending) {
      if (r.updateOf) {
        updates.set(r.id, r.updateOf);
        verdicts.set(r.id, { id: r.id, copyOf: null, kind: 'update', similarity: 1, updateOf: r.updateOf });
      } else if (r.copyOf) {
        let g = groupOf.get(r.copyOf);
        if (!g) {
          g = { original: r.copyOf, members: new Set([r.copyOf]) };
          groupOf.set(r.copyOf, g);
          verdicts.set(r.copyOf, { id: r.copyOf, copyOf: null, kind: 'original', similarity: 1 });
        }
        g.members.add(r.id);
        groupOf.set(r.id, g);
        for (const id of [r.id, r.copyOf]) {
          const a = store.get(id);
          if (a) uncount(id, a.fingerprint);
        }
        verdicts.set(r.id, { id: r.id, copyOf: r.copyOf, kind: r.kind ?? 'syndicated', similarity: 1 });
      }
    }
  }

  function verdict(id: string): CopyVerdict | undefined {
    if (!store.get(id)) return undefined;
    return verdicts.get(id) ?? NONE(id);
  }

  return { detect, restore, verdict, store, sketchBytes: df.bytes + settledDf.bytes };
}

/**
 * One-shot detection over a corpus: a fresh in-memory store, articles processed in publication order (unknown
 * dates last, ties by input order) through the online detector, re-attributions applied. Returns one verdict per
 * input article, in input order, as the state stands after the whole corpus.
 */
export function detectCopies(articles: readonly CopyArticle[], options: CopyDetectorOptions = {}): CopyVerdict[] {
  const detector = createCopyDetector(new InMemoryFingerprintStore(), options);
  const order = articles.map((a, i) => ({ i, t: toEpochMs(a.published) })).sort((x, y) => x.t - y.t || x.i - y.i);
  const result = new Map<string, CopyVerdict>();
  for (const { i } of order) {
    const d = detector.detect(articles[i]!);
    result.set(d.verdict.id, d.verdict);
    for (const r of d.reattributed) result.set(r.id, r);
  }
  return articles.map((a) => result.get(a.id) ?? NONE(a.id));
}

function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}

export type { CopyFingerprint };
