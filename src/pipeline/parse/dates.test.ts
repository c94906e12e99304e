import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseFeedDate } from './index.ts';

test('RFC 822 / 2822 dates and their common variants', () => {
  const cases: Array<[string, string]> = [
    ['Thu, 01 Jan 2004 19:48:21 GMT', '2004-01-01T19:48:21Z'],
    ['Thu, 01 Jan 2004 19:48:21 +0200', '2004-01-01T17:48:21Z'],
    ['Thu, 01 Jan 2004 19:48:21 -05:30', '2004-01-02T01:18:21Z'],
    ['01 Jan 2004 19:48 EST', '2004-01-02T00:48:00Z'],
    ['Thu, 1 Jan 04 19:48:21 PDT', '2004-01-02T02:48:21Z'],
    ['Thursday, 01 January 2004 19:48:21 UT', '2004-01-01T19:48:21Z'],
    ['Thu, 01-Jan-2004 19:48:21 GMT', '2004-01-01T19:48:21Z'],
    ['Thu, 01 Jan 2004', '2004-01-01T00:00:00Z'],
    ['Thu,01 Jan 2004 19:48:21 Z', '2004-01-01T19:48:21Z'],
    ['Sun, 31 Dec 99 23:59:59 GMT', '1999-12-31T23:59:59Z'],
  ];
  for (const [input, expected] of cases) assert.equal(parseFeedDate(input), expected, input);
});

test('ISO 8601 / RFC 3339 / W3CDTF', () => {
  const cases: Array<[string, string]> = [
    ['2003-12-31T10:14:55Z', '2003-12-31T10:14:55Z'],
    ['2003-12-31T10:14:55.123-08:00', '2003-12-31T18:14:55Z'],
    ['2003-12-31T10:14:55+0100', '2003-12-31T09:14:55Z'],
    ['2003-12-31T10:14Z', '2003-12-31T10:14:00Z'],
    ['2003-12-31 10:14:55', '2003-12-31T10:14:55Z'],
    ['2003-12-31', '2003-12-31T00:00:00Z'],
    ['2003-12', '2003-12-01T00:00:00Z'],
    ['2003', '2003-01-01T00:00:00Z'],
    ['20031231T101455Z', '2003-12-31T10:14:55Z'],
    ['2003-365', '2003-12-31T00:00:00Z'],
  ];
  for (const [input, expected] of cases) assert.equal(parseFeedDate(input), expected, input);
});

test('asctime and month-first forms', () => {
  assert.equal(parseFeedDate('Sun Jan  4 16:29:06 PST 2004'), '2004-01-05T00:29:06Z');
  assert.equal(parseFeedDate('January 4, 2004 16:29:06 GMT'), '2004-01-04T16:29:06Z');
  assert.equal(parseFeedDate('2004/01/04 16:29'), '2004-01-04T16:29:00Z');
});

test('zone comments, GMT offsets, 12-hour clocks and JavaScript Date#toString output', () => {
  assert.equal(parseFeedDate('Mon, 06 Jan 2025 10:00:00 +0100 (CET)'), '2025-01-06T09:00:00Z');
  assert.equal(parseFeedDate('Mon Jan 06 2025 10:00:00 GMT+0100 (Central European Standard Time)'), '2025-01-06T09:00:00Z');
  assert.equal(parseFeedDate('Tue, 10 Jun 2003 04:00:00 GMT+2'), '2003-06-10T02:00:00Z');
  assert.equal(parseFeedDate('January 6, 2025 at 10:00 PM EST'), '2025-01-07T03:00:00Z');
  assert.equal(parseFeedDate('06 Jan 2025 12:30 AM'), '2025-01-06T00:30:00Z');
  assert.equal(parseFeedDate('2004-07-08 23:56:58.0'), '2004-07-08T23:56:58Z');
});

test('zones: generic North-American names, labels after offsets, Etc/, unknown names read as UTC', () => {
  assert.equal(parseFeedDate('Thu, 01 Jan 2004 19:48:21 ET'), '2004-01-02T00:48:21Z');
  assert.equal(parseFeedDate('Thu, 01 Jan 2004 19:48:21 PT'), '2004-01-02T03:48:21Z');
  assert.equal(parseFeedDate('Fri, 12 Mar 2004 17:21:55 +0100 CET'), '2004-03-12T16:21:55Z');
  assert.equal(parseFeedDate('Thu, 01 Jan 2004 19:48:21 Etc/GMT'), '2004-01-01T19:48:21Z');
  assert.equal(parseFeedDate('Thu, 01 Jan 2004 19:48:21 XYZ'), '2004-01-01T19:48:21Z');
  assert.equal(parseFeedDate('Thu, 01 Jan 2004 19:48:21 N'), '2004-01-01T19:48:21Z'); // military: -0000 (RFC 2822 §4.3)
});

test('garbage and impossible dates are null', () => {
  for (const input of ['', '   ', 'yesterday', 'Thu, 31 Feb 2004 10:00:00 GMT', '2004-13-01', '2004-01-01T25:00:00Z', null, undefined]) {
    assert.equal(parseFeedDate(input), null, String(input));
  }
});
