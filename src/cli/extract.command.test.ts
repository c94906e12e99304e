import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCommand } from './testing.ts';
import { makeRegisterExtract, registerExtract } from './extract.command.ts';

const fixture = readFileSync(new URL('../pipeline/extract/testdata/news-article.html', import.meta.url), 'utf8');

function run(args: string[], register = registerExtract) {
  return runCommand(register, args);
}

test('extract --batch: one line per input, in input order, failures as error lines', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'newsdesk-extract-'));
  const input = join(dir, 'in.jsonl');
  const para = (s: string) => `<article><p>${s} ${'This sentence makes the paragraph long enough to be prose. '.repeat(3)}</p></article>`;
  const lines = [
    JSON.stringify({ id: 'a', url: 'https://gazette.example/2024/03/05/bridge', html: fixture }),
    JSON.stringify({ id: 'b', url: 'https://x.example/', html: '' }),
    'not json',
    ...Array.from({ length: 12 }, (_, i) => JSON.stringify({ id: `p${i}`, url: 'https://x.example/', html: para(`Page ${i}.`) })),
  ];
  writeFileSync(input, lines.join('\n') + '\n');
  const { out, code } = await run(['extract', '--batch', input, '--jobs', '2']);
  assert.equal(code, 0);
  const rows = out.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
  assert.equal(rows.length, lines.length);
  assert.deepEqual(rows.map((r) => r['id']), ['a', 'b', null, ...Array.from({ length: 12 }, (_, i) => `p${i}`)]);
  const a = rows[0] as Record<string, unknown>;
  assert.equal(a['title'], 'Council approves new river bridge');
  assert.equal(a['byline'], 'Jane Miller; Tom Baker');
  assert.equal(a['published'], '2024-03-05T08:30:00+01:00');
  assert.match(String(a['text']), /^The city council voted/);
  assert.match(String(a['html']), /<h2>A long debate<\/h2>/);
  assert.deepEqual(Object.keys(a), ['id', 'title', 'byline', 'published', 'text', 'html']);
  assert.match(String(rows[1]?.['error']), /no-content/);
  assert.equal(rows[2]?.['error'], 'invalid JSON line');
  rows.slice(3).forEach((r, i) => assert.match(String(r['text']), new RegExp(`^Page ${i}\\.`)));
});

test('extract <file> prints the article; a URL without a fetcher is a clear usage error', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'newsdesk-extract-'));
  const file = join(dir, 'page.html');
  writeFileSync(file, fixture);
  const one = await run(['extract', file, '--url', 'https://gazette.example/news/bridge']);
  assert.equal(one.code, 0);
  const article = JSON.parse(one.out) as Record<string, unknown>;
  assert.equal(article['title'], 'Council approves new river bridge');
  assert.equal(article['leadImage'], 'https://gazette.example/img/bridge.jpg');

  const url = await run(['extract', 'https://gazette.example/news/bridge']);
  assert.equal(url.code, 2);
  assert.match(url.err, /fetching URLs is not wired in yet/);

  const missing = await run(['extract', join(dir, 'nope.html')]);
  assert.equal(missing.code, 2);
  assert.match(missing.err, /ENOENT/);
});

test('extract <url> uses an injected fetcher', async () => {
  const register = makeRegisterExtract({
    fetchPage: async (u) => ({ url: u, body: new Uint8Array(Buffer.from(fixture)), charset: 'utf-8' }),
  });
  const res = await run(['extract', 'https://gazette.example/news/2024/03/05/bridge'], register);
  assert.equal(res.code, 0);
  assert.match(String((JSON.parse(res.out) as Record<string, unknown>)['text']), /pedestrian bridge/);
});
