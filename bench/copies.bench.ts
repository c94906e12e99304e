/**
 * Copy-detection benchmark: per-article detection time with a small and a large store, and memory per stored
 * article. Synthetic English-like articles (Zipfian content vocabulary, real function-word rates, names, numbers,
 * punctuation) are generated here; a share of the queries are copies (verbatim, truncated, spun) of stored ones.
 * The first 5,000 stored articles go through `detect` from text (they are the pool queries copy); the rest of the
 * store is filled with fingerprints synthesized straight from the same token distribution (no text, same
 * skeleton statistics) through the public store API — generating and fingerprinting 1 M texts would take an hour
 * on a shared 2-core machine and measures nothing the timed queries do not.
 *
 *   node --expose-gc --import tsx bench/copies.bench.ts [sizes=10000,1000000] [queries=2000]
 *
 * Prints, per store size: mean detection time per query article (fingerprint + lookup + decision), as process
 * CPU time (stable on a shared machine) and wall time; heap + typed-array bytes per stored article (records +
 * index); then the CPU-time ratio largest/smallest store (target ≤ 1.5).
 */
import { createCopyDetector, indexKeys, InMemoryFingerprintStore } from '../src/pipeline/copies/index.ts';
import type { CopyArticle, CopyFingerprint } from '../src/pipeline/copies/index.ts';
import { shingleHashes, SKELETON_SHINGLE } from '../src/pipeline/copies/fingerprint.ts';
import { hashString } from '../src/pipeline/copies/hash.ts';
import { mulberry32 } from '../src/lib/random.ts';

const sizes = (process.argv[2] ?? '10000,1000000').split(',').map(Number);
const queries = Number(process.argv[3] ?? 2000);
const WARMUP = 1000;

// Deterministic so runs are comparable.
const rand = mulberry32(42);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;

const FUNCTION = 'the of to and a in that is was he for it with as his on be at by had are but from or an they which she were her has have been would will their this not who its there said when into'.split(' ');
const SYL = 'ka lo mi ra te su no fa ve li do pe ri sa to mu ne ba ge zi ko ha ju ly'.split(' ');
const VOCAB = Array.from({ length: 60_000 }, () => Array.from({ length: 2 + Math.floor(rand() * 3) }, () => pick(SYL)).join(''));
const NAMES = Array.from({ length: 5_000 }, () => { const w = pick(VOCAB); return w[0]!.toUpperCase() + w.slice(1); });
/** Zipf-like draw over the vocabulary: rank ∝ 1/u^1.1 (frequent words common, long tail rare). */
function contentWord(): string {
  const r = Math.floor(Math.pow(rand(), 2.2) * VOCAB.length);
  return VOCAB[r]!;
}
function sentence(): string {
  const n = 12 + Math.floor(rand() * 18);
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const u = rand();
    if (u < 0.45) out.push(pick(FUNCTION));
    else if (u < 0.53) out.push(pick(NAMES));
    else if (u < 0.56) out.push(String(Math.floor(rand() * 2000)));
    else out.push(contentWord());
    if (rand() < 0.07 && i < n - 1) out.push(',');
  }
  const s = out.join(' ').replace(/ ,/g, ',');
  return s[0]!.toUpperCase() + s.slice(1) + '.';
}
function body(): string {
  const paras = 5 + Math.floor(rand() * 6);
  return Array.from({ length: paras }, () => Array.from({ length: 2 + Math.floor(rand() * 3) }, sentence).join(' ')).join('\n\n');
}
let nextId = 0;
function article(text: string, source = `site${Math.floor(rand() * 5000)}`): CopyArticle {
  const id = `a${nextId++}`;
  return { id, source, url: `https://${source}.example/${id}`, published: 1_700_000_000_000 + nextId * 1000, title: sentence(), text };
}
function spin(text: string): string {
  return text.replace(/[a-z]{4,}/g, (w) => (rand() < 0.4 && !FUNCTION.includes(w) ? contentWord() : w));
}

const FUNCTION_H = FUNCTION.map((w) => hashString(w));
const CARET = hashString('^');
const COMMA = hashString(',');
const DOT = hashString('.');
/** A fingerprint drawn from the generator's token distribution without building text. */
function syntheticFingerprint(): CopyFingerprint {
  const skel: number[] = [];
  const vocab = new Set<number>();
  let words = 0;
  const sentences = (5 + Math.floor(rand() * 6)) * (2 + Math.floor(rand() * 3));
  for (let s = 0; s < sentences; s++) {
    const n = 12 + Math.floor(rand() * 18);
    for (let i = 0; i < n; i++) {
      const u = rand();
      words++;
      if (u < 0.45) skel.push(pick(FUNCTION_H));
      else if (u < 0.53) skel.push(CARET);
      else if (u < 0.56) skel.push(hashString(String(Math.floor(rand() * 2000))));
      else vocab.add(hashString(contentWord()));
      if (rand() < 0.07 && i < n - 1) skel.push(COMMA);
    }
    skel.push(DOT);
  }
  const skeleton = shingleHashes(skel, SKELETON_SHINGLE);
  const vocabulary = Uint32Array.from([...vocab].sort((a, b) => a - b));
  const hex = () => Math.floor(rand() * 0x100000000).toString(16).padStart(8, '0');
  return {
    exact: hex() + hex(),
    simhash: hex() + hex(),
    skeleton,
    vocabulary,
    shortOnly: new Uint8Array(Math.ceil(vocabulary.length / 8)),
    title: Uint32Array.from({ length: 10 }, () => hashString(contentWord())),
    chrome: new Uint8Array(Math.ceil(skeleton.length / 8)),
    skeletonDistinct: new Set(skeleton).size,
    words,
    repetition: 0,
  };
}

function bytesInUse(): number {
  (globalThis as { gc?: () => void }).gc?.();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

const store = new InMemoryFingerprintStore();
const detector = createCopyDetector(store);
const recent: string[] = [];
const baseBytes = bytesInUse();
let filled = 0;
const results: { size: number; usPerArticle: number; bytesPerArticle: number; copiesFound: number }[] = [];
process.stderr.write(`filling to ${sizes.join(', ')} stored articles, ${queries} timed queries each\n`);
const t0 = performance.now();
for (const size of sizes) {
  while (filled < size) {
    if (recent.length < 5000) {
      const text = body();
      detector.detect(article(text));
      recent.push(text);
    } else {
      const id = `s${nextId++}`;
      const fp = syntheticFingerprint();
      store.put({ id, source: `site${filled % 5000}`, url: `https://x.example/${id}`, published: 1_600_000_000_000 + filled, fingerprint: fp }, indexKeys(fp));
    }
    filled++;
    if (filled % 100_000 === 0) process.stderr.write(`  filled ${filled} (${((performance.now() - t0) / 1000).toFixed(0)} s)\n`);
  }
  const bytesPerArticle = (bytesInUse() - baseBytes) / filled;
  // Queries: 1/4 verbatim copies, 1/4 truncated, 1/4 spun, 1/4 new. Texts are prepared outside the timing.
  const qs: CopyArticle[] = [];
  for (let i = 0; i < queries; i++) {
    const base = pick(recent);
    const k = i % 4;
    const text = k === 0 ? base : k === 1 ? base.slice(0, Math.floor(base.length * 0.5)) : k === 2 ? spin(base) : body();
    qs.push(article(text));
  }
  let copiesFound = 0;
  for (let i = 0; i < WARMUP; i++) detector.detect(article(i % 2 ? pick(recent) : body())); // JIT warm-up
  const start = performance.now();
  const cpu0 = process.cpuUsage();
  for (const q of qs) if (detector.detect(q).verdict.copyOf) copiesFound++;
  const cpu = process.cpuUsage(cpu0);
  const wallUs = ((performance.now() - start) * 1000) / queries;
  const usPerArticle = (cpu.user + cpu.system) / queries;
  results.push({ size, usPerArticle, bytesPerArticle, copiesFound });
  filled += queries + WARMUP;
  console.log(
    `store ${size.toLocaleString('en')} articles: detect ${usPerArticle.toFixed(0)} µs CPU/article ` +
      `(${wallUs.toFixed(0)} µs wall), ${Math.round(bytesPerArticle)} bytes/stored article ` +
      `(heap + typed arrays; index ${Math.round(store.indexBytes / store.size)}), ` +
      `copies found ${copiesFound}/${(queries * 3) / 4} expected`,
  );
}
const first = results[0]!;
const last = results[results.length - 1]!;
console.log(
  `ratio time(${last.size.toLocaleString('en')}) / time(${first.size.toLocaleString('en')}) = ${(last.usPerArticle / first.usPerArticle).toFixed(2)} (target ≤ 1.5); ` +
    `word-frequency sketch ${(detector.sketchBytes / 1048576).toFixed(0)} MiB fixed`,
);
