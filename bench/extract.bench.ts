/**
 * Extraction speed and memory: our extractArticle vs @mozilla/readability on linkedom (parse + Readability.parse),
 * on the same pages in one run. Each approach runs in its own child process (so peak RSS is its own), twice,
 * alternating, and the better round counts (the machine is shared; alternation evens out load drift).
 *
 *   node --import tsx bench/extract.bench.ts [--pages N|all] [--rounds R]
 *
 * Pages: ../shared/data/extraction-dev (N evenly spaced pages, default 150) when present, else synthetic articles.
 * Both approaches get the page as a decoded string (charset decoding is ours only and excluded).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';

const args = process.argv.slice(2);
const opt = (name: string, dflt: string): string => {
  const i = args.indexOf(name);
  return i >= 0 ? (args[i + 1] ?? dflt) : dflt;
};
const DEV = resolve(fileURLToPath(new URL('../../shared/data/extraction-dev', import.meta.url)));

async function loadPages(n: string): Promise<{ pages: string[]; source: string }> {
  if (existsSync(join(DEV, 'gold.json'))) {
    const { decodeHtml } = await import('../src/pipeline/extract/index.ts');
    const gold = JSON.parse(readFileSync(join(DEV, 'gold.json'), 'utf8')) as { id: string }[];
    const count = n === 'all' ? gold.length : Math.min(gold.length, Number(n));
    const step = gold.length / count;
    const pages: string[] = [];
    for (let i = 0; i < count; i++) {
      const g = gold[Math.floor(i * step)] as { id: string };
      const bytes = gunzipSync(readFileSync(join(DEV, 'html', `${g.id}.html.gz`)));
      pages.push(decodeHtml(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length)).text);
    }
    return { pages, source: `${pages.length} pages of extraction-dev` };
  }
  const count = n === 'all' ? 200 : Number(n);
  const pages = Array.from({ length: count }, (_, i) => syntheticPage(i));
  return { pages, source: `${count} synthetic pages` };
}

function syntheticPage(i: number): string {
  const para = (j: number) => `<p>Paragraph ${j} of synthetic article ${i}: ${'lorem ipsum dolor sit amet, consectetur adipiscing elit. '.repeat(4 + (j % 5))}</p>`;
  const nav = `<nav><ul>${Array.from({ length: 30 }, (_, k) => `<li><a href="/s${k}">Section ${k}</a></li>`).join('')}</ul></nav>`;
  const related = `<div class="related"><h3>Related</h3><ul>${Array.from({ length: 10 }, (_, k) => `<li><a href="/r${k}">Related story ${k}</a></li>`).join('')}</ul></div>`;
  return `<!doctype html><html><head><title>Article ${i} | Site</title><script>${'var x=1;'.repeat(2000)}</script></head><body>${nav}<main><article><h1>Article ${i}</h1>${Array.from({ length: 8 + (i % 12) }, (_, j) => para(j)).join('')}${related}</article></main><footer>© Site</footer></body></html>`;
}

interface ChildResult {
  approach: string;
  ms: number[];
  maxRssMiB: number;
  chars: number;
}

async function child(approach: string): Promise<void> {
  const { pages } = await loadPages(opt('--pages', '150'));
  let run: (html: string) => number;
  if (approach === 'ours') {
    const { extractArticle } = await import('../src/pipeline/extract/index.ts');
    run = (html) => {
      const r = extractArticle(html, { url: 'https://bench.invalid/a' });
      return r.ok ? r.value.text.length : 0;
    };
  } else {
    const { parseHTML } = await import('linkedom');
    const { Readability } = await import('@mozilla/readability');
    run = (html) => {
      try {
        const { document } = parseHTML(html);
        return new Readability(document as never).parse()?.textContent?.length ?? 0;
      } catch {
        return 0;
      }
    };
  }
  for (const p of pages.slice(0, 5)) run(p); // warm-up (JIT)
  const ms: number[] = [];
  let chars = 0;
  for (const p of pages) {
    const t = performance.now();
    chars += run(p);
    ms.push(performance.now() - t);
  }
  const res: ChildResult = { approach, ms, maxRssMiB: process.resourceUsage().maxRSS / 1024, chars };
  process.stdout.write(JSON.stringify(res));
}

function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? NaN;
}

async function main(): Promise<void> {
  const approach = opt('--child', '');
  if (approach) return child(approach);
  const rounds = Number(opt('--rounds', '2'));
  const { source } = await loadPages('0');
  const best = new Map<string, { median: number; p95: number; rss: number; mean: number }>();
  const me = fileURLToPath(import.meta.url);
  for (let r = 0; r < rounds; r++) {
    for (const a of r % 2 === 0 ? ['readability', 'ours'] : ['ours', 'readability']) {
      const out = spawnSync(process.execPath, ['--import', 'tsx', me, ...args, '--child', a], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
      if (out.status !== 0) throw new Error(`child ${a} failed: ${out.stderr}`);
      const res = JSON.parse(out.stdout) as ChildResult;
      const cur = { median: quantile(res.ms, 0.5), p95: quantile(res.ms, 0.95), rss: res.maxRssMiB, mean: res.ms.reduce((x, y) => x + y, 0) / res.ms.length };
      const prev = best.get(a);
      best.set(a, prev ? { median: Math.min(prev.median, cur.median), p95: Math.min(prev.p95, cur.p95), rss: Math.min(prev.rss, cur.rss), mean: Math.min(prev.mean, cur.mean) } : cur);
      console.error(`round ${r + 1} ${a.padEnd(11)} median ${cur.median.toFixed(1)} ms  p95 ${cur.p95.toFixed(1)} ms  mean ${cur.mean.toFixed(1)} ms  peak RSS ${cur.rss.toFixed(0)} MiB`);
    }
  }
  const o = best.get('ours');
  const b = best.get('readability');
  if (!o || !b) return;
  const pages = opt('--pages', '150');
  console.log(`extract bench — ${source.replace(/^0 /, `${pages} `)}, best of ${rounds} rounds`);
  console.log('                      median ms   p95 ms   mean ms   peak RSS MiB');
  console.log(`ours                  ${o.median.toFixed(1).padStart(9)} ${o.p95.toFixed(1).padStart(8)} ${o.mean.toFixed(1).padStart(9)} ${o.rss.toFixed(0).padStart(14)}`);
  console.log(`readability+linkedom  ${b.median.toFixed(1).padStart(9)} ${b.p95.toFixed(1).padStart(8)} ${b.mean.toFixed(1).padStart(9)} ${b.rss.toFixed(0).padStart(14)}`);
  console.log(`ratio ours/readability: median ${(o.median / b.median).toFixed(2)}  p95 ${(o.p95 / b.p95).toFixed(2)}  mean ${(o.mean / b.mean).toFixed(2)}  peak RSS ${(o.rss / b.rss).toFixed(2)}  (< 1 = ours faster/smaller)`);
}

await main();
