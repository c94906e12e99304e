import { test } from 'node:test';
import assert from 'node:assert/strict';
import { headerValue, parseHttpDate, parseMaxAge, parseRetryAfter } from './response-headers.ts';

const NOW = Date.parse('2026-11-29T07:00:00Z');

test('parseRetryAfter reads delay-seconds and HTTP-dates (RFC 9110 §10.2.3)', () => {
  const table: Array<[string | null, number | null]> = [
    ['120', 120],
    [' 0 ', 0],
    ['Sun, 29 Nov 2026 07:02:00 GMT', 120], // IMF-fixdate
    ['Sunday, 29-Nov-26 07:01:00 GMT', 60], // obsolete RFC 850
    ['Sun Nov 29 07:00:30 2026', 30], // asctime, UTC whatever the local zone
    ['Sun, 29 Nov 2026 06:00:00 GMT', 0], // in the past
    ['-5', null],
    ['1.5', null],
    ['soon', null],
    ['', null],
    [null, null],
  ];
  for (const [value, expected] of table) {
    assert.equal(parseRetryAfter(value, NOW), expected, String(value));
  }
});

test('parseMaxAge: max-age wins, no-store/no-cache mean 0, else Expires minus Date (RFC 9111)', () => {
  assert.equal(parseMaxAge('public, max-age=600', null, null, NOW), 600);
  assert.equal(parseMaxAge('max-age="300", must-revalidate', null, null, NOW), 300);
  assert.equal(parseMaxAge('no-cache', 'Sun, 29 Nov 2026 08:00:00 GMT', null, NOW), 0);
  assert.equal(parseMaxAge('private, no-store, max-age=60', null, null, NOW), 0);
  assert.equal(parseMaxAge('public', 'Sun, 29 Nov 2026 08:00:00 GMT', null, NOW), 3600);
  assert.equal(parseMaxAge(null, 'Sun, 29 Nov 2026 08:00:00 GMT', 'Sun, 29 Nov 2026 07:30:00 GMT', NOW), 1800);
  assert.equal(parseMaxAge(null, '0', null, NOW), 0); // invalid Expires = already expired
  assert.equal(parseMaxAge(null, 'Sun, 29 Nov 2026 06:00:00 GMT', null, NOW), 0);
  assert.equal(parseMaxAge('max-age=abc', null, null, NOW), null);
  assert.equal(parseMaxAge(null, null, null, NOW), null);
});

test('headerValue and parseHttpDate', () => {
  assert.equal(headerValue(['a', 'b']), 'a');
  assert.equal(headerValue(undefined), null);
  assert.equal(headerValue('x'), 'x');
  assert.equal(parseHttpDate('12345'), null);
  assert.equal(parseHttpDate('Sun, 29 Nov 2026 07:00:00 GMT'), NOW);
});
