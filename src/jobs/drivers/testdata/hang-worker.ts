/**
 * Test fixture for kill.test.ts: a worker process that claims one `hangJob` and hangs until it is killed -9.
 * Run: node --import tsx hang-worker.ts <sqlite-file | postgres-url> [pg-schema]. Prints "claimed <id>" once.
 */
import { pathToFileURL } from 'node:url';
import { z } from 'zod';
import { openDatabase } from '../../../storage/database.ts';
import { defineJob } from '../../queue.ts';
import { createPostgresQueue } from '../postgres.ts';
import { createSqliteQueue } from '../sqlite.ts';

/** The job both processes work: 1 s lease (pg-boss's minimum), retried at once. */
export const hangJob = defineJob({ name: 'kill-test', schema: z.object({ n: z.number() }), leaseMs: 1000, backoffMs: 0 });

async function main(url: string, schema: string | undefined): Promise<void> {
  const database = await openDatabase({ url, ...(schema ? { pgSchema: schema } : {}) });
  const queue = database.pgPool
    ? createPostgresQueue({ pool: database.pgPool, schema: schema!, pollIntervalMs: 50, maintenanceIntervalSeconds: 1 })
    : createSqliteQueue(database, { pollIntervalMs: 20 });
  queue.work(hangJob, (_payload, job) => {
    process.stdout.write(`claimed ${job.id}\n`);
    return new Promise<void>(() => {});
  });
  await queue.start();
}

const script = process.argv[1];
if (script && import.meta.url === pathToFileURL(script).href) {
  await main(process.argv[2]!, process.argv[3]);
}
