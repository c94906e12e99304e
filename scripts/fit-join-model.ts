/**
 * Fits the story clusterer's join model (DEFAULT_JOIN_MODEL in src/pipeline/cluster/clusterer.ts) on the
 * news-clustering dev set (read from ../shared at run time, never copied): gold-guided passes (see JoinTeacher) over
 * the fit topics collect (article, candidate story) pairs, and an L2-regularised logistic regression (Newton's
 * method, bias unpenalised) is fitted on them. Prints the coefficients and the pair log-loss / accuracy on the fit
 * topics and on held-out topics, for the fit and for DEFAULT_JOIN_MODEL.
 *
 * `--orders 1` (default) is one pass in file order, how DEFAULT_JOIN_MODEL was fitted. `--orders N` adds N − 1
 * seeded shuffles: a file-order pass only ever shows a young story of the *other* event of a topic after that
 * event's own articles, so it rates young stories too readily; the shuffled fit is better calibrated for pairs
 * but clustered worse once repair reassigns (see DEFAULT_JOIN_MODEL).
 *
 * Usage (from the repo root):
 *   npx tsx scripts/fit-join-model.ts [--fit train|dev|odd|even] [--eval dev|train|odd|even] [--orders 1] [--l2 1e-4]
 * The train/dev split of the set is topic-disjoint, as are odd/even topic numbers.
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { parseArgs } from 'node:util';
import { createStoryClusterer, DEFAULT_JOIN_MODEL, type JoinFeatures, type JoinModel } from '../src/pipeline/cluster/index.ts';
import { mulberry32, shuffled } from '../src/lib/random.ts';

interface GoldArticle {
  id: string;
  title: string;
  text: string;
  cluster: string;
  topic: string;
  split: string;
}

const { values: args } = parseArgs({
  options: {
    gold: { type: 'string', default: '../shared/data/news-clustering/ecbplus-traindev.jsonl.gz' },
    fit: { type: 'string', default: 'train' },
    eval: { type: 'string', default: 'dev' },
    orders: { type: 'string', default: '1' },
    l2: { type: 'string', default: '1e-4' },
  },
});

const FEATURES = ['body', 'title', 'names', 'numbers', 'maxBody', 'maxNames', 'logSize'] as const satisfies readonly (keyof JoinFeatures)[];
const topicSets: Record<string, (a: GoldArticle) => boolean> = {
  train: (a) => a.split === 'train',
  dev: (a) => a.split === 'dev',
  odd: (a) => Number(a.topic) % 2 === 1,
  even: (a) => Number(a.topic) % 2 === 0,
};

const raw = readFileSync(args.gold!);
const all: GoldArticle[] = (args.gold!.endsWith('.gz') ? gunzipSync(raw) : raw)
  .toString('utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as GoldArticle);

/** Pairs (features with a leading 1 for the bias, label) from the file order plus `orders − 1` seeded shuffles. */
function pairs(select: string): Array<{ x: number[]; y: number }> {
  const keep = topicSets[select];
  if (!keep) throw new Error(`topic set must be one of ${Object.keys(topicSets).join(', ')}`);
  const docs = all.filter(keep);
  const gold = new Map(docs.map((a) => [a.id, a.cluster]));
  const out: Array<{ x: number[]; y: number }> = [];
  for (let k = 0; k < Number(args.orders); k++) {
    const c = createStoryClusterer({
      teacher: {
        storyOf: (id) => gold.get(id)!,
        observe: (f, same) => out.push({ x: [1, ...FEATURES.map((n) => f[n])], y: same ? 1 : 0 }),
      },
    });
    for (const a of k === 0 ? docs : shuffled(docs, mulberry32(k))) c.assignStory({ id: a.id, date: null, title: a.title, text: a.text });
  }
  return out;
}

const sigmoid = (z: number): number => 1 / (1 + Math.exp(-z));
const predict = (w: number[], x: number[]): number => sigmoid(x.reduce((s, v, i) => s + v * w[i]!, 0));

/** Solves A·x = b (small dense system, Gaussian elimination with partial pivoting). */
function solve(A: number[][], b: number[]): number[] {
  const n = b.length;
  const M = A.map((row, i) => [...row, b[i]!]);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(M[r]![c]!) > Math.abs(M[p]![c]!)) p = r;
    [M[c], M[p]] = [M[p]!, M[c]!];
    for (let r = c + 1; r < n; r++) {
      const f = M[r]![c]! / M[c]![c]!;
      for (let k = c; k <= n; k++) M[r]![k]! -= f * M[c]![k]!;
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    let s = M[r]![n]!;
    for (let k = r + 1; k < n; k++) s -= M[r]![k]! * x[k]!;
    x[r] = s / M[r]![r]!;
  }
  return x;
}

/** L2-regularised logistic regression (the bias unpenalised) by Newton's method; λ per pair. */
function fit(data: Array<{ x: number[]; y: number }>, l2: number): number[] {
  const d = data[0]!.x.length;
  let w = new Array<number>(d).fill(0);
  for (let iter = 0; iter < 50; iter++) {
    const g = w.map((wi, i) => (i === 0 ? 0 : l2 * data.length * wi));
    const H = w.map((_, i) => w.map((__, j) => (i === j && i > 0 ? l2 * data.length : 0)));
    for (const { x, y } of data) {
      const p = predict(w, x);
      const s = p * (1 - p);
      for (let i = 0; i < d; i++) {
        g[i]! += (p - y) * x[i]!;
        for (let j = 0; j < d; j++) H[i]![j]! += s * x[i]! * x[j]!;
      }
    }
    const step = solve(H, g);
    w = w.map((wi, i) => wi - step[i]!);
    if (Math.max(...step.map(Math.abs)) < 1e-8) break;
  }
  return w;
}

function report(label: string, w: number[], data: Array<{ x: number[]; y: number }>): void {
  let loss = 0;
  let right = 0;
  for (const { x, y } of data) {
    const p = Math.min(1 - 1e-12, Math.max(1e-12, predict(w, x)));
    loss -= y ? Math.log(p) : Math.log(1 - p);
    if ((p >= 0.5) === (y === 1)) right++;
  }
  const positives = data.filter((p) => p.y === 1).length;
  console.log(
    `${label}: ${data.length} pairs (${positives} same story), log-loss ${(loss / data.length).toFixed(4)}, accuracy ${(right / data.length).toFixed(4)}`,
  );
}

const train = pairs(args.fit!);
const held = pairs(args.eval!);
const w = fit(train, Number(args.l2));
const model = Object.fromEntries([['bias', w[0]!], ...FEATURES.map((n, i) => [n, w[i + 1]!])]) as unknown as JoinModel;
console.log(`fit on topics ${args.fit}, ${args.orders} order(s) (file order, then shuffles), L2 ${args.l2}:`);
console.log(JSON.stringify(Object.fromEntries(Object.entries(model).map(([k, v]) => [k, Number(v.toFixed(3))]))));
report(`fit topics (${args.fit})`, w, train);
report(`held-out topics (${args.eval})`, w, held);
const current = [DEFAULT_JOIN_MODEL.bias, ...FEATURES.map((n) => DEFAULT_JOIN_MODEL[n])];
report(`DEFAULT_JOIN_MODEL on fit topics`, current, train);
report(`DEFAULT_JOIN_MODEL on held-out topics`, current, held);
