// Worker entry for parseFeedOffThread: worker threads do not inherit the main thread's module hooks, so the
// TypeScript loader is registered before the parser is imported.
import { parentPort, workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { parseFeed } = await import('./parse-feed.ts');
parentPort.postMessage(parseFeed(workerData.bytes, workerData.opts));
