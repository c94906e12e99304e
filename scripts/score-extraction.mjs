#!/usr/bin/env node
// Runs extractArticle over the extraction dev set (read from ../shared at run time, never copied) and writes the
// prediction file the team scorer reads, then scores it.
//   node scripts/score-extraction.mjs [--out /tmp/extract-pred.jsonl] [--every K] [--offset O] [--limit N] [--no-score]
//   --every K [--offset O]: only pages with index % K == O (quick iteration on a subset); --limit N: first N pages.
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { join, resolve } from 'node:path';
import { spawnSync } from 'node:child_process';
import { register } from 'tsx/esm/api';

register();
const { extractArticle } = await import('../src/pipeline/extract/index.ts');

const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : dflt;
};
const root = resolve(opt('--set', '../shared/data/extraction-dev'));
const out = resolve(opt('--out', '/tmp/extract-pred.jsonl'));
const every = Number(opt('--every', '1'));
const limit = Number(opt('--limit', 'Infinity'));
const offset = Number(opt('--offset', '0'));
if (!existsSync(join(root, 'gold.json'))) {
  console.error(`dev set not found at ${root}`);
  process.exit(2);
}
const gold = JSON.parse(readFileSync(join(root, 'gold.json'), 'utf8'));
const picked = gold.filter((_, i) => i % every === offset % every).slice(0, limit);
const lines = [];
const failures = {};
const t0 = performance.now();
for (const item of picked) {
  const bytes = gunzipSync(readFileSync(join(root, 'html', `${item.id}.html.gz`)));
  const url = /^https?:/.test(item.url) ? item.url : `https://example.invalid/${item.id}`;
  const res = extractArticle(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length), { url });
  if (res.ok) {
    const a = res.value;
    lines.push(JSON.stringify({ id: item.id, articleBody: a.text, title: a.title, byline: a.byline, date: a.published }));
  } else {
    failures[res.error.kind] = (failures[res.error.kind] ?? 0) + 1;
    lines.push(JSON.stringify({ id: item.id, articleBody: '', error: res.error.message }));
  }
}
const ms = performance.now() - t0;
writeFileSync(out, lines.join('\n') + '\n');
console.error(`${picked.length} pages in ${(ms / 1000).toFixed(1)} s (${(ms / picked.length).toFixed(1)} ms/page); failures ${JSON.stringify(failures)}; wrote ${out}`);
if (!args.includes('--no-score')) {
  // Score only the pages we ran, so a subset is comparable with itself.
  const goldSub = join('/tmp', `extract-gold-subset-${process.pid}.json`);
  writeFileSync(goldSub, JSON.stringify(picked));
  spawnSync(process.execPath, [resolve('../shared/tools/extraction-dev-score.mjs'), '--gold', goldSub, out], { stdio: 'inherit' });
}
