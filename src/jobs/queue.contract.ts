/**
 * The behavioural suite every queue driver runs (shape after hono's common.case.test.ts): one `describe` per driver,
 * same tests, same expectations. Timing is only ever asserted as a lower bound ("not before"), never "within".
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { z } from 'zod';
import { InvalidPayloadError, RetryAfter, defineJob, type JobDefinition, type Queue } from './queue.ts';

/** What a driver's test provides for one test: a fresh, empty queue and how to dispose of it. */
export interface QueueHarness {
  queue: Queue;
  /**
   * A second queue object on the SAME storage (plays a second worker process). Without it the lease tests skip.
   * Queues it returns are stopped by the suite; `cleanup` must still free their resources.
   */
  openAnother?: () => Promise<Queue>;
  cleanup(): Promise<void>;
}

/** Per-driver knobs. */
export interface QueueContractOptions {
  /** Lease used by the lease tests (ms; default 300). PostgreSQL needs whole seconds. */
  leaseMs?: number;
  /** Base backoff used by the retry tests (ms; default 60). */
  backoffMs?: number;
  /** How long to wait for an expected event (ms; default 5000). */
  waitMs?: number;
  /** Reason to skip the lease tests, when the driver cannot honour them. */
  skipLease?: string;
}

/** Polls `check` every 10 ms until it returns true. @throws AssertionError naming `what` after `timeoutMs`. */
export async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) assert.fail(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(10);
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function gate(): { promise: Promise<void>; open(): void } {
  let open!: () => void;
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}

let seq = 0;
/** A job definition with a unique name per test, so drivers sharing storage never cross tests. */
function job<T, I>(schema: z.ZodType<T, I>, rest: Omit<JobDefinition<T, I>, 'name' | 'schema'> = {}): JobDefinition<T, I> {
  seq += 1;
  return defineJob({ name: `contract-${seq}-${Math.random().toString(36).slice(2, 8)}`, schema, ...rest });
}

const urlPayload = z.object({ url: z.string().url(), n: z.number().int().default(0) });

/**
 * Registers the queue contract tests for one driver.
 * @param name driver name shown in the test report.
 * @param makeQueue builds a fresh harness per test (fresh storage).
 */
export function runQueueContract(
  name: string,
  makeQueue: () => Promise<QueueHarness>,
  options: QueueContractOptions = {},
): void {
  const leaseMs = options.leaseMs ?? 300;
  const backoffMs = options.backoffMs ?? 60;
  const waitMs = options.waitMs ?? 5000;
  // Timers and clocks (JS vs database) may disagree by a few ms; lower bounds allow for that.
  const slackMs = 15;

  /** Runs `body` with a fresh harness and always stops every queue and cleans up. */
  async function withQueue(body: (h: QueueHarness, others: Queue[]) => Promise<void>): Promise<void> {
    const harness = await makeQueue();
    const others: Queue[] = [];
    try {
      await body(harness, others);
    } finally {
      for (const q of [harness.queue, ...others]) await q.stop({ graceful: false }).catch(() => {});
      await harness.cleanup();
    }
  }

  describe(`queue contract: ${name}`, () => {
    test('rejects an invalid payload or options at enqueue and stores nothing', async () => {
      await withQueue(async ({ queue }) => {
        const def = job(urlPayload);
        await assert.rejects(
          queue.enqueue(def, { url: 'not a url', n: 1 }),
          (error: unknown) => error instanceof InvalidPayloadError && error.jobName === def.name && /url/.test(error.message),
        );
        await assert.rejects(queue.enqueue(def, { n: 1 } as never), InvalidPayloadError);
        await assert.rejects(queue.enqueue(def, { url: 'https://a.example/' }, { priority: 1.5 }), RangeError);
        await assert.rejects(queue.enqueue(def, { url: 'https://a.example/' }, { delayMs: -1 }), RangeError);
        await assert.rejects(queue.enqueue(def, { url: 'https://a.example/' }, { idempotencyKey: '' }), RangeError);
        assert.deepEqual(await queue.stats(def.name), { queued: 0, active: 0, failed: 0, completed: 0 });
      });
    });

    test('runs a job exactly once with its parsed payload and context', async () => {
      await withQueue(async ({ queue }) => {
        const def = job(urlPayload);
        const calls: { payload: unknown; id: string; attempt: number; name: string }[] = [];
        queue.work(def, async (payload, ctx) => {
          calls.push({ payload, id: ctx.id, attempt: ctx.attempt, name: ctx.name });
        });
        await queue.start();
        const { id, deduplicated } = await queue.enqueue(def, { url: 'https://a.example/x' });
        assert.equal(deduplicated, false);
        assert.equal(typeof id, 'string');
        await waitFor(async () => (await queue.stats(def.name)).completed === 1, waitMs, 'completion');
        await sleep(150); // would a second run sneak in?
        assert.deepEqual(calls, [{ payload: { url: 'https://a.example/x', n: 0 }, id, attempt: 1, name: def.name }]);
        assert.deepEqual(await queue.stats(def.name), { queued: 0, active: 0, failed: 0, completed: 1 });
      });
    });

    test('deduplicates on the idempotency key while queued or active, frees it once completed', async () => {
      await withQueue(async ({ queue }) => {
        const def = job(z.object({ feed: z.string() }));
        const first = await queue.enqueue(def, { feed: 'a' }, { idempotencyKey: 'refresh:a' });
        const again = await queue.enqueue(def, { feed: 'a' }, { idempotencyKey: 'refresh:a' });
        const other = await queue.enqueue(def, { feed: 'b' }, { idempotencyKey: 'refresh:b' });
        const unkeyed = await queue.enqueue(def, { feed: 'a' });
        assert.equal(first.deduplicated, false);
        assert.deepEqual(again, { id: first.id, deduplicated: true });
        assert.notEqual(other.id, first.id);
        assert.notEqual(unkeyed.id, first.id);
        assert.equal((await queue.stats(def.name)).queued, 3);

        const release = gate();
        const ran: string[] = [];
        queue.work(
          def,
          async ({ feed }, ctx) => {
            ran.push(`${feed}:${ctx.id}`);
            if (ctx.id === first.id) await release.promise;
          },
          { concurrency: 3 },
        );
        await queue.start();
        await waitFor(() => ran.includes(`a:${first.id}`), waitMs, 'the keyed job to start');
        // Active: still deduplicated.
        assert.deepEqual(await queue.enqueue(def, { feed: 'a' }, { idempotencyKey: 'refresh:a' }), {
          id: first.id,
          deduplicated: true,
        });
        release.open();
        await waitFor(async () => (await queue.stats(def.name)).completed === 3, waitMs, 'three completions');
        // Completed: the key is free for the next refresh.
        const next = await queue.enqueue(def, { feed: 'a' }, { idempotencyKey: 'refresh:a' });
        assert.equal(next.deduplicated, false);
        assert.notEqual(next.id, first.id);
        await waitFor(async () => (await queue.stats(def.name)).completed === 4, waitMs, 'the re-enqueued job');
        assert.equal(ran.length, 4);
      });
    });

    test('runs due jobs highest priority first (concurrency 1)', async () => {
      await withQueue(async ({ queue }) => {
        const def = job(z.object({ p: z.number() }));
        for (const p of [0, 10, -1, 5, 0]) await queue.enqueue(def, { p }, { priority: p });
        const order: number[] = [];
        queue.work(def, async ({ p }) => {
          order.push(p);
        });
        await queue.start();
        await waitFor(() => order.length === 5, waitMs, 'five jobs');
        assert.deepEqual(order, [10, 5, 0, 0, -1]);
      });
    });

    test('does not run a delayed job before its delay', async () => {
      await withQueue(async ({ queue }) => {
        const def = job(z.object({ k: z.string() }));
        const ranAt = new Map<string, number>();
        queue.work(
          def,
          async ({ k }) => {
            ranAt.set(k, Date.now());
          },
          { concurrency: 2 },
        );
        await queue.start();
        const t0 = Date.now();
        await queue.enqueue(def, { k: 'later' }, { delayMs: 400, priority: 100 });
        await queue.enqueue(def, { k: 'now' });
        await waitFor(() => ranAt.size === 2, waitMs, 'both jobs');
        assert.ok(ranAt.get('later')! >= t0 + 400 - slackMs, 'delayed job ran early');
        assert.ok(ranAt.get('now')! < ranAt.get('later')!, 'the immediate job waited for the delayed one');
      });
    });

    test('retries a failing job with exponential backoff, then marks it failed', async () => {
      await withQueue(async ({ queue }) => {
        const def = job(z.object({}), { maxAttempts: 3, backoffMs });
        const attempts: { attempt: number; at: number }[] = [];
        queue.work(def, async (_payload, ctx) => {
          attempts.push({ attempt: ctx.attempt, at: Date.now() });
          throw new Error(`boom ${ctx.attempt}`);
        });
        await queue.start();
        await queue.enqueue(def, {});
        await waitFor(async () => (await queue.stats(def.name)).failed === 1, waitMs, 'the job to fail');
        await sleep(backoffMs * 4); // no fourth run
        assert.deepEqual(
          attempts.map((a) => a.attempt),
          [1, 2, 3],
        );
        const [a1, a2, a3] = attempts;
        assert.ok(a2!.at - a1!.at >= backoffMs - slackMs, `first retry after ${a2!.at - a1!.at} ms < ${backoffMs}`);
        assert.ok(a3!.at - a2!.at >= 2 * backoffMs - slackMs, `second retry after ${a3!.at - a2!.at} ms < ${2 * backoffMs}`);
        assert.deepEqual(await queue.stats(def.name), { queued: 0, active: 0, failed: 1, completed: 0 });
      });
    });

    test('a job that fails once then succeeds is completed', async () => {
      await withQueue(async ({ queue }) => {
        const def = job(z.object({}), { maxAttempts: 2, backoffMs });
        const attempts: number[] = [];
        queue.work(def, async (_payload, ctx) => {
          attempts.push(ctx.attempt);
          if (ctx.attempt === 1) throw new Error('transient');
        });
        await queue.start();
        await queue.enqueue(def, {});
        await waitFor(async () => (await queue.stats(def.name)).completed === 1, waitMs, 'completion');
        assert.deepEqual(attempts, [1, 2]);
      });
    });

    test('RetryAfter (thrown or returned) re-runs after its delay without using up attempts', async () => {
      await withQueue(async ({ queue }) => {
        // maxAttempts 1: had a RetryAfter counted as a failure, the job would end failed after the first run.
        const def = job(z.object({}), { maxAttempts: 1, backoffMs });
        const delay = 150;
        const runs: { attempt: number; at: number }[] = [];
        queue.work(def, async (_payload, ctx) => {
          runs.push({ attempt: ctx.attempt, at: Date.now() });
          if (runs.length === 1) throw new RetryAfter(delay, 'rate limited');
          if (runs.length === 2) return new RetryAfter(delay, 'still rate limited');
        });
        await queue.start();
        await queue.enqueue(def, {});
        await waitFor(async () => (await queue.stats(def.name)).completed === 1, waitMs, 'completion');
        assert.deepEqual(
          runs.map((r) => r.attempt),
          [1, 1, 1],
        );
        assert.ok(runs[1]!.at - runs[0]!.at >= delay - slackMs, 'first RetryAfter not honoured');
        assert.ok(runs[2]!.at - runs[1]!.at >= delay - slackMs, 'returned RetryAfter not honoured');
        assert.equal((await queue.stats(def.name)).failed, 0);
      });
    });

    test('a worker survives handlers throwing non-Error values (and throwing synchronously)', async () => {
      await withQueue(async ({ queue }) => {
        const thrown: unknown[] = ['a string', undefined, null, { code: 42 }, 7, Symbol('sym')];
        const def = job(z.object({}), { maxAttempts: thrown.length + 1, backoffMs: 1 });
        let runs = 0;
        queue.work(def, (_payload, ctx) => {
          runs += 1;
          if (ctx.attempt <= thrown.length) throw thrown[ctx.attempt - 1]; // synchronous throw
          return Promise.resolve();
        });
        await queue.start();
        await queue.enqueue(def, {});
        await waitFor(async () => (await queue.stats(def.name)).completed === 1, waitMs * 2, 'completion');
        assert.equal(runs, thrown.length + 1);
        // And it keeps working afterwards.
        await queue.enqueue(def, {});
        await waitFor(async () => (await queue.stats(def.name)).completed === 2, waitMs * 2, 'a later job');
      });
    });

    test('a job whose worker died is picked up by another worker after the lease expires', async (t) => {
      await withQueue(async ({ queue, openAnother }, others) => {
        if (options.skipLease || !openAnother) return t.skip(options.skipLease ?? 'driver has no second instance');
        const def = job(z.object({}), { leaseMs, maxAttempts: 3, backoffMs: 0 });
        // Worker A claims the job and hangs forever, as if killed: it never completes nor releases.
        let claimedAt = 0;
        queue.work(def, () => {
          claimedAt = Date.now();
          return new Promise<void>(() => {});
        });
        await queue.start();
        await queue.enqueue(def, {});
        await waitFor(() => claimedAt > 0, waitMs, 'worker A to claim');

        const b = await openAnother();
        others.push(b);
        const seen: { attempt: number; at: number }[] = [];
        b.work(def, async (_payload, ctx) => {
          seen.push({ attempt: ctx.attempt, at: Date.now() });
        });
        await b.start();
        await waitFor(() => seen.length === 1, waitMs + leaseMs * 3, 'worker B to take over');
        assert.equal(seen[0]!.attempt, 2, 'the expired run counts as an attempt');
        // Half the lease: robust to claim latency, yet a driver ignoring leases takes over within one poll.
        assert.ok(seen[0]!.at - claimedAt >= leaseMs / 2, 'taken over before the lease expired');
        await waitFor(async () => (await b.stats(def.name)).completed === 1, waitMs, 'completion by B');
        // A stops without grace: its stale claim must not put the completed job back.
        await queue.stop({ graceful: false });
        assert.deepEqual(await b.stats(def.name), { queued: 0, active: 0, failed: 0, completed: 1 });
      });
    });

    test('a job whose worker died on its last attempt is marked failed after the lease', async (t) => {
      await withQueue(async ({ queue, openAnother }, others) => {
        if (options.skipLease || !openAnother) return t.skip(options.skipLease ?? 'driver has no second instance');
        const def = job(z.object({}), { leaseMs, maxAttempts: 1 });
        let claimed = false;
        queue.work(def, () => {
          claimed = true;
          return new Promise<void>(() => {});
        });
        await queue.start();
        await queue.enqueue(def, {});
        await waitFor(() => claimed, waitMs, 'worker A to claim');
        const b = await openAnother();
        others.push(b);
        let ranOnB = false;
        b.work(def, async () => {
          ranOnB = true;
        });
        await b.start();
        await waitFor(async () => (await b.stats(def.name)).failed === 1, waitMs + leaseMs * 3, 'the job to fail');
        assert.equal(ranOnB, false);
      });
    });

    test('graceful stop lets in-flight jobs finish and stops claiming', async () => {
      await withQueue(async ({ queue }) => {
        const def = job(z.object({ i: z.number() }));
        const started: number[] = [];
        const release = gate();
        let finished = 0;
        queue.work(def, async ({ i }) => {
          started.push(i);
          await release.promise;
          finished += 1;
        });
        await queue.start();
        await queue.enqueue(def, { i: 1 });
        await waitFor(() => started.length === 1, waitMs, 'the job to start');
        await queue.enqueue(def, { i: 2 });
        let stopped = false;
        const stopping = queue.stop({ graceful: true }).then(() => (stopped = true));
        await sleep(100);
        assert.equal(stopped, false, 'stop returned before the in-flight job finished');
        release.open();
        await stopping;
        assert.equal(finished, 1);
        await sleep(100);
        assert.deepEqual(started, [1], 'a job was claimed after stop');
        assert.deepEqual(await queue.stats(def.name), { queued: 1, active: 0, failed: 0, completed: 1 });
        await assert.rejects(queue.start(), /stopped/);
      });
    });

    test('non-graceful stop releases in-flight jobs at once, attempt refunded', async () => {
      await withQueue(async ({ queue, openAnother }, others) => {
        const def = job(z.object({}), { maxAttempts: 1 });
        let signal: AbortSignal | undefined;
        queue.work(def, (_payload, ctx) => {
          signal = ctx.signal;
          return new Promise<void>(() => {});
        });
        await queue.start();
        await queue.enqueue(def, {});
        await waitFor(() => signal !== undefined, waitMs, 'the job to start');
        await queue.stop({ graceful: false });
        assert.equal(signal!.aborted, true, 'the handler was not told to stop');
        assert.deepEqual(await queue.stats(def.name), { queued: 1, active: 0, failed: 0, completed: 0 });
        if (!openAnother) return;
        const b = await openAnother();
        others.push(b);
        const attempts: number[] = [];
        b.work(def, async (_payload, ctx) => {
          attempts.push(ctx.attempt);
        });
        await b.start();
        await waitFor(async () => (await b.stats(def.name)).completed === 1, waitMs, 'the released job to run');
        assert.deepEqual(attempts, [1]);
      });
    });

    test('graceful stop with a timeout releases the jobs still running', async () => {
      await withQueue(async ({ queue }) => {
        const def = job(z.object({}));
        let started = false;
        queue.work(def, () => {
          started = true;
          return new Promise<void>(() => {});
        });
        await queue.start();
        await queue.enqueue(def, {});
        await waitFor(() => started, waitMs, 'the job to start');
        await queue.stop({ graceful: true, timeoutMs: 100 });
        assert.deepEqual(await queue.stats(def.name), { queued: 1, active: 0, failed: 0, completed: 0 });
      });
    });

    test('refuses a second handler for the same job name', async () => {
      await withQueue(async ({ queue }) => {
        const def = job(z.object({}));
        queue.work(def, async () => {});
        assert.throws(() => queue.work(def, async () => {}), /already registered/);
      });
    });
  });
}
