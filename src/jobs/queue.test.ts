import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { z } from 'zod';
import {
  InvalidPayloadError,
  RetryAfter,
  backoffDelayMs,
  defineJob,
  describeError,
  isRetryAfter,
  parsePayload,
  resolveEnqueueOptions,
} from './queue.ts';

describe('queue rules', () => {
  test('backoff doubles per attempt, jitter only adds up to 25 %, and the cap holds', () => {
    assert.equal(backoffDelayMs(100, 1, 1e9, () => 0), 100);
    assert.equal(backoffDelayMs(100, 2, 1e9, () => 0), 200);
    assert.equal(backoffDelayMs(100, 4, 1e9, () => 0), 800);
    assert.equal(backoffDelayMs(100, 4, 500, () => 0.9), 500);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 60_000 }), fc.integer({ min: 1, max: 100 }), fc.double({ min: 0, max: 0.999, noNaN: true }), (base, attempt, r) => {
        const cap = 3_600_000;
        const delay = backoffDelayMs(base, attempt, cap, () => r);
        const plain = Math.min(cap, base * 2 ** Math.min(attempt - 1, 30));
        return delay >= Math.min(plain, cap) - 1 && delay <= Math.min(cap, plain * 1.25) + 1;
      }),
    );
  });

  test('describeError never throws and names what was thrown', () => {
    assert.equal(describeError(new TypeError('bad')), 'TypeError: bad');
    assert.equal(describeError('plain'), 'plain');
    assert.equal(describeError(undefined), 'undefined was thrown');
    assert.equal(describeError(null), 'null');
    assert.equal(describeError({ code: 1 }), '{"code":1}');
    assert.equal(describeError(Symbol('s')), 'Symbol(s)');
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    assert.equal(describeError(cyclic), '[object Object]');
    fc.assert(fc.property(fc.anything(), (value) => typeof describeError(value) === 'string'));
  });

  test('RetryAfter checks its delay and is recognised across module copies', () => {
    assert.throws(() => new RetryAfter(-1), RangeError);
    assert.throws(() => new RetryAfter(Number.NaN), RangeError);
    const retry = new RetryAfter(1500.4, '429');
    assert.equal(retry.delayMs, 1500);
    assert.ok(isRetryAfter(retry));
    assert.ok(isRetryAfter({ name: 'RetryAfter', delayMs: 5 }));
    assert.ok(!isRetryAfter(new Error('x')));
  });

  test('payloads and options are validated with clear errors', () => {
    const def = defineJob({ name: 'feed.refresh', schema: z.object({ feedId: z.string().min(1) }) });
    assert.deepEqual(parsePayload(def, { feedId: 'f1', extra: 1 }), { feedId: 'f1' });
    assert.throws(
      () => parsePayload(def, { feedId: '' }),
      (error: unknown) => error instanceof InvalidPayloadError && /feed\.refresh/.test(error.message) && /feedId/.test(error.message),
    );
    assert.throws(() => defineJob({ name: 'bad name', schema: z.null() }), RangeError);
    assert.throws(() => defineJob({ name: 'x', schema: z.null(), maxAttempts: 0 }), RangeError);
    assert.deepEqual(resolveEnqueueOptions(), { idempotencyKey: null, priority: 0, delayMs: 0 });
    assert.throws(() => resolveEnqueueOptions({ idempotencyKey: 'k'.repeat(256) }), RangeError);
  });
});
