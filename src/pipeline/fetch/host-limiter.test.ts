import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { createHostLimiter } from './host-limiter.ts';

test('at most `concurrency` holders per key, other keys independent', async () => {
  const limiter = createHostLimiter(2, 0);
  const a1 = await limiter.acquire('a');
  const a2 = await limiter.acquire('a');
  let a3: (() => void) | null = null;
  const pending = limiter.acquire('a').then((r) => (a3 = r));
  const b1 = await limiter.acquire('b'); // another key is not queued behind 'a'
  await sleep(10);
  assert.equal(a3, null, 'a third holder on key a got in');
  a1();
  await pending;
  assert.notEqual(a3, null);
  a2();
  b1();
  (a3 as unknown as () => void)();
  assert.equal(limiter.size(), 0);
});

test('successive starts on one key are spaced by minDelayMs, even after the key went idle', async () => {
  const limiter = createHostLimiter(5, 60);
  const starts: number[] = [];
  const run = async () => {
    const release = await limiter.acquire('h');
    starts.push(Date.now());
    release();
  };
  await Promise.all([run(), run()]);
  await run(); // key idle in between: spacing must still hold
  assert.equal(starts.length, 3);
  for (let i = 1; i < starts.length; i++) {
    assert.ok((starts[i] ?? 0) - (starts[i - 1] ?? 0) >= 55, `gap ${i} too short: ${starts.join(',')}`);
  }
});

test('release is idempotent and invalid arguments throw', async () => {
  const limiter = createHostLimiter(1, 0);
  const release = await limiter.acquire('k');
  release();
  release(); // must not free a second slot
  const r1 = await limiter.acquire('k');
  let second = false;
  const p = limiter.acquire('k').then((r) => {
    second = true;
    r();
  });
  await sleep(10);
  assert.equal(second, false);
  r1();
  await p;
  assert.equal(second, true);
  assert.throws(() => createHostLimiter(0, 0), RangeError);
  assert.throws(() => createHostLimiter(1, -1), RangeError);
});
