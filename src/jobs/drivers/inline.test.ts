import { test } from 'node:test';
import assert from 'node:assert/strict';
import { z } from 'zod';
import { runQueueContract } from '../queue.contract.ts';
import { defineJob } from '../queue.ts';
import { createInlineQueue } from './inline.ts';

runQueueContract('inline', async () => {
  const queue = createInlineQueue({ pollIntervalMs: 10 });
  return {
    queue,
    // A second inline queue on the same in-memory store plays a second worker process.
    openAnother: async () => createInlineQueue({ store: queue.store, pollIntervalMs: 10 }),
    cleanup: async () => {},
  };
});

test('inline: enqueue on a started queue runs the handler without waiting for a poll; idle() waits for it', async () => {
  const queue = createInlineQueue({ pollIntervalMs: 60_000 });
  const def = defineJob({ name: 'inline-now', schema: z.object({ n: z.number() }) });
  const seen: number[] = [];
  queue.work(def, async ({ n }) => {
    seen.push(n);
  });
  await queue.start();
  await queue.enqueue(def, { n: 1 });
  await queue.enqueue(def, { n: 2 });
  await queue.idle({ timeoutMs: 1000 });
  assert.deepEqual(seen, [1, 2]);
  await queue.stop();
});
