/**
 * Large feed documents are parsed on a worker thread: parsing is synchronous CPU work (~1.6 s for 10 MB), and on the
 * main thread it would stall every other fetch's timers and the HTTP server of that process. Small documents (the
 * usual case) are parsed in place, where a thread would cost more than it saves.
 */
import { Worker } from 'node:worker_threads';
import { fail, type Result } from '../../domain/errors.ts';
import type { ParsedFeed } from '../../domain/feed.ts';
import { parseFeed, type ParseFeedOptions } from './parse-feed.ts';

/** Documents at least this large (bytes) go to a worker thread. */
export const OFF_THREAD_BYTES = 1024 * 1024;

/**
 * `parseFeed`, off the calling thread for documents of `OFF_THREAD_BYTES` or more.
 * @returns the same result `parseFeed` gives; a crashed worker is a 'parse' failure with its message.
 */
export function parseFeedOffThread(bytes: Uint8Array, opts: ParseFeedOptions = {}): Promise<Result<ParsedFeed>> {
  if (bytes.length < OFF_THREAD_BYTES) return Promise.resolve(parseFeed(bytes, opts));
  return new Promise((resolve) => {
    let settled = false;
    const settle = (r: Result<ParsedFeed>) => {
      if (settled) return;
      settled = true;
      resolve(r);
      void worker.terminate();
    };
    const worker = new Worker(new URL('./parse.worker.mjs', import.meta.url), { workerData: { bytes, opts } });
    worker.once('message', (r: Result<ParsedFeed>) => settle(r));
    worker.once('error', (err) => settle(fail({ kind: 'parse', message: `feed parser worker failed: ${err.message}` })));
    worker.once('exit', (code) => settle(fail({ kind: 'parse', message: `feed parser worker exited with code ${code}` })));
  });
}
