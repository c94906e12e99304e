// The committed corpus must be exactly what scripts/build-demo-corpus.ts makes from the shared dev set (so nobody
// hand-edits it, and the builder stays deterministic). Skipped when ../shared is absent (a fresh clone elsewhere).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { defaultDemoCorpusPath } from './corpus.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const input = join(root, '../shared/data/copies-dev/corpus.jsonl');

test('the builder reproduces data/demo/corpus.jsonl.gz (content, whatever zlib version compressed it)', { skip: !existsSync(input) && 'no ../shared' }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'newsdesk-demo-'));
  try {
    const out = join(dir, 'corpus.jsonl.gz');
    const run = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'scripts/build-demo-corpus.ts'), input, out], {
      cwd: root,
      encoding: 'utf8',
    });
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /148 feeds .* 956 articles/);
    const built = gunzipSync(readFileSync(out));
    const committed = gunzipSync(readFileSync(defaultDemoCorpusPath()));
    assert.ok(built.equals(committed), 'committed corpus is stale: rebuild it');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the builder never reads gold labels', () => {
  const source = readFileSync(join(root, 'scripts/build-demo-corpus.ts'), 'utf8');
  assert.doesNotMatch(source.replace(/\/\/.*$/gm, ''), /gold/);
});
