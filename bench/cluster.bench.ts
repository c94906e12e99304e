/**
 * Online story clustering: articles/s and per-article assignment time once the store holds 10k and 200k articles
 * (synthetic stream, ~1,900 articles a day, stories of a few articles over a day or two), the ratio of the two
 * (target ≤ 1.5: the inverted index keeps the cost per article flat), and memory (heap, serialized state).
 *
 * Run: node --import tsx --expose-gc bench/cluster.bench.ts   (BENCH_CLUSTER_ARTICLES=50000 for a quicker run)
 */
import { createStoryClusterer, type ClusterArticle } from '../src/pipeline/cluster/index.ts';
import { mulberry32 } from '../src/lib/random.ts';

const TOTAL = Number(process.env.BENCH_CLUSTER_ARTICLES ?? 200_000);
const SMALL = 10_000;
const PROBE = 2_000;

const rand = mulberry32(42);
const syllables = 'ka lo mi ne ra su to vi be da fe go hu ji ku la mo nu pa ri se ta vo wa ye zo'.split(' ');
function word(i: number): string {
  let w = '';
  let n = i + 27;
  while (n > 0) {
    w += syllables[n % syllables.length];
    n = Math.floor(n / syllables.length);
  }
  return w;
}
const VOCAB = 40_000;
/** Zipf-ish background word (rank ∝ u^3 puts most mass on frequent words). */
const background = (): string => word(Math.floor(Math.pow(rand(), 3) * VOCAB));
const cap = (w: string): string => w[0]!.toUpperCase() + w.slice(1);

interface SyntheticStory {
  id: number;
  topic: string[];
  names: string[];
  numbers: string[];
}
let storyCounter = 0;
function newStory(): SyntheticStory {
  const pick = (): string => word(Math.floor(rand() * VOCAB));
  return {
    id: storyCounter++,
    topic: Array.from({ length: 8 }, pick),
    names: Array.from({ length: 3 }, () => `${cap(pick())} ${cap(pick())}`),
    numbers: Array.from({ length: 2 }, () => String(10 + Math.floor(rand() * 5000))),
  };
}
function article(n: number, s: SyntheticStory, ms: number): ClusterArticle {
  const from = <T>(xs: T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const sentence = (): string =>
    Array.from({ length: 14 }, (_, k) => (k === 0 ? from(s.names) : rand() < 0.5 ? from(s.topic) : background())).join(' ') +
    ` ${from(s.numbers)}.`;
  return {
    id: `a${n}`,
    date: new Date(ms).toISOString(),
    title: `${from(s.names)} ${from(s.topic)} ${from(s.topic)} ${background()}`,
    text: `${sentence()} ${sentence()} ${sentence()}`,
  };
}

// The stream: each article starts a story (p = 0.2) or continues one of the 300 most recent stories.
const recent: SyntheticStory[] = [];
let clock = Date.parse('2025-01-01T00:00:00Z');
let produced = 0;
function next(): ClusterArticle {
  let s: SyntheticStory;
  if (recent.length < 50 || rand() < 0.2) {
    s = newStory();
    recent.push(s);
    if (recent.length > 300) recent.shift();
  } else s = recent[recent.length - 1 - Math.floor(Math.pow(rand(), 2) * recent.length)]!;
  clock += 45_000;
  return article(produced++, s, clock);
}

const clusterer = createStoryClusterer();
const gc = (globalThis as { gc?: () => void }).gc;
function heapMb(): number {
  gc?.();
  return process.memoryUsage().heapUsed / 1e6;
}
/** Production cadence: a repair pass every REPAIR_EVERY articles (its time is reported apart). */
const REPAIR_EVERY = 2_000;
let repairMs = 0;
let repairs = 0;
let assigned = 0;
function assign(a: ClusterArticle): number {
  const candidates = clusterer.assignStory(a).candidates;
  if (++assigned % REPAIR_EVERY === 0) {
    const start = performance.now();
    clusterer.repairStories();
    repairMs += performance.now() - start;
    repairs++;
  }
  return candidates;
}
function feed(n: number): void {
  for (let i = 0; i < n; i++) assign(next());
}
function probe(label: string): { perArticleMs: number; perSecond: number } {
  const batch = Array.from({ length: PROBE }, next);
  // Assignment only: the probe runs no repair pass (repairs are timed apart, below).
  gc?.();
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  let candidates = 0;
  for (const a of batch) candidates += clusterer.assignStory(a).candidates;
  const ms = performance.now() - start;
  const cpu = process.cpuUsage(cpuStart);
  // CPU time is the figure to compare on a shared machine (wall time includes waiting for a core).
  const cpuMs = (cpu.user + cpu.system) / 1000;
  const r = { perArticleMs: cpuMs / PROBE, perSecond: (PROBE / cpuMs) * 1000 };
  const live = clusterer.stories();
  console.log(
    `${label}: ${r.perArticleMs.toFixed(3)} CPU ms/article (${(ms / PROBE).toFixed(3)} wall), ${r.perSecond.toFixed(0)} articles/CPU-s, ` +
      `${(candidates / PROBE).toFixed(1)} candidates/article, ${live.length} live stories, heap ${heapMb().toFixed(0)} MB`,
  );
  return r;
}

/**
 * The fastest of ROUNDS consecutive probes: on a shared machine a probe is only ever slowed down (other processes,
 * a major GC landing in it), so the minimum is the figure to compare; every round is printed.
 */
const ROUNDS = 3;
function bestProbe(): { perArticleMs: number } {
  const rounds = Array.from({ length: ROUNDS }, () => probe(`at ${produced.toLocaleString('en')} stored`));
  return { perArticleMs: Math.min(...rounds.map((r) => r.perArticleMs)) };
}

const t0 = performance.now();
feed(SMALL - PROBE);
const small = bestProbe();
feed(TOTAL - produced - ROUNDS * PROBE);
const large = bestProbe();
const stateBytes = JSON.stringify(clusterer.toJSON()).length;
console.log(
  `repair: ${repairs} passes (one per ${REPAIR_EVERY} articles), ${(repairMs / repairs).toFixed(0)} ms each = ` +
    `${(repairMs / assigned).toFixed(3)} ms/article amortised (not in the probes); ` +
    `state JSON ${(stateBytes / 1e6).toFixed(1)} MB; total run ${((performance.now() - t0) / 1000).toFixed(0)} s`,
);
console.log(
  `ratio per-article CPU time (best of ${ROUNDS} probes each) ${TOTAL.toLocaleString('en')} / ${SMALL.toLocaleString('en')}: ` +
    `${(large.perArticleMs / small.perArticleMs).toFixed(2)} (target ≤ 1.5)`,
);
