/**
 * Arrival-order robustness of the story clusterer: clusters the news-clustering dev set (read from ../shared at run
 * time, never copied) in several arrival orders and prints standard pairwise F1 (Miranda et al. 2018) and BCubed F1
 * for each, with the mean over the seeded shuffles. The scoring is the shared scorer's own `score` function.
 *
 * Orders: `file` (as stored: topic by topic, each topic's two events one after the other), `shuffle-<seed>` (seeded
 * Fisher–Yates), `topics` (round-robin over topics, file order within a topic: many subjects live at once) and
 * `stories` (round-robin over gold stories: the two similar events of a topic arrive alternately, the hardest case).
 *
 * Usage (from the repo root):
 *   npx tsx scripts/cluster-orders.ts [--gold file.jsonl.gz] [--shuffles 5] [--no-repair] [--repair-every 200]
 *                                     [--topics all|train|dev|odd|even] [--options '{"joinThreshold": 0.6, …}']
 * `--topics` clusters only the articles of those topics (train/dev: the set's topic-disjoint split; odd/even: by
 * topic number) — for validating on topics a change was not tuned on; `--options` overrides clusterer options
 * (JSON; e.g. `{"model": …}` with the output of scripts/fit-join-model.ts).
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { clusterCorpus, type ClusterArticle, type StoryClustererOptions } from '../src/pipeline/cluster/index.ts';
import { mulberry32, shuffled } from '../src/lib/random.ts';

interface GoldArticle extends ClusterArticle {
  cluster: string;
  topic: string;
  split: string;
}
interface Scores {
  standard: { p: number; r: number; f1: number };
  bcubed: { p: number; r: number; f1: number };
  n_pred_clusters: number;
}

const { values: args } = parseArgs({
  options: {
    gold: { type: 'string', default: '../shared/data/news-clustering/ecbplus-traindev.jsonl.gz' },
    shuffles: { type: 'string', default: '5' },
    'no-repair': { type: 'boolean', default: false },
    'repair-every': { type: 'string', default: '200' },
    topics: { type: 'string', default: 'all' },
    options: { type: 'string' },
  },
});

/** Round-robin over groups (in order of first appearance), keeping the input order within each group. */
function roundRobin<T>(xs: readonly T[], group: (x: T) => string): T[] {
  const groups = new Map<string, T[]>();
  for (const x of xs) {
    const k = group(x);
    if (!groups.has(k)) groups.set(k, []);
    groups.get(k)!.push(x);
  }
  const queues = [...groups.values()];
  const out: T[] = [];
  for (let round = 0; out.length < xs.length; round++) for (const q of queues) if (round < q.length) out.push(q[round]!);
  return out;
}

const keep: Record<string, (a: GoldArticle) => boolean> = {
  all: () => true,
  train: (a) => a.split === 'train',
  dev: (a) => a.split === 'dev',
  odd: (a) => Number(a.topic) % 2 === 1,
  even: (a) => Number(a.topic) % 2 === 0,
};
const filter = keep[args.topics!];
if (!filter) throw new Error(`--topics must be one of ${Object.keys(keep).join(', ')}`);

const goldPath = resolve(args.gold!);
const raw = readFileSync(goldPath);
const articles: GoldArticle[] = (goldPath.endsWith('.gz') ? gunzipSync(raw) : raw)
  .toString('utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as GoldArticle).filter(filter);
// The scorer lives next to the data (shared tools), so it is loaded at run time rather than copied.
const scorerPath = resolve('../shared/tools/cluster-score.mjs');
const { score } = (await import(pathToFileURL(scorerPath).href)) as { score: (gold: string[], pred: string[]) => Scores };

const repairEvery = args['no-repair'] ? 0 : Number(args['repair-every']);
const overrides = args.options ? (JSON.parse(args.options) as StoryClustererOptions) : {};
/** Clusters `order` (dates dropped, so arrival order is exactly the given order) and scores all articles. */
function run(order: readonly GoldArticle[]): Scores {
  const input = order.map((a) => ({ id: a.id, date: null, title: a.title, text: a.text }));
  const story = new Map(clusterCorpus(input, { ...overrides, repairEvery }).assignments.map((x) => [x.id, x.story]));
  return score(articles.map((a) => a.cluster), articles.map((a) => story.get(a.id)!));
}

const pct = (x: number): string => (100 * x).toFixed(2).padStart(6);
function line(label: string, s: Pick<Scores, 'standard' | 'bcubed' | 'n_pred_clusters'>): void {
  console.log(
    `${label.padEnd(12)} standard P ${pct(s.standard.p)} R ${pct(s.standard.r)} F1 ${pct(s.standard.f1)}   ` +
      `BCubed P ${pct(s.bcubed.p)} R ${pct(s.bcubed.r)} F1 ${pct(s.bcubed.f1)}   stories ${String(Math.round(s.n_pred_clusters)).padStart(4)}`,
  );
}

const stories = new Set(articles.map((a) => a.cluster)).size;
console.log(
  `${articles.length} articles, ${stories} gold stories (topics: ${args.topics}); repair ${repairEvery ? `every ${repairEvery}` : 'off'}`,
);
line('file', run(articles));
const shuffles: Scores[] = [];
for (let seed = 1; seed <= Number(args.shuffles); seed++) {
  const s = run(shuffled(articles, mulberry32(seed)));
  shuffles.push(s);
  line(`shuffle-${seed}`, s);
}
if (shuffles.length > 0) {
  const mean = (f: (s: Scores) => number): number => shuffles.reduce((t, s) => t + f(s), 0) / shuffles.length;
  line('shuffle mean', {
    standard: { p: mean((s) => s.standard.p), r: mean((s) => s.standard.r), f1: mean((s) => s.standard.f1) },
    bcubed: { p: mean((s) => s.bcubed.p), r: mean((s) => s.bcubed.r), f1: mean((s) => s.bcubed.f1) },
    n_pred_clusters: mean((s) => s.n_pred_clusters),
  });
}
line('topics', run(roundRobin(articles, (a) => a.topic)));
line('stories', run(roundRobin(articles, (a) => a.cluster)));
