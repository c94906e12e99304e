import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { registerCluster, parseClusterCorpus } from './cluster.command.ts';
import { runCommand } from './testing.ts';

const run = (args: string[]) => runCommand(registerCluster, args);

const FLOOD = [
  'Floods in Valencia: the Turia river burst its banks on Tuesday and 62 people died, said regional president Carlos Mazon. Rescuers searched Paiporta through the night.',
  'Valencia floods kill 62 as the Turia overflows; Mazon asked for army help while rescuers reached Paiporta by boat.',
  'Rescuers in Paiporta near Valencia pulled survivors from cars after the Turia flood; the death toll stands at 62, Mazon said.',
];
const FIRE = [
  'A wildfire near Athens forced thousands to flee on Sunday as 40 km/h winds pushed flames toward Varnavas, said fire brigade spokesman Yiannis Artopios.',
  'Residents of Varnavas north of Athens fled the wildfire on Sunday; fire brigade spokesman Yiannis Artopios said 400 firefighters fought flames driven by 40 km/h winds.',
];

test('cluster --in prints one { id, story } line per input line in input order; two events stay apart', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cluster-cli-'));
  try {
    const rows = [
      { id: 'f0', date: null, title: 'Valencia floods', text: FLOOD[0] },
      { id: 'w0', date: null, title: 'Athens wildfire', text: FIRE[0] },
      { id: 'f1', date: null, title: 'Floods kill 62 in Valencia', text: FLOOD[1], source: 'elpais', lang: 'en' },
      { id: 'w1', date: null, title: 'Varnavas evacuated', text: FIRE[1], url: 'https://example.org/w1' },
      { id: 'f2', date: null, title: 'Paiporta rescue', text: FLOOD[2] },
    ];
    const file = join(dir, 'articles.jsonl');
    writeFileSync(file, rows.map((r) => JSON.stringify(r)).join('\n') + '\n');
    const { out, code, err } = await run(['cluster', '--in', file]);
    assert.equal(code, 0, err);
    const lines = out.trim().split('\n').map((l) => JSON.parse(l) as { id: string; story: string });
    assert.deepEqual(lines.map((l) => l.id), ['f0', 'w0', 'f1', 'w1', 'f2']);
    assert.deepEqual(Object.keys(lines[0]!), ['id', 'story']);
    const story = new Map(lines.map((l) => [l.id, l.story]));
    assert.equal(story.get('f1'), story.get('f0'));
    assert.equal(story.get('f2'), story.get('f0'));
    assert.equal(story.get('w1'), story.get('w0'));
    assert.notEqual(story.get('w0'), story.get('f0'));

    // Same corpus gzipped, pure online mode: same grouping.
    const gz = join(dir, 'articles.jsonl.gz');
    writeFileSync(gz, gzipSync(rows.map((r) => JSON.stringify(r)).join('\n')));
    const online = await run(['cluster', '--in', gz, '--no-repair']);
    assert.equal(online.code, 0);
    assert.equal(online.out.trim().split('\n').length, 5);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('cluster processes in date order: a story that has aged does not attract a late article', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cluster-cli-'));
  try {
    // Input order is not date order: the late copy of the story comes first in the file.
    const rows = [
      { id: 'late', date: '2024-12-20T10:00:00Z', title: 'Valencia floods', text: FLOOD[2] },
      { id: 'f0', date: '2024-10-29T20:00:00Z', title: 'Valencia floods', text: FLOOD[0] },
      { id: 'f1', date: '2024-10-30T08:00:00Z', title: 'Floods kill 62 in Valencia', text: FLOOD[1] },
    ];
    const file = join(dir, 'articles.jsonl');
    writeFileSync(file, rows.map((r) => JSON.stringify(r)).join('\n'));
    const { out } = await run(['cluster', '--in', file]);
    const story = new Map(out.trim().split('\n').map((l) => JSON.parse(l) as { id: string; story: string }).map((l) => [l.id, l.story]));
    assert.equal(story.get('f1'), story.get('f0'));
    assert.notEqual(story.get('late'), story.get('f0'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('cluster reports unreadable files and bad lines with exit code 1', async () => {
  const missing = await run(['cluster', '--in', '/nonexistent/articles.jsonl']);
  assert.equal(missing.code, 1);
  assert.match(missing.err, /cannot read/);
  assert.deepEqual(parseClusterCorpus('{"id":"a","date":null,"title":"t","text":"x"}\nnot json\n'), { ok: false, error: 'line 2: not JSON' });
  const dup = parseClusterCorpus('{"id":"a","date":null,"title":"t","text":"x"}\n{"id":"a","date":null,"title":"t","text":"y"}');
  assert.equal(dup.ok, false);
  const noId = parseClusterCorpus('{"date":null,"title":"t","text":"x"}');
  assert.equal(noId.ok, false);
  const ok = parseClusterCorpus('{"id":7,"title":"t","text":"x"}\n\n');
  assert.deepEqual(ok, { ok: true, articles: [{ id: '7', date: null, title: 't', text: 'x' }] });
});
