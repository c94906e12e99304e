import { test } from 'node:test';
import assert from 'node:assert/strict';
import { backoffMs, MAX_BACKOFF_MS, MAX_INTERVAL_MS, MIN_INTERVAL_MS, refreshIntervalMs, withJitter } from './schedule.ts';

test('the refresh interval follows the feed rhythm within [5 min, 24 h]', () => {
  assert.equal(refreshIntervalMs(0), MAX_INTERVAL_MS, 'quiet feed: daily');
  assert.equal(refreshIntervalMs(24), 60 * 60_000, 'one per hour → hourly');
  assert.equal(refreshIntervalMs(10_000), MIN_INTERVAL_MS, 'floor 5 min');
  assert.equal(refreshIntervalMs(10_000, 30 * 60_000), 30 * 60_000, 'TTL raises it');
  assert.equal(refreshIntervalMs(1, 10 * MAX_INTERVAL_MS), MAX_INTERVAL_MS, 'capped at 24 h');
});

test('failures back off exponentially up to 7 days, never below Retry-After', () => {
  assert.equal(backoffMs(1), MIN_INTERVAL_MS);
  assert.equal(backoffMs(2), 2 * MIN_INTERVAL_MS);
  assert.equal(backoffMs(4), 8 * MIN_INTERVAL_MS);
  assert.equal(backoffMs(100), MAX_BACKOFF_MS);
  assert.equal(backoffMs(1, 3_600_000), 3_600_000);
});

test('jitter stays within ±10 %', () => {
  assert.equal(withJitter(1000, 0), 900);
  assert.equal(withJitter(1000, 0.5), 1000);
  assert.ok(withJitter(1000, 0.999999) <= 1100);
});
