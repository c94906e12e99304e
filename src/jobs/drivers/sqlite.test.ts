import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { openDatabase, type Database } from '../../storage/database.ts';
import { migrateToLatest } from '../../storage/migrate.ts';
import { runQueueContract, waitFor, type QueueHarness } from '../queue.contract.ts';
import { defineJob } from '../queue.ts';
import { createSqliteQueue } from './sqlite.ts';
import { createQueueForDatabase } from '../index.ts';
import { dropSchema, findTestPostgres, randomSchemaName } from '../../storage/testing.ts';

const POLL_MS = 20;

/** A fresh SQLite file in a temp dir; `openAnother` opens a second connection to it, like a second process. */
async function sqliteHarness(): Promise<QueueHarness> {
  const dir = await mkdtemp(join(tmpdir(), 'newsdesk-queue-'));
  const path = join(dir, 'jobs.db');
  const first = await openDatabase({ url: path });
  await migrateToLatest(first.db);
  const opened: Database[] = [first];
  return {
    queue: createSqliteQueue(first, { pollIntervalMs: POLL_MS }),
    openAnother: async () => {
      const other = await openDatabase({ url: path });
      opened.push(other);
      return createSqliteQueue(other, { pollIntervalMs: POLL_MS });
    },
    cleanup: async () => {
      for (const database of opened) await database.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

runQueueContract('sqlite (table driver on SQLite)', sqliteHarness);

const postgres = await findTestPostgres();
if ('url' in postgres) {
  const url = postgres.url;
  runQueueContract('sqlite (table driver on PostgreSQL)', async () => {
    const schema = randomSchemaName();
    const first = await openDatabase({ url, pgSchema: schema, poolSize: 4 });
    await migrateToLatest(first.db);
    const opened: Database[] = [first];
    return {
      queue: createSqliteQueue(first, { pollIntervalMs: POLL_MS }),
      openAnother: async () => {
        const other = await openDatabase({ url, pgSchema: schema, poolSize: 4 });
        opened.push(other);
        return createSqliteQueue(other, { pollIntervalMs: POLL_MS });
      },
      cleanup: async () => {
        for (const database of opened) await database.close();
        await dropSchema(url, schema);
      },
    };
  });
} else {
  test('sqlite (table driver on PostgreSQL)', (t) => t.skip(postgres.skip));
}

describe('sqlite driver specifics', () => {
  test('two worker processes on one file never run a job twice', async () => {
    const harness = await sqliteHarness();
    const other = await harness.openAnother!();
    try {
      const def = defineJob({ name: 'both-workers', schema: z.object({ i: z.number() }) });
      const runs = new Map<number, number>();
      for (const queue of [harness.queue, other]) {
        queue.work(
          def,
          async ({ i }) => {
            runs.set(i, (runs.get(i) ?? 0) + 1);
            await new Promise((resolve) => setTimeout(resolve, 1));
          },
          { concurrency: 3 },
        );
      }
      for (let i = 0; i < 60; i += 1) await harness.queue.enqueue(def, { i });
      await Promise.all([harness.queue.start(), other.start()]);
      await waitFor(async () => (await other.stats(def.name)).completed === 60, 10_000, 'all jobs');
      assert.equal(runs.size, 60);
      assert.ok([...runs.values()].every((n) => n === 1), 'a job ran twice');
    } finally {
      await harness.queue.stop();
      await other.stop();
      await harness.cleanup();
    }
  });

  test('createQueueForDatabase picks the table driver on SQLite and refuses pg-boss there', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'newsdesk-queue-'));
    const database = await openDatabase({ url: join(dir, 'jobs.db') });
    try {
      await migrateToLatest(database.db);
      assert.throws(() => createQueueForDatabase(database, { driver: 'pg-boss' }), /PostgreSQL/);
      const queue = createQueueForDatabase(database);
      await queue.enqueue(defineJob({ name: 'wired', schema: z.object({}) }), {});
      assert.equal((await queue.stats('wired')).queued, 1);
      await queue.stop();
    } finally {
      await database.close();
      await rm(dir, { recursive: true, force: true });
    }
  });

  test('purgeFinished deletes finished jobs older than the cut-off only', async () => {
    const harness = await sqliteHarness();
    const queue = harness.queue as ReturnType<typeof createSqliteQueue>;
    try {
      const def = defineJob({ name: 'purge-me', schema: z.object({}) });
      queue.work(def, async () => {});
      await queue.start();
      await queue.enqueue(def, {});
      await waitFor(async () => (await queue.stats()).completed === 1, 5000, 'completion');
      await queue.enqueue(def, {}, { delayMs: 60_000 });
      assert.equal(await queue.store.purgeFinished(Date.now() - 60_000), 0);
      assert.equal(await queue.store.purgeFinished(Date.now() + 1), 1);
      assert.deepEqual(await queue.stats(), { queued: 1, active: 0, failed: 0, completed: 0 });
    } finally {
      await queue.stop();
      await harness.cleanup();
    }
  });
});
