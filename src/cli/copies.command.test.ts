import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { registerCopies, parseCorpus } from './copies.command.ts';
import { runCommand } from './testing.ts';

const run = (args: string[]) => runCommand(registerCopies, args);

const BODY =
  'The council voted on Monday to keep all four branch libraries open for another year, reversing a plan that ' +
  'would have closed the two smallest sites in the north of the borough. Councillors approved the change by ' +
  'twenty-one votes to nine after a debate that lasted more than three hours, and campaigners in the gallery ' +
  'cheered. The finance committee had argued that the branches were too expensive to run because of their age.';

test('copies --in prints one verdict line per input line, in input order, with the original credited', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'copies-cli-'));
  try {
    const file = join(dir, 'corpus.jsonl');
    const rows = [
      { id: 'copy', source: 'mirror', url: 'https://m.example/1', published: '2024-05-02T10:00:00Z', title: 'Libraries stay open', text: BODY },
      { id: 'orig', source: 'city', url: 'https://c.example/1', published: '2024-05-02T09:00:00Z', title: 'Libraries stay open', text: BODY },
      { id: 'other', source: 'city', url: 'https://c.example/2', published: '2024-05-02T11:00:00Z', title: 'Weather', text: 'Rain is expected tomorrow across the region, with sunshine returning by the weekend.' },
    ];
    writeFileSync(file, rows.map((r) => JSON.stringify(r)).join('\n') + '\n');
    const { out, code } = await run(['copies', '--in', file]);
    assert.equal(code, 0);
    const lines = out.trim().split('\n').map((l) => JSON.parse(l));
    assert.deepEqual(lines, [
      { id: 'copy', copyOf: 'orig', kind: 'syndicated', similarity: 1 },
      { id: 'orig', copyOf: null, kind: 'original', similarity: 1 },
      { id: 'other', copyOf: null, kind: null, similarity: 0 },
    ]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('copies --in fails with exit 1 on a missing file or a bad line', async () => {
  const missing = await run(['copies', '--in', '/nonexistent/corpus.jsonl']);
  assert.equal(missing.code, 1);
  assert.match(missing.err, /cannot read/);
  assert.deepEqual(parseCorpus('{"id":"a","text":"x"}\nnot json\n'), { ok: false, error: 'line 2: not JSON' });
  const bad = parseCorpus('{"text":"no id"}');
  assert.equal(bad.ok, false);
  const ok = parseCorpus('\n{"id":"a","source":"s","url":null,"published":null,"title":"t","text":"x"}\n');
  assert.deepEqual(ok, { ok: true, articles: [{ id: 'a', source: 's', url: '', published: null, title: 't', text: 'x' }] });
});
