/**
 * kill -9 safety, for real: a child worker process claims a job and is SIGKILLed mid-run; the job must come back
 * after its lease and be completed by another process, as attempt 2.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase, type Database } from '../../storage/database.ts';
import { migrateToLatest } from '../../storage/migrate.ts';
import { waitFor } from '../queue.contract.ts';
import type { Queue } from '../queue.ts';
import { createPostgresQueue } from './postgres.ts';
import { createSqliteQueue } from './sqlite.ts';
import { dropSchema, findTestPostgres, randomSchemaName } from '../../storage/testing.ts';
import { hangJob } from './testdata/hang-worker.ts';

const worker = fileURLToPath(new URL('./testdata/hang-worker.ts', import.meta.url));

/** Enqueues a job, lets a child process claim it, kills the child -9, and checks `queue` finishes the job. */
async function killAndRecover(queue: Queue, childArgs: string[]): Promise<void> {
  const { id } = await queue.enqueue(hangJob, { n: 1 });
  const child = spawn(process.execPath, ['--import', 'tsx', worker, ...childArgs], { stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  try {
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    await waitFor(() => out.includes(`claimed ${id}`), 20_000, 'the child to claim the job');
    assert.equal((await queue.stats(hangJob.name)).active, 1);
  } finally {
    child.kill('SIGKILL');
    await exited;
  }
  const attempts: number[] = [];
  queue.work(hangJob, async (_payload, job) => {
    attempts.push(job.attempt);
  });
  await queue.start();
  await waitFor(async () => (await queue.stats(hangJob.name)).completed === 1, 15_000, 'recovery after the lease');
  assert.deepEqual(attempts, [2]);
}

describe('kill -9 safety', () => {
  test('sqlite: a killed worker’s job is recovered after its lease', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'newsdesk-kill-'));
    const path = join(dir, 'jobs.db');
    const database = await openDatabase({ url: path });
    await migrateToLatest(database.db);
    const queue = createSqliteQueue(database, { pollIntervalMs: 20 });
    try {
      await killAndRecover(queue, [path]);
    } finally {
      await queue.stop({ graceful: false });
      await database.close();
      await rm(dir, { recursive: true, force: true });
    }
  });

  test('postgres (pg-boss): a killed worker’s job is recovered after its lease', async (t) => {
    const postgres = await findTestPostgres();
    if (!('url' in postgres)) return t.skip(postgres.skip);
    const schema = randomSchemaName();
    let database: Database | null = null;
    let queue: Queue | null = null;
    try {
      database = await openDatabase({ url: postgres.url, pgSchema: schema, poolSize: 4 });
      queue = createPostgresQueue({ pool: database.pgPool!, schema, pollIntervalMs: 50, maintenanceIntervalSeconds: 1 });
      await killAndRecover(queue, [postgres.url, schema]);
    } finally {
      await queue?.stop({ graceful: false });
      await database?.close();
      if (database?.pgPool && !database.pgPool.ending) await database.pgPool.end();
      await dropSchema(postgres.url, schema);
    }
  });
});
