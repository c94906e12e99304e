import { test } from 'node:test';
import assert from 'node:assert/strict';
import { OFF_THREAD_BYTES, parseFeed, parseFeedOffThread } from './index.ts';

function bigFeed(items: number): Uint8Array {
  const entries = Array.from(
    { length: items },
    (_, i) => `<item><guid>g${i}</guid><title>Item ${i} &amp; more</title><description>Body of item ${i}, long enough to weigh something.</description></item>`,
  ).join('');
  return new TextEncoder().encode(`<?xml version="1.0"?><rss version="2.0"><channel><title>Big</title>${entries}</channel></rss>`);
}

test('a large document is parsed on a worker thread, with the same result, while the event loop keeps running', async () => {
  const bytes = bigFeed(20_000);
  assert.ok(bytes.length >= OFF_THREAD_BYTES);
  let ticks = 0;
  const timer = setInterval(() => ticks++, 1);
  const offThread = await parseFeedOffThread(bytes, { url: 'https://big.example/feed' });
  clearInterval(timer);
  assert.ok(ticks > 0, 'timers fired during the parse');
  const inline = parseFeed(bytes, { url: 'https://big.example/feed' });
  assert.deepEqual(offThread, inline);
  assert.ok(offThread.ok && offThread.value.entries.length === 20_000);
});

test('small documents and failures behave as parseFeed', async () => {
  const small = bigFeed(2);
  assert.deepEqual(await parseFeedOffThread(small), parseFeed(small));
  const junk = new Uint8Array(OFF_THREAD_BYTES + 10).fill(0x41);
  const r = await parseFeedOffThread(junk);
  assert.equal(r.ok, false);
  assert.deepEqual(r, parseFeed(junk));
});
