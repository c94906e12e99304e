import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { registerSanitize } from './sanitize.command.ts';
import { runCommand } from './testing.ts';
import { sanitizeHtml } from '../pipeline/sanitize/index.ts';

/** Runs `sanitize <args>` in-process (program.ts registers it the same way). */
async function run(args: string[], stdin = ''): Promise<{ stdout: string; stderr: string; code: number }> {
  const r = await runCommand(registerSanitize, ['sanitize', ...args], stdin);
  return { stdout: r.out, stderr: r.err, code: r.code };
}

test('sanitize --batch: one output line per input line, in order, through sanitizeHtml; bad lines give errors', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'newsdesk-sanitize-'));
  try {
    const html = '<p onclick="x()">Hi <a href="/a">a</a><img src="i.png"><script>alert(1)</script></p>';
    const lines = [
      JSON.stringify({ id: 'a1', html, url: 'https://site.example/post/1' }),
      '{ not json',
      JSON.stringify({ id: 2, html: '<b>no url</b><a href="/rel">r</a>' }),
      '',
      JSON.stringify({ id: 'x', html: 42 }),
      JSON.stringify({ html: '<p>no id</p>' }),
      JSON.stringify({ id: 'u', html: '<p>x</p>', url: 5 }),
      JSON.stringify([1, 2]),
      JSON.stringify({ id: 'last', html: '<h2>end</h2>', url: null }),
    ];
    const file = join(dir, 'in.jsonl');
    writeFileSync(file, lines.join('\r\n') + '\n');
    const { stdout, stderr, code } = await run(['--batch', file]);
    assert.equal(code, 0);
    const out = stdout.trimEnd().split('\n').map((l) => JSON.parse(l));
    assert.equal(out.length, 8, 'blank line skipped, every other line answered');
    assert.deepEqual(out[0], { id: 'a1', html: sanitizeHtml(html, { baseUrl: 'https://site.example/post/1' }) });
    assert.match(out[0].html, /href="https:\/\/site\.example\/a"/);
    assert.doesNotMatch(out[0].html, /onclick|script/);
    assert.equal(out[1].id, null);
    assert.match(out[1].error, /invalid JSON/);
    assert.deepEqual(out[2], { id: 2, html: '<b>no url</b><a>r</a>' });
    assert.deepEqual(out[3], { id: 'x', error: '"html" must be a string' });
    assert.deepEqual(out[4], { id: null, error: '"id" must be a string or a number' });
    assert.deepEqual(out[5], { id: 'u', error: '"url" must be a string or null' });
    assert.equal(out[6].id, null);
    assert.deepEqual(out[7], { id: 'last', html: '<h2>end</h2>' });
    assert.match(stderr, /3 sanitized, 5 bad line/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('sanitize --batch -: reads stdin', async () => {
  const { stdout, code } = await run(['--batch', '-'], '{"id":"s","html":"<i>x</i><style>p{}</style>"}\n');
  assert.equal(code, 0);
  assert.equal(stdout, '{"id":"s","html":"<i>x</i>"}\n');
});

test('sanitize --batch: an unreadable file is exit code 1', async () => {
  const { code, stderr, stdout } = await run(['--batch', join(tmpdir(), 'newsdesk-no-such-file.jsonl')]);
  assert.equal(code, 1);
  assert.equal(stdout, '');
  assert.match(stderr, /cannot read/);
});
