import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { z } from 'zod';
import { openDatabase, type Database } from '../../storage/database.ts';
import { runQueueContract, waitFor } from '../queue.contract.ts';
import { defineJob } from '../queue.ts';
import { createPostgresQueue } from './postgres.ts';
import { dropSchema, findTestPostgres, randomSchemaName } from '../../storage/testing.ts';

const postgres = await findTestPostgres();

if ('url' in postgres) {
  const url = postgres.url;

  /** A fresh schema holding pg-boss's tables; each queue object gets its own pool, like a separate process. */
  async function harness() {
    const schema = randomSchemaName();
    const opened: Database[] = [];
    const open = async () => {
      const database = await openDatabase({ url, pgSchema: schema, poolSize: 4 });
      opened.push(database);
      return createPostgresQueue({ pool: database.pgPool!, schema, pollIntervalMs: 50, maintenanceIntervalSeconds: 1 });
    };
    const queue = await open();
    return {
      queue,
      openAnother: open,
      cleanup: async () => {
        for (const database of opened) {
          await database.close();
          // Database.close() leaves the pool open when Kysely never ran a query (its driver inits lazily).
          if (database.pgPool && !database.pgPool.ending) await database.pgPool.end();
        }
        await dropSchema(url, schema);
      },
    };
  }

  // pg-boss leases are whole seconds and expire on its maintenance tick (1 s here).
  runQueueContract('postgres (pg-boss)', harness, { leaseMs: 1000, waitMs: 8000 });

  describe('postgres driver specifics', () => {
    test('stores non-object payloads (arrays, strings) intact', async () => {
      const { queue, cleanup } = await harness();
      try {
        const list = defineJob({ name: 'pg-array', schema: z.array(z.number()) });
        const text = defineJob({ name: 'pg-string', schema: z.string() });
        const seen: unknown[] = [];
        queue.work(list, async (payload) => void seen.push(payload));
        queue.work(text, async (payload) => void seen.push(payload));
        await queue.start();
        await queue.enqueue(list, [1, 2, 3]);
        await queue.enqueue(text, 'hello');
        await waitFor(() => seen.length === 2, 5000, 'both jobs');
        assert.deepEqual(
          seen.sort((a, b) => (Array.isArray(a) ? -1 : Array.isArray(b) ? 1 : 0)),
          [[1, 2, 3], 'hello'],
        );
      } finally {
        await queue.stop();
        await cleanup();
      }
    });

    test('concurrent enqueues with one idempotency key from two processes create one job', async () => {
      const { queue, openAnother, cleanup } = await harness();
      const other = await openAnother();
      try {
        const def = defineJob({ name: 'pg-dedup', schema: z.object({}) });
        const results = await Promise.all(
          Array.from({ length: 20 }, (_, i) => (i % 2 ? queue : other).enqueue(def, {}, { idempotencyKey: 'k' })),
        );
        assert.equal(new Set(results.map((r) => r.id)).size, 1);
        assert.equal(results.filter((r) => !r.deduplicated).length, 1);
        assert.equal((await queue.stats(def.name)).queued, 1);
      } finally {
        await queue.stop();
        await other.stop();
        await cleanup();
      }
    });
  });
} else {
  test('postgres (pg-boss) queue', (t) => t.skip(postgres.skip));
}
