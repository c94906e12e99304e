/**
 * Scale-out on PostgreSQL with the real binary: `migrate`, `import`, two `worker` processes and one `serve`, against
 * the offline demo's feed server. Every feed is refreshed, every entry stored exactly once although two schedulers
 * claim from one table, exactly one worker analyzes (the analyzer lease), and the reader serves it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { testDatabaseUrl } from '../../src/config/test-env.ts';
import { postgresUnavailable } from '../../src/storage/testing.ts';
import { startDemoFeedServer } from '../../src/demo/index.ts';
import { freePort, runNewsdesk, startNewsdesk, tempDir, waitFor } from './helpers.ts';

const unavailable = await postgresUnavailable();

test('two workers and a server on one PostgreSQL store each entry once', { skip: unavailable ?? false }, async () => {
  const admin = new pg.Client({ connectionString: testDatabaseUrl()! });
  await admin.connect();
  const dbName = `newsdesk_e2e_${Date.now().toString(36)}`;
  await admin.query(`CREATE DATABASE ${dbName}`);
  const url = new URL(testDatabaseUrl()!);
  url.pathname = `/${dbName}`;
  const feeds = await startDemoFeedServer({ port: 0 });
  const opml = join(tempDir(), 'demo.opml');
  writeFileSync(opml, feeds.opml);
  const env = {
    DATABASE_URL: url.toString(),
    NEWSDESK_FETCH_ALLOW_PRIVATE: `127.0.0.1:${feeds.port}`,
    NEWSDESK_PER_HOST_CONCURRENCY: '8',
    NEWSDESK_LOAD_DEFAULT_SOURCES: 'false',
  };
  const procs: Array<ReturnType<typeof startNewsdesk>> = [];
  try {
    assert.equal((await runNewsdesk(['migrate'], env)).code, 0);
    const imported = await runNewsdesk(['import', opml], env);
    assert.match(imported.stdout, new RegExp(`imported ${feeds.feedCount} sources`));
    const port = await freePort();
    // Info logs: each worker says whether it built the analyzer ("analyzer ready").
    const workers = [1, 2].map(() => startNewsdesk(['worker'], { ...env, NEWSDESK_LOG_LEVEL: 'info' }));
    procs.push(...workers);
    procs.push(startNewsdesk(['serve'], { ...env, NEWSDESK_PORT: String(port) }));
    const client = new pg.Client({ connectionString: url.toString() });
    await client.connect();
    try {
      await waitFor('every answering demo feed refreshed', 120_000, async () => {
        const r = await client.query(`SELECT count(*)::int AS n FROM feeds WHERE last_success_at IS NOT NULL`);
        return r.rows[0].n >= feeds.feedCount - 3 ? true : undefined;
      });
      const dup = await client.query(`SELECT count(*)::int AS n FROM (SELECT feed_id, entry_key FROM articles GROUP BY 1, 2 HAVING count(*) > 1) d`);
      assert.equal(dup.rows[0].n, 0, 'no entry stored twice');
      const total = await client.query(`SELECT count(*)::int AS n FROM articles`);
      assert.ok(total.rows[0].n >= 900, `${total.rows[0].n} articles`);
      await waitFor('analysis of every article', 120_000, async () => {
        const r = await client.query(`SELECT count(*)::int AS n FROM articles WHERE analyzed = 0 AND full_text_status <> 'pending'`);
        return r.rows[0].n === 0 ? true : undefined;
      });
      const analyzers = workers.filter((w) => w.output().includes('analyzer ready'));
      assert.equal(analyzers.length, 1, 'one analyzer at a time, though both workers may run it');
      const errors = workers.flatMap((w) => w.output().split('\n').filter((l) => l.includes('"level":50')));
      assert.deepEqual(errors, [], 'no error logged by the workers');
      const unassigned = await client.query(`SELECT count(*)::int AS n FROM articles WHERE analyzed = 1 AND story_id IS NULL`);
      assert.equal(unassigned.rows[0].n, 0, 'every analyzed article is in a story');
      const home = await waitFor('the reader on PostgreSQL', 30_000, async () => {
        const res = await fetch(`http://127.0.0.1:${port}/`);
        return res.ok ? res.text() : undefined;
      });
      assert.match(home, /id="top"/, 'top stories');
      const ready = (await (await fetch(`http://127.0.0.1:${port}/readyz`)).json()) as { database: string };
      assert.equal(ready.database, 'postgres');
    } finally {
      await client.end();
    }
  } finally {
    for (const p of procs) assert.equal(await p.stop(), 0, p.output().slice(-2000));
    await feeds.close();
    await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await admin.end();
  }
});
