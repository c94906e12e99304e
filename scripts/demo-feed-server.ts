// Starts the offline demo feed server for manual checks and prints its base URL and OPML address.
// Usage: node --import tsx scripts/demo-feed-server.ts [port]   (default 0 = any free port; Ctrl-C stops it)

import { startDemoFeedServer } from '../src/demo/index.ts';

const arg = process.argv[2];
const port = arg === undefined ? 0 : Number(arg);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`usage: demo-feed-server.ts [port]  (got ${JSON.stringify(arg)})`);
  process.exit(2);
}
const demo = await startDemoFeedServer({ port });
console.log(demo.baseUrl);
console.log(`${demo.feedCount} feeds, ${demo.articleCount} articles; OPML at ${demo.baseUrl}/opml`);
const stop = () => void demo.close().then(() => process.exit(0));
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
