/**
 * The online story clusterer: single-pass clustering over several views of each article, after Miranda et al. 2018
 * ("Multilingual Clustering of Streaming News", EMNLP): an article is compared with recent stories on each view
 * (centroid and closest member), the per-view cosines go through a logistic join model fitted on labelled pairs,
 * discounted by the time gap, and the article joins the best story if the probability clears a threshold, else
 * starts a new story. Periodic repair splits and bisects stories, moves each member to the story it fits best now
 * (what arrival order decided online is checked against the stories as they have grown) and merges stories; merged
 * ids redirect.
 */
import {
  contentTerms, detectLanguage, languageScope, languagesCompatible, nameTerms, normalizeLanguageTag, numberTerms, UNDETERMINED_LATIN,
} from './text.ts';
import { addInto, cosine, dot, norm, normalize, pruneVector, topTerms, type SparseVector } from './vectors.ts';

/** One article as the clusterer sees it. `date` is ISO-8601 or null (unknown). */
export interface ClusterArticle {
  id: string;
  date: string | null;
  title: string;
  text: string;
  source?: string | null;
  url?: string | null;
  /** BCP-47 tag if known; otherwise the language is detected from the text. */
  lang?: string | null;
}

/** What `assignStory` decided for one article. */
export interface StoryAssignment {
  articleId: string;
  storyId: string;
  /** True when the article started a new story. */
  isNew: boolean;
  /** Combined similarity in [0, 1] to the chosen story (0 for a new story with no candidate at all). */
  similarity: number;
  /** Best similarity among candidates (equals `similarity` on a join; the runner-up score on a new story). */
  bestCandidateSimilarity: number;
  /** The storyline (ongoing subject spanning days/weeks) the story belongs to; its first story's id. */
  storylineId: string;
  /** Language the article was clustered under (given or detected). */
  lang: string;
  /** How many candidate stories the inverted index proposed (cost indicator). */
  candidates: number;
}

/** A story related to another one, best first. */
export interface RelatedStory {
  storyId: string;
  similarity: number;
  sameStoryline: boolean;
}

/** What a repair pass changed: story ids merged away and articles moved between stories. */
export interface StoryRepair {
  /** merged story id → surviving story id (already resolved through earlier merges). */
  redirects: Record<string, string>;
  /** Articles split off a drifted story: from its old story to their new one. */
  moves: Array<{ articleId: string; from: string; to: string }>;
}

/** Summary of one live story in the clusterer's memory. */
export interface StorySnapshot {
  id: string;
  lang: string;
  storylineId: string;
  size: number;
  firstDate: string | null;
  lastDate: string | null;
  /** Heaviest title/body terms: a cheap label. */
  keywords: string[];
}

/**
 * Logistic join model: P(article belongs to story) = σ(bias + Σ coefficient · feature). Features are cosines in
 * [0, 1] between the article's unit vector and the story on each view — to the centroid (body, title, names,
 * numbers) and to the closest stored member (maxBody, maxNames: single-link, which keeps diverse stories whole) —
 * and ln(story size) (centroid cosines grow with size; the negative coefficient corrects for it).
 */
export interface JoinModel {
  bias: number;
  body: number;
  title: number;
  names: number;
  numbers: number;
  maxBody: number;
  maxNames: number;
  logSize: number;
}

/** The join model's inputs for one (article, story) pair: its coefficients' names, without the bias. */
export type JoinFeatures = Omit<JoinModel, 'bias'>;

/**
 * A gold-guided pass for fitting the join model (scripts/fit-join-model.ts): each article is placed in the story of
 * its gold label whatever the model says, and each topical candidate (past the body gate) is reported with its
 * features and whether it is the article's gold story.
 */
export interface JoinTeacher {
  /** Gold label of an article. */
  storyOf(articleId: string): string;
  observe(features: JoinFeatures, sameStory: boolean): void;
}

export interface StoryClustererOptions {
  /** Join the most probable story when its join probability (× time factor) is ≥ this. Default 0.5. */
  joinThreshold?: number;
  /**
   * A story is a join candidate only if the article's body cosine to its centroid is ≥ this (default 0.1; 99% of
   * true joins on ECB+ train are above 0.17): the join model is fitted on topically related pairs only.
   */
  minTopicSimilarity?: number;
  /** Coefficients of the join model; defaults fitted on the ECB+ train topics (see DEFAULT_JOIN_MODEL). */
  model?: Partial<JoinModel>;
  /** A story keeps full pull for this long past its newest (or before its oldest) article. Default 24 h. */
  graceHours?: number;
  /** Past the grace period the similarity halves every this many hours. Default 48 h. */
  halfLifeHours?: number;
  /** An article further than this from a story's time span never joins it. Default 7 days. */
  maxGapHours?: number;
  /**
   * A new story joins the storyline of the most probable candidate story (same language, shared topic words —
   * the body gate — but below the join threshold) if that probability, without time discount, is ≥ this.
   * Default 0.05: on ECB+ this links the two events of a topic (storyline = topic) best among 0.05/0.15/0.3.
   */
  storylineThreshold?: number;
  /**
   * Stories older than this (behind the newest date seen) leave memory, so a storyline links stories at most this
   * far apart (the store keeps the storyline; a later story can still join it through its newer stories). 14 d.
   */
  retentionHours?: number;
  /** Upper bound on live stories (the undated case has no other bound); least recently updated leave first. 50k. */
  maxLiveStories?: number;
  /** Repair merges two stories whose average-link join probability (see storySimilarity) is ≥ this. Default 0.45. */
  mergeThreshold?: number;
  /** Repair splits off a member whose join probability to the rest of its story is below this. Default 0.12. */
  splitThreshold?: number;
  /** Each posting list keeps this many stories most recently updated under its term (bounds cost). Default 64. */
  maxPostings?: number;
  /** Candidate stories (most shared index keys) scored per article; the best 5 also on members. Default 40. */
  maxCandidates?: number;
  /** Terms kept per view in a story centroid (pruned beyond twice this). Default 300. */
  centroidTerms?: number;
  /** Member vectors kept per story for single-link features and split repair (the newest). Default 24. */
  maxMembersKept?: number;
  /** Makes story ids; default `story-<n>` from a counter kept in the state (deterministic replay). */
  newStoryId?: (sequence: number) => string;
  /** Fitting only: place articles by their gold labels and report the candidates' features (see JoinTeacher). */
  teacher?: JoinTeacher;
}

const VIEWS = ['body', 'title', 'names', 'numbers'] as const;
type View = (typeof VIEWS)[number];
type Vectors = Record<View, SparseVector>;

/** Defaults. Time constants are principled guesses for news (ECB+ has no dates); thresholds as documented above. */
export const DEFAULT_CLUSTER_OPTIONS: Required<Omit<StoryClustererOptions, 'newStoryId' | 'model' | 'teacher'>> = {
  joinThreshold: 0.5,
  minTopicSimilarity: 0.1,
  graceHours: 24,
  halfLifeHours: 48,
  maxGapHours: 7 * 24,
  storylineThreshold: 0.05,
  retentionHours: 14 * 24,
  maxLiveStories: 50_000,
  mergeThreshold: 0.45,
  splitThreshold: 0.12,
  maxPostings: 64,
  maxCandidates: 40,
  centroidTerms: 300,
  maxMembersKept: 24,
};

/**
 * Join-model coefficients: logistic regression (L2 1e-4, gradient descent) on (article, candidate story) pairs
 * from a gold-guided pass over the ECB+ train topics in corpus order (Cybulska & Vossen 2014; train split only —
 * the dev topics checked it: pair accuracy 0.96 on both; the test topics never seen). Only pairs past the body
 * gate were used, so the model tells apart stories that already share a topic: there names and numbers outweigh
 * topic words (two events of one kind share their vocabulary, not their people, places, counts and dates), and the
 * body cosine's own coefficient came out ≈ 0 and is fixed at 0 (it acts through the gate and maxBody).
 * Refit with the same features when the views change (scripts/fit-join-model.ts; its default, one file-order pass
 * with Newton's method and the body coefficient free, lands close to these); the probabilities then keep their
 * meaning for thresholds. Fitting on passes in many shuffled orders (`--orders 20`) gives better calibrated
 * probabilities for young stories, but clustered worse in order once repair reassigns (topic-disjoint halves of
 * ECB+ train+dev: in-order F1 89.1 vs 92.2, shuffled 87.3 vs 88.6), so the corpus-order fit stays.
 */
export const DEFAULT_JOIN_MODEL: JoinModel = {
  bias: -1.115, body: 0, title: 3.402, names: 2.855, numbers: 6.253, maxBody: 1.064, maxNames: 7.916, logSize: -2.818,
};

/** Serializable clusterer state (plain JSON). */
export interface StoryClustererState {
  version: 1;
  articles: number;
  storySequence: number;
  updateSequence: number;
  clockMs: number | null;
  documentFrequency: Array<[string, number]>;
  stories: SerializedStory[];
  redirects: Record<string, string>;
}

interface SerializedStory {
  id: string;
  lang: string;
  storylineId: string;
  size: number;
  updatedSeq: number;
  firstMs: number | null;
  lastMs: number | null;
  centroid: Record<View, Array<[string, number]>>;
  members: Array<{ id: string; vectors: Record<View, Array<[string, number]>> }>;
  postings: string[];
}

interface Story {
  id: string;
  lang: string;
  storylineId: string;
  size: number;
  updatedSeq: number;
  firstMs: number | null;
  lastMs: number | null;
  centroid: Vectors;
  norms: Record<View, number>;
  members: Array<{ id: string; vectors: Vectors }>;
  /** Index keys this story is posted under. */
  postings: Set<string>;
  /** Shrunk after closing (see compact). */
  compacted?: boolean;
}

export interface StoryClusterer {
  /** Assigns one article (call in arrival order). Throws only on a programming error (e.g. empty id). */
  assignStory(article: ClusterArticle): StoryAssignment;
  /**
   * Repairs the stories changed since the last call (call periodically, e.g. every few hundred articles), in order:
   * splits off members whose leave-one-out join probability is < splitThreshold (placed again like a new article),
   * bisects stories whose 2-means halves would not merge (two similar events), moves each stored member whose join
   * probability to another story now clears joinThreshold and beats its leave-one-out probability to its own
   * (reassignment: undoes joins that arrival order made), and merges pairs whose average-link join probability is
   * ≥ mergeThreshold (the larger story keeps its id; the other redirects to it, as does a story reassignment
   * emptied). Returns the new redirects and the article moves (in order; an article may move twice), for the
   * store. Cost ∝ stories changed since the last pass.
   */
  repairStories(): StoryRepair;
  /** Current id for a story id that may have been merged away (identity when it was not). */
  resolveStoryId(storyId: string): string;
  /** Live stories related to a story, best first (excluding itself); [] for an unknown story. */
  relatedStories(storyId: string, limit?: number): RelatedStory[];
  /** Live story summaries (for listings and debugging). */
  stories(): StorySnapshot[];
  /** JSON-safe snapshot of the whole state; `createStoryClusterer({}, state)` resumes from it. */
  toJSON(): StoryClustererState;
}

const HOUR = 3_600_000;
/**
 * Pseudo-documents (containing no term) added to N in the IDF: with few articles seen, raw IDF rewards words an
 * article does *not* share; the prior flattens IDF at cold start (plain tf cosine) and fades as N grows.
 */
const IDF_PRIOR_DOCUMENTS = 100;
/** Members kept by a story past maxGapHours (closed to new articles): memory stays ∝ the open window. */
const CLOSED_MEMBERS_KEPT = 3;
/** Centroid terms per view kept by a closed story. */
const CLOSED_CENTROID_TERMS = 40;
/** Smallest half a bisect may split off (smaller drifts are handled one member at a time). */
const MIN_BISECT_HALF = 3;
/**
 * Reassignment skips a member whose leave-one-out join probability to its own story is at least this: another story
 * would have to beat it, and two stories that sure of one article merge anyway. Saves most of the pass's cost.
 */
const SETTLED = 0.99;
/** Candidates scored with the (costlier) member features. */
const SHORTLIST = 5;

function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

function parseDate(date: string | null): number | null {
  if (!date) return null;
  const ms = Date.parse(date);
  return Number.isFinite(ms) ? ms : null;
}

function emptyVectors(): Vectors {
  return { body: new Map(), title: new Map(), names: new Map(), numbers: new Map() };
}

function termFrequencies(terms: readonly string[]): Map<string, number> {
  const tf = new Map<string, number>();
  for (const t of terms) tf.set(t, (tf.get(t) ?? 0) + 1);
  return tf;
}

/** The df key of a term in a view: title terms share the body's document frequencies (the title is in the text). */
function dfKey(view: View, term: string): string {
  return view === 'names' ? 'n:' + term : view === 'numbers' ? '#:' + term : 'w:' + term;
}

/**
 * Creates an online story clusterer, optionally resuming from a saved state (`toJSON()` output).
 *
 * Views of an article: body (content words of title + text), title, names (capitalised words and name phrases)
 * and numbers; each is TF-IDF with sublinear tf (1 + ln tf) and an online IDF ln((P + N)/(1 + df)) + 1 (N articles
 * so far, df counted as they arrive, P = 100 pseudo-documents that flatten IDF at cold start), L2-normalised.
 * A story keeps per view the sum of its members' unit vectors (centroid) and its newest members.
 * assignStory: candidates come from an inverted index (language-scoped term → stories most recently updated under
 * it, capped), so cost per article stays flat as the store grows; a candidate must share topic words (body cosine
 * ≥ minTopicSimilarity); the join model (JoinModel, logistic) gives P(join); score = P(join) · timeFactor with
 * timeFactor = 1 when either date is unknown, else 2^(−max(0, gap − grace)/halfLife) (gap = hours between the
 * article and the story's span) and 0 beyond maxGapHours. The best story with score ≥ joinThreshold is joined,
 * else a new story starts (in the storyline of the best topical candidate if P ≥ storylineThreshold).
 * Articles in different languages (given `lang`, else detectLanguage) never share a story.
 *
 * State: `toJSON()` is plain JSON (ingest persists it and resumes with `createStoryClusterer(options, state)`);
 * alternatively, replaying the articles of the retention window through `clusterCorpus` rebuilds an equivalent
 * state. Story ids are strings (`story-<n>` from a persisted counter unless `newStoryId` is given).
 */
export function createStoryClusterer(options: StoryClustererOptions = {}, state?: StoryClustererState): StoryClusterer {
  const o = { ...DEFAULT_CLUSTER_OPTIONS, ...options };
  const m: JoinModel = { ...DEFAULT_JOIN_MODEL, ...options.model };
  const newId = options.newStoryId ?? ((n: number) => `story-${n}`);
  const teacher = options.teacher;
  /** Gold label of each story a teacher built (its first article's). */
  const goldOfStory = new Map<string, string>();

  let articles = state?.articles ?? 0;
  let storySequence = state?.storySequence ?? 0;
  let updateSequence = state?.updateSequence ?? 0;
  let clockMs: number | null = state?.clockMs ?? null;
  const df = new Map<string, number>(state?.documentFrequency ?? []);
  const stories = new Map<string, Story>();
  const redirects = new Map<string, string>(Object.entries(state?.redirects ?? {}));
  const index = new Map<string, string[]>();
  let lastSweepMs = clockMs ?? -Infinity;
  /** Stories changed since the last repair: the only ones a repair pass looks at (all of them after a restore). */
  const dirty = new Set<string>();

  const toVectors = (r: Record<View, Array<[string, number]>>): Vectors => ({
    body: new Map(r.body), title: new Map(r.title), names: new Map(r.names), numbers: new Map(r.numbers),
  });
  const fromVectors = (v: Vectors): Record<View, Array<[string, number]>> => ({
    body: [...v.body], title: [...v.title], names: [...v.names], numbers: [...v.numbers],
  });

  function computeNorms(s: Story): void {
    for (const v of VIEWS) s.norms[v] = norm(s.centroid[v]);
  }

  function post(s: Story, key: string): void {
    let list = index.get(key);
    if (!list) index.set(key, (list = []));
    const at = list.indexOf(s.id);
    if (at >= 0) list.splice(at, 1);
    list.push(s.id);
    if (list.length > o.maxPostings) list.shift();
    s.postings.add(key);
  }

  for (const ss of state?.stories ?? []) {
    const s: Story = {
      id: ss.id, lang: ss.lang, storylineId: ss.storylineId, size: ss.size, updatedSeq: ss.updatedSeq,
      firstMs: ss.firstMs, lastMs: ss.lastMs, centroid: toVectors(ss.centroid),
      norms: { body: 0, title: 0, names: 0, numbers: 0 },
      members: ss.members.map((m) => ({ id: m.id, vectors: toVectors(m.vectors) })),
      postings: new Set(),
    };
    computeNorms(s);
    stories.set(s.id, s);
    dirty.add(s.id);
  }
  // Rebuild the posting lists in update order so each list ends with its most recently updated stories.
  const savedPostings = new Map((state?.stories ?? []).map((x) => [x.id, x.postings]));
  for (const s of [...stories.values()].sort((a, b) => a.updatedSeq - b.updatedSeq)) {
    for (const key of savedPostings.get(s.id) ?? []) post(s, key);
  }

  function idf(key: string): number {
    return Math.log((IDF_PRIOR_DOCUMENTS + articles) / (1 + (df.get(key) ?? 0))) + 1;
  }

  function vectorize(article: ClusterArticle, lang: string, count: boolean): Vectors {
    const text = article.text.includes(article.title.slice(0, 40)) ? article.text : `${article.title}\n${article.text}`;
    const raw: Record<View, Map<string, number>> = {
      body: termFrequencies(contentTerms(text, lang)),
      title: termFrequencies(contentTerms(article.title, lang)),
      names: termFrequencies(nameTerms(text)),
      numbers: termFrequencies(numberTerms(text)),
    };
    if (count) {
      articles++;
      for (const v of ['body', 'names', 'numbers'] as const) for (const t of raw[v].keys()) {
        const k = dfKey(v, t);
        df.set(k, (df.get(k) ?? 0) + 1);
      }
    }
    const out = emptyVectors();
    for (const v of VIEWS) {
      for (const [t, tf] of raw[v]) out[v].set(t, (1 + Math.log(tf)) * idf(dfKey(v, t)));
      normalize(out[v]);
    }
    return out;
  }

  /**
   * Inverted-index keys of a vector set (an article's, or a story centroid's): its heaviest body, title and name
   * terms, scoped by language. Stories are posted under their centroid's keys, so terms the members share (high
   * centroid weight) find them even when each article's rarest words differ.
   */
  function indexKeys(lang: string, vec: Vectors): string[] {
    return [
      ...topTerms(vec.body, 20).map((t) => `${languageScope(lang)}|b|${t}`),
      ...topTerms(vec.names, 10).map((t) => `${languageScope(lang)}|n|${t}`),
      ...topTerms(vec.title, 8).map((t) => `${languageScope(lang)}|b|${t}`),
    ];
  }

  function timeFactor(ms: number | null, s: Story): number {
    if (ms === null || s.firstMs === null || s.lastMs === null) return 1;
    const gapHours = Math.max(0, s.firstMs - ms, ms - s.lastMs) / HOUR;
    if (gapHours > o.maxGapHours) return 0;
    return Math.pow(2, -Math.max(0, gapHours - o.graceHours) / o.halfLifeHours);
  }

  function bodyCosine(vec: Vectors, s: Story): number {
    return s.norms.body === 0 ? 0 : dot(vec.body, s.centroid.body) / s.norms.body;
  }

  function logitOf(cos: Record<View, number>, size: number): number {
    return m.bias + m.body * cos.body + m.title * cos.title + m.names * cos.names + m.numbers * cos.numbers +
      m.logSize * Math.log(Math.max(1, size));
  }

  /** Log-odds from the centroid features only (cheap: used to shortlist candidates). */
  function centroidLogit(vec: Vectors, s: Story): number {
    const cos = (v: View): number => (s.norms[v] === 0 || vec[v].size === 0 ? 0 : dot(vec[v], s.centroid[v]) / s.norms[v]);
    return logitOf({ body: cos('body'), title: cos('title'), names: cos('names'), numbers: cos('numbers') }, s.size);
  }

  /** The single-link part of the log-odds: closest stored member on body and names (optionally skipping one). */
  function memberLogit(vec: Vectors, s: Story, skip?: Story['members'][number]): number {
    let maxBody = 0;
    let maxNames = 0;
    for (const mem of s.members) {
      if (mem === skip) continue;
      maxBody = Math.max(maxBody, dot(vec.body, mem.vectors.body));
      if (vec.names.size > 0) maxNames = Math.max(maxNames, dot(vec.names, mem.vectors.names));
    }
    return m.maxBody * maxBody + m.maxNames * maxNames;
  }

  /** Join probability of unit article vectors to a story (no time): the full model, members included. */
  function joinProbability(vec: Vectors, s: Story, logit = centroidLogit(vec, s)): number {
    return sigmoid(logit + memberLogit(vec, s));
  }

  /**
   * Join probability of a stored member to the rest of its story (leave-one-out), computed from the centroid
   * algebraically — C−m has dot(m, C) − |m|² with m and norm² |C|² − 2·dot(m, C) + |m|² — without copying it.
   */
  function leaveOneOutProbability(mem: Story['members'][number], s: Story): { probability: number; bodyCosine: number } {
    const cos = { body: 0, title: 0, names: 0, numbers: 0 };
    for (const v of VIEWS) {
      const mv = mem.vectors[v];
      if (mv.size === 0) continue;
      const d = dot(mv, s.centroid[v]);
      const n2 = s.norms[v] * s.norms[v] - 2 * d + 1;
      cos[v] = n2 > 1e-9 ? Math.max(0, d - 1) / Math.sqrt(n2) : 0;
    }
    return { probability: sigmoid(logitOf(cos, s.size - 1) + memberLogit(mem.vectors, s, mem)), bodyCosine: cos.body };
  }

  /** The join model's features of a pair, as an object (for fitting: see JoinTeacher; scoring works on numbers). */
  function joinFeatures(vec: Vectors, s: Story): JoinFeatures {
    const cos = (v: View): number => (s.norms[v] === 0 || vec[v].size === 0 ? 0 : dot(vec[v], s.centroid[v]) / s.norms[v]);
    let maxBody = 0;
    let maxNames = 0;
    for (const mem of s.members) {
      maxBody = Math.max(maxBody, dot(vec.body, mem.vectors.body));
      maxNames = Math.max(maxNames, dot(vec.names, mem.vectors.names));
    }
    return {
      body: cos('body'), title: cos('title'), names: cos('names'), numbers: cos('numbers'), maxBody, maxNames,
      logSize: Math.log(Math.max(1, s.size)),
    };
  }

  /**
   * Topical similarity of two stories: the mean join probability of the smaller story's (newest, stored) members
   * to the larger story — average link through the same model, so merge and join decisions share one scale.
   */
  function storySimilarity(a: Story, b: Story): number {
    const [small, large] = a.size <= b.size ? [a, b] : [b, a];
    const sample = small.members.slice(-8);
    if (sample.length === 0) return 0;
    let sum = 0;
    for (const mem of sample) sum += joinProbability(mem.vectors, large);
    return sum / sample.length;
  }

  function candidates(lang: string, keys: readonly string[], exclude?: string): Story[] {
    const votes = new Map<string, number>();
    for (const key of keys) {
      const list = index.get(key);
      if (!list) continue;
      for (const id of list) if (id !== exclude) votes.set(id, (votes.get(id) ?? 0) + 1);
    }
    const ranked = [...votes.entries()].sort((a, b) => b[1] - a[1]);
    const out: Story[] = [];
    for (const [id] of ranked) {
      const s = stories.get(id);
      if (s && languagesCompatible(s.lang, lang)) out.push(s);
      if (out.length >= o.maxCandidates) break;
    }
    return out;
  }

  function addMember(s: Story, articleId: string, vec: Vectors, ms: number | null, keys: readonly string[]): void {
    for (const v of VIEWS) {
      addInto(s.centroid[v], vec[v]);
      pruneVector(s.centroid[v], o.centroidTerms);
    }
    computeNorms(s);
    s.size++;
    s.members.push({ id: articleId, vectors: vec });
    if (s.members.length > o.maxMembersKept) s.members.shift();
    if (ms !== null) {
      s.firstMs = s.firstMs === null ? ms : Math.min(s.firstMs, ms);
      s.lastMs = s.lastMs === null ? ms : Math.max(s.lastMs, ms);
    }
    s.updatedSeq = ++updateSequence;
    dirty.add(s.id);
    for (const key of keys) post(s, key);
    // Re-post under the centroid's heaviest terms while the story is young, then every 4th article (sorting the
    // centroid on every join would dominate the cost of a join).
    if (s.size <= 3 || s.size % 4 === 0) for (const key of indexKeys(s.lang, s.centroid)) post(s, key);
  }

  function createStory(lang: string, storylineId: string | null): Story {
    const id = newId(++storySequence);
    const s: Story = {
      id, lang, storylineId: storylineId ?? id, size: 0, updatedSeq: ++updateSequence, firstMs: null, lastMs: null,
      centroid: emptyVectors(), norms: { body: 0, title: 0, names: 0, numbers: 0 }, members: [], postings: new Set(),
    };
    stories.set(id, s);
    return s;
  }

  function retire(s: Story): void {
    stories.delete(s.id);
    dirty.delete(s.id);
    for (const key of s.postings) {
      const list = index.get(key);
      if (!list) continue;
      const at = list.indexOf(s.id);
      if (at >= 0) list.splice(at, 1);
      if (list.length === 0) index.delete(key);
    }
  }

  /**
   * Shrinks a story no article can join any more (past maxGapHours) to what related stories and storylines need:
   * a few members and the heaviest centroid terms. Memory then grows with the open window, not the retention.
   */
  function compact(s: Story): void {
    s.compacted = true;
    if (s.members.length > CLOSED_MEMBERS_KEPT) s.members.splice(0, s.members.length - CLOSED_MEMBERS_KEPT);
    for (const v of VIEWS) {
      const c = s.centroid[v];
      if (c.size <= CLOSED_CENTROID_TERMS) continue;
      const kept = topTerms(c, CLOSED_CENTROID_TERMS).map((t) => [t, c.get(t)!] as const);
      s.centroid[v] = new Map(kept);
    }
    computeNorms(s);
  }

  /** Drops stories past the retention window, and the least recently updated beyond maxLiveStories. */
  function sweep(): void {
    if (clockMs !== null) {
      const cutoff = clockMs - o.retentionHours * HOUR;
      const closed = clockMs - o.maxGapHours * HOUR;
      for (const s of [...stories.values()]) {
        if (s.lastMs !== null && s.lastMs < cutoff) retire(s);
        // A story no article can join any more needs only a few members (for related stories and storylines).
        else if (s.lastMs !== null && s.lastMs < closed && !s.compacted) compact(s);
      }
    }
    if (stories.size > o.maxLiveStories) {
      const byAge = [...stories.values()].sort((a, b) => a.updatedSeq - b.updatedSeq);
      for (const s of byAge.slice(0, stories.size - o.maxLiveStories)) retire(s);
    }
    // Redirects into retired stories are the store's business now (it received them from repairStories).
    for (const [from, to] of redirects) if (!stories.has(to)) redirects.delete(from);
  }

  /**
   * The most probable of the candidate stories for unit article vectors (see createStoryClusterer): the best time-
   * discounted join probability, and the best undiscounted one (the storyline candidate). A story past maxGapHours
   * (time factor 0) cannot be joined and matters only as the storyline of a new story, so closed stories are scored
   * only when no open one takes the article: the stories kept for the retention window then cost (almost) nothing
   * per article, which keeps that cost flat as the store grows.
   */
  function bestJoin(vec: Vectors, ms: number | null, cands: readonly Story[]) {
    const open = cands.filter((s) => timeFactor(ms, s) > 0);
    const joined = scoreCandidates(vec, ms, open);
    if (open.length === cands.length || joined.bestScore >= o.joinThreshold) return joined;
    const closed = scoreCandidates(vec, ms, cands.filter((s) => timeFactor(ms, s) === 0));
    return closed.lineScore > joined.lineScore ? { ...joined, line: closed.line, lineScore: closed.lineScore } : joined;
  }

  function scoreCandidates(vec: Vectors, ms: number | null, cands: readonly Story[]) {
    let best: Story | null = null;
    let bestScore = 0;
    let line: Story | null = null;
    let lineScore = 0;
    // Shortlist by the cheap centroid model, then score the few best with their members too.
    // Gate: names, numbers and titles tell apart events of one kind; they mean nothing without a shared topic.
    const shortlist = cands
      .filter((s) => bodyCosine(vec, s) >= o.minTopicSimilarity)
      .map((s) => ({ s, logit: centroidLogit(vec, s) }))
      .sort((x, y) => y.logit - x.logit)
      .slice(0, SHORTLIST);
    for (const { s, logit } of shortlist) {
      const p = joinProbability(vec, s, logit);
      const score = p * timeFactor(ms, s);
      if (score > bestScore) [best, bestScore] = [s, score];
      if (p > lineScore) [line, lineScore] = [s, p];
    }
    return { best: best as Story | null, bestScore, line: line as Story | null, lineScore };
  }

  function place(articleId: string, vec: Vectors, lang: string, ms: number | null, exclude?: string) {
    if (teacher && exclude === undefined) return teach(articleId, vec, lang, ms);
    const keys = indexKeys(lang, vec);
    const cands = candidates(lang, keys, exclude);
    const { best, bestScore, line, lineScore } = bestJoin(vec, ms, cands);
    const isNew = best === null || bestScore < o.joinThreshold;
    const target = isNew
      ? createStory(lang, line !== null && lineScore >= o.storylineThreshold ? line.storylineId : null)
      : best!;
    if (target.lang === UNDETERMINED_LATIN) target.lang = lang;
    addMember(target, articleId, vec, ms, keys);
    return { target, isNew, bestScore, candidates: cands.length };
  }

  /** The gold-guided placement (see JoinTeacher): observes every topical candidate, joins the gold story if live. */
  function teach(articleId: string, vec: Vectors, lang: string, ms: number | null) {
    const keys = indexKeys(lang, vec);
    const cands = candidates(lang, keys);
    const topical = cands.filter((s) => bodyCosine(vec, s) >= o.minTopicSimilarity);
    const gold = teacher!.storyOf(articleId);
    let target: Story | undefined;
    for (const s of topical) {
      const same = goldOfStory.get(s.id) === gold;
      teacher!.observe(joinFeatures(vec, s), same);
    }
    for (const [id, g] of goldOfStory) if (g === gold && stories.has(id)) target = stories.get(id);
    const isNew = target === undefined;
    if (!target) goldOfStory.set((target = createStory(lang, null)).id, gold);
    addMember(target, articleId, vec, ms, keys);
    return { target, isNew, bestScore: isNew ? 0 : 1, candidates: cands.length };
  }

  function assignStory(article: ClusterArticle): StoryAssignment {
    if (!article.id) throw new TypeError('assignStory: article.id is required');
    const ms = parseDate(article.date);
    if (ms !== null && (clockMs === null || ms > clockMs)) clockMs = ms;
    const lang = normalizeLanguageTag(article.lang) ?? detectLanguage(`${article.title}\n${article.text}`);
    const vec = vectorize(article, lang, true);
    const { target, isNew, bestScore, candidates: n } = place(article.id, vec, lang, ms);
    // Sweep every 1000 articles, or when the clock moved a day since the last sweep (a quiet feed still ages).
    if (articles % 1000 === 0 || (clockMs !== null && clockMs - lastSweepMs >= 24 * HOUR)) {
      lastSweepMs = clockMs ?? lastSweepMs;
      sweep();
    }
    return {
      articleId: article.id,
      storyId: target.id,
      isNew,
      similarity: isNew ? 0 : bestScore,
      bestCandidateSimilarity: bestScore,
      storylineId: target.storylineId,
      lang,
      candidates: n,
    };
  }

  function resolveStoryId(id: string): string {
    let cur = id;
    for (let hops = 0; hops < 64; hops++) {
      const next = redirects.get(cur);
      if (next === undefined) return cur;
      cur = next;
    }
    return cur;
  }

  function storyKeys(s: Story): string[] {
    return indexKeys(s.lang, s.centroid);
  }

  function spanFactor(a: Story, b: Story): number {
    if (a.firstMs === null || b.firstMs === null || a.lastMs === null || b.lastMs === null) return 1;
    const gapHours = Math.max(0, a.firstMs - b.lastMs, b.firstMs - a.lastMs) / HOUR;
    if (gapHours > o.maxGapHours) return 0;
    return Math.pow(2, -Math.max(0, gapHours - o.graceHours) / o.halfLifeHours);
  }

  function mergeInto(survivor: Story, loser: Story): void {
    if (survivor.lang === UNDETERMINED_LATIN) survivor.lang = loser.lang;
    for (const v of VIEWS) {
      addInto(survivor.centroid[v], loser.centroid[v]);
      pruneVector(survivor.centroid[v], o.centroidTerms);
    }
    computeNorms(survivor);
    survivor.size += loser.size;
    survivor.members.push(...loser.members);
    if (survivor.members.length > o.maxMembersKept) survivor.members.splice(0, survivor.members.length - o.maxMembersKept);
    if (loser.firstMs !== null) survivor.firstMs = Math.min(survivor.firstMs ?? loser.firstMs, loser.firstMs);
    if (loser.lastMs !== null) survivor.lastMs = Math.max(survivor.lastMs ?? loser.lastMs, loser.lastMs);
    const keys = [...loser.postings];
    retire(loser);
    survivor.updatedSeq = ++updateSequence;
    dirty.add(survivor.id);
    for (const key of keys) post(survivor, key);
    redirects.set(loser.id, survivor.id);
  }

  function repairStories(): StoryRepair {
    const before = new Set(redirects.keys());
    const moves: StoryRepair['moves'] = [];
    // Split and bisect first, so that the reassignment and the merge see the pieces.
    // Split: a member far from the rest of its story (leave-one-out centroid) is placed again on its own.
    // Only the stored (newest) members can be checked; older ones are in the centroid only.
    for (const id of [...dirty]) {
      const s = stories.get(id);
      if (!s || s.size < 3) continue;
      for (const mem of [...s.members]) {
        const loo = leaveOneOutProbability(mem, s);
        if (loo.bodyCosine >= o.minTopicSimilarity && loo.probability >= o.splitThreshold) continue;
        removeMember(s, mem);
        const { target } = place(mem.id, mem.vectors, s.lang, s.lastMs, s.id);
        moves.push({ articleId: mem.id, from: s.id, to: target.id });
      }
    }
    // Bisect: a story that swallowed a second, similar event (the first article of the other event joined, the
    // rest followed it) splits in two when its halves would not be merged again.
    for (const id of [...dirty]) {
      const s = stories.get(id);
      if (s && s.members.length === s.size && s.size >= 2 * MIN_BISECT_HALF) bisect(s, moves);
    }
    reassign(moves);
    mergeStories();
    dirty.clear();
    const fresh: Record<string, string> = {};
    for (const k of redirects.keys()) if (!before.has(k)) fresh[k] = resolveStoryId(k);
    // Older redirects that pointed at a story merged now are re-pointed to the survivor.
    for (const [k] of redirects) redirects.set(k, resolveStoryId(k));
    return { redirects: fresh, moves };
  }

  function removeMember(s: Story, mem: Story['members'][number]): void {
    for (const v of VIEWS) addInto(s.centroid[v], mem.vectors[v], -1);
    computeNorms(s);
    s.size--;
    s.members.splice(s.members.indexOf(mem), 1);
  }

  /**
   * One k-means step over the dirty stories' stored members: a member moves to the story the join model prefers
   * now, if that clears joinThreshold and beats its leave-one-out probability to its own story. Online, an article
   * was compared with the stories as they stood when it arrived — a young story of the wrong event, or none of the
   * right one yet; here with the stories as they stand, so what came first matters less. A story emptied this way
   * redirects to where its last member went.
   */
  function reassign(moves: StoryRepair['moves']): void {
    for (const id of [...dirty]) {
      const s = stories.get(id);
      if (!s) continue;
      // A story its member fits better shares its topic: the story's own neighbours are the candidates (one index
      // lookup per story, not per member).
      const near = candidates(s.lang, storyKeys(s), s.id);
      for (const mem of [...s.members]) {
        const own = s.size > 1 ? leaveOneOutProbability(mem, s).probability : 0;
        if (own >= SETTLED) continue;
        const { best, bestScore } = bestJoin(mem.vectors, s.lastMs, near.filter((c) => stories.has(c.id)));
        if (!best || bestScore < o.joinThreshold || bestScore <= own) continue;
        removeMember(s, mem);
        addMember(best, mem.id, mem.vectors, null, indexKeys(s.lang, mem.vectors));
        moves.push({ articleId: mem.id, from: s.id, to: best.id });
        if (s.size === 0) {
          retire(s);
          redirects.set(s.id, best.id);
          break;
        }
      }
    }
  }

  /**
   * Merges the dirty stories with their closest live candidates, best pairs first, when the average-link join
   * probability (storySimilarity × spanFactor) is ≥ mergeThreshold; the larger story survives (ties: the older id)
   * so most readers keep their link. Only stories changed since the last repair are checked (against the candidates
   * the index proposes; the few closest by body cosine get the full, costly score), so a pass costs in proportion
   * to the articles since the last one.
   */
  function mergeStories(): void {
    const pairs: Array<[number, Story, Story]> = [];
    const checked = new Set<string>();
    for (const id of dirty) {
      const s = stories.get(id);
      if (!s) continue;
      const close = candidates(s.lang, storyKeys(s), s.id)
        .map((c) => ({ c, body: cosine(s.centroid.body, c.centroid.body, s.norms.body, c.norms.body) }))
        .filter((x) => x.body >= o.minTopicSimilarity)
        .sort((x, y) => y.body - x.body)
        .slice(0, SHORTLIST);
      for (const { c } of close) {
        const pairKey = s.id < c.id ? `${s.id}\u0000${c.id}` : `${c.id}\u0000${s.id}`;
        if (checked.has(pairKey)) continue;
        checked.add(pairKey);
        const sim = storySimilarity(s, c) * spanFactor(s, c);
        if (sim >= o.mergeThreshold) pairs.push([sim, s, c]);
      }
    }
    pairs.sort((a, b) => b[0] - a[0]);
    for (const [, a, b] of pairs) {
      const x = stories.get(resolveStoryId(a.id));
      const y = stories.get(resolveStoryId(b.id));
      if (!x || !y || x === y) continue;
      if (storySimilarity(x, y) * spanFactor(x, y) < o.mergeThreshold) continue;
      const xFirst = x.size > y.size || (x.size === y.size && (x.updatedSeq <= y.updatedSeq));
      mergeInto(xFirst ? x : y, xFirst ? y : x);
    }
  }

  function fillStory(target: Story, members: Story['members']): void {
    target.centroid = emptyVectors();
    for (const mem of members) for (const v of VIEWS) addInto(target.centroid[v], mem.vectors[v]);
    computeNorms(target);
    target.members = members;
    target.size = members.length;
  }

  /**
   * 2-means over a story's members (body + names cosine; seeds: the oldest member and the one least like it),
   * accepted when the two halves' average-link join probability is below the merge threshold. The half holding the
   * oldest member keeps the story id; the other becomes a new story in the same storyline.
   */
  function bisect(s: Story, moves: StoryRepair['moves']): void {
    const members = s.members;
    const affinity = (a: Vectors, b: Vectors, nb: Record<View, number>): number =>
      (nb.body ? dot(a.body, b.body) / nb.body : 0) + (nb.names ? dot(a.names, b.names) / nb.names : 0);
    const unit = { body: 1, title: 1, names: 1, numbers: 1 };
    const first = members[0]!;
    let far = first;
    let farScore = Infinity;
    for (const mem of members.slice(1)) {
      const a = affinity(mem.vectors, first.vectors, unit);
      if (a < farScore) [far, farScore] = [mem, a];
    }
    let groups: [Story['members'], Story['members']] = [[first], [far]];
    for (let round = 0; round < 5; round++) {
      const cents = groups.map((g) => {
        const c = emptyVectors();
        for (const mem of g) for (const v of VIEWS) addInto(c[v], mem.vectors[v]);
        return { c, n: { body: norm(c.body), title: 0, names: norm(c.names), numbers: 0 } };
      });
      const next: [Story['members'], Story['members']] = [[], []];
      for (const mem of members) {
        const side = mem === first ? 0 : mem === far ? 1
          : affinity(mem.vectors, cents[0]!.c, cents[0]!.n) >= affinity(mem.vectors, cents[1]!.c, cents[1]!.n) ? 0 : 1;
        next[side].push(mem);
      }
      const same = next[0].length === groups[0].length && next[0].every((m, i) => m === groups[0][i]);
      groups = next;
      if (same) break;
    }
    if (groups[0].length < MIN_BISECT_HALF || groups[1].length < MIN_BISECT_HALF) return;
    const halves = groups.map((g) => {
      const h: Story = { ...s, centroid: emptyVectors(), norms: { body: 0, title: 0, names: 0, numbers: 0 }, members: [], postings: new Set() };
      fillStory(h, g);
      return h;
    });
    if (storySimilarity(halves[0]!, halves[1]!) >= o.mergeThreshold) return;
    fillStory(s, groups[0]);
    const other = createStory(s.lang, s.storylineId);
    fillStory(other, groups[1]);
    other.firstMs = s.firstMs;
    other.lastMs = s.lastMs;
    other.updatedSeq = ++updateSequence;
    for (const key of indexKeys(other.lang, other.centroid)) post(other, key);
    for (const mem of groups[1]) {
      for (const key of indexKeys(other.lang, mem.vectors)) post(other, key);
      moves.push({ articleId: mem.id, from: s.id, to: other.id });
    }
  }

  function relatedStories(storyId: string, limit = 10): RelatedStory[] {
    const s = stories.get(resolveStoryId(storyId));
    if (!s) return [];
    return candidates(s.lang, storyKeys(s), s.id)
      .map((c) => ({ storyId: c.id, similarity: storySimilarity(s, c), sameStoryline: c.storylineId === s.storylineId }))
      .filter((r) => r.similarity > 0)
      .sort((a, b) => Number(b.sameStoryline) - Number(a.sameStoryline) || b.similarity - a.similarity)
      .slice(0, limit);
  }

  function snapshot(s: Story): StorySnapshot {
    return {
      id: s.id, lang: s.lang, storylineId: s.storylineId, size: s.size,
      firstDate: s.firstMs === null ? null : new Date(s.firstMs).toISOString(),
      lastDate: s.lastMs === null ? null : new Date(s.lastMs).toISOString(),
      keywords: topTerms(s.centroid.title.size > 0 ? s.centroid.title : s.centroid.body, 5),
    };
  }

  function toJSON(): StoryClustererState {
    return {
      version: 1, articles, storySequence, updateSequence, clockMs,
      documentFrequency: [...df],
      stories: [...stories.values()].map((s) => ({
        id: s.id, lang: s.lang, storylineId: s.storylineId, size: s.size, updatedSeq: s.updatedSeq,
        firstMs: s.firstMs, lastMs: s.lastMs, centroid: fromVectors(s.centroid),
        members: s.members.map((m) => ({ id: m.id, vectors: fromVectors(m.vectors) })),
        postings: [...s.postings],
      })),
      redirects: Object.fromEntries(redirects),
    };
  }

  return {
    assignStory, repairStories, resolveStoryId, relatedStories, toJSON,
    stories: () => [...stories.values()].map(snapshot),
  };
}
