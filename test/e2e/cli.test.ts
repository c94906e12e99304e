/** The `newsdesk` binary as a user runs it: help, config errors, OPML in and out, `start` answering /healthz. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { freePort, runNewsdesk, startNewsdesk, tempDir, waitFor } from './helpers.ts';

const DEFAULT_OPML = fileURLToPath(new URL('../../data/sources.opml', import.meta.url));

test('--help lists the commands, and every command has --help', async () => {
  const r = await runNewsdesk(['--help']);
  assert.equal(r.code, 0);
  for (const cmd of ['start', 'serve', 'worker', 'migrate', 'demo', 'sources', 'import', 'export', 'refresh', 'config']) {
    assert.match(r.stdout, new RegExp(`^  ${cmd}\\b`, 'm'), cmd);
  }
  const sub = await runNewsdesk(['refresh', '--help']);
  assert.equal(sub.code, 0);
  assert.match(sub.stdout, /--all/);
});

test('a bad config value exits 2 naming the variable and what is allowed', async () => {
  const r = await runNewsdesk(['config'], { NEWSDESK_PORT: 'eighty' });
  assert.equal(r.code, 2);
  assert.match(r.stderr, /NEWSDESK_PORT/);
  const ok = await runNewsdesk(['config'], { NEWSDESK_SESSION_SECRET: 'hunter2' });
  assert.equal(ok.code, 0);
  assert.doesNotMatch(ok.stdout, /hunter2/);
  assert.equal(JSON.parse(ok.stdout).sessionSecret, '[redacted]');
  assert.equal((await runNewsdesk(['no-such-command'])).code, 2);
});

test('the default sources import, list and export; a broken OPML imports nothing', async () => {
  const env = { NEWSDESK_DATA_DIR: tempDir() };
  const imported = await runNewsdesk(['import', DEFAULT_OPML], env);
  assert.equal(imported.code, 0, imported.stderr);
  const m = imported.stdout.match(/imported (\d+) sources: (\d+) new/);
  assert.ok(m && Number(m[2]) >= 100, imported.stdout);
  const list = await runNewsdesk(['sources', 'list', '--json'], env);
  const rows = list.stdout.trim().split('\n').map((l) => JSON.parse(l) as { url: string; country: string | null });
  assert.equal(rows.length, Number(m[2]));
  assert.ok(new Set(rows.map((r) => r.country)).size >= 20, 'sources from many countries');
  const set = await runNewsdesk(['sources', 'set', rows[0]!.url, '--full-text', 'never', '--no-premium', '--disable'], env);
  assert.equal(set.code, 0, set.stderr);
  assert.match(set.stdout, /full text never, free, disabled/);
  assert.equal((await runNewsdesk(['sources', 'set', rows[0]!.url, '--full-text', 'sometimes'], env)).code, 2, 'bad choice');
  const exported = await runNewsdesk(['export'], env);
  assert.match(exported.stdout, /^<\?xml/);
  const dir = tempDir();
  writeFileSync(join(dir, 'out.opml'), exported.stdout);
  writeFileSync(join(dir, 'broken.opml'), '<opml><body><outline xmlUrl="https://new.example/feed">\n</opml>');
  const env2 = { NEWSDESK_DATA_DIR: tempDir() };
  const broken = await runNewsdesk(['import', join(dir, 'broken.opml')], env2);
  assert.equal(broken.code, 1);
  assert.match(broken.stderr, /line \d+, column \d+/);
  assert.equal((await runNewsdesk(['sources', 'list', '--json'], env2)).stdout.trim(), '', 'nothing imported');
  const again = await runNewsdesk(['import', join(dir, 'out.opml')], env2);
  assert.match(again.stdout, new RegExp(`imported ${rows.length} sources: ${rows.length} new`));
});

test('start answers /healthz and shuts down cleanly on SIGTERM', async () => {
  const port = await freePort();
  const app = startNewsdesk(['start'], {
    NEWSDESK_DATA_DIR: tempDir(),
    NEWSDESK_PORT: String(port),
    NEWSDESK_LOAD_DEFAULT_SOURCES: 'false',
  });
  try {
    const health = await waitFor('/healthz', 20_000, async () => {
      const res = await fetch(`http://127.0.0.1:${port}/healthz`);
      return res.ok ? ((await res.json()) as { status: string }) : undefined;
    });
    assert.equal(health.status, 'ok');
    const home = await (await fetch(`http://127.0.0.1:${port}/`)).text();
    assert.match(home, /No sources yet/);
  } finally {
    assert.equal(await app.stop(), 0, app.output());
  }
});
