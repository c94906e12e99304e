import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { registerParseFeed } from './parse-feed.command.ts';
import { runCommand } from './testing.ts';

const fixture = (name: string): string =>
  fileURLToPath(new URL(`../pipeline/parse/testdata/${name}`, import.meta.url));

test('parse-feed prints the normalized model with every key present', async () => {
  const { out, code } = await runCommand(registerParseFeed, ['parse-feed', fixture('rss2.xml'), '--url', 'https://gazette.example/feed.xml']);
  assert.equal(code, 0);
  const model = JSON.parse(out);
  assert.deepEqual(Object.keys(model), ['format', 'encoding', 'feed', 'entries']);
  assert.deepEqual(Object.keys(model.feed).slice(0, 10),
    ['title', 'link', 'description', 'language', 'updated', 'author', 'image', 'generator', 'id', 'icon']);
  assert.deepEqual(Object.keys(model.entries[1]),
    ['id', 'title', 'link', 'summary', 'content', 'published', 'updated', 'author', 'categories', 'enclosures']);
  assert.equal(model.entries[1].published, null);
  assert.equal(model.entries[0].content.includes('https://gazette.example/ferry/map'), true);
});

test('parse-feed reads stdin with "-" and honours --content-type', async () => {
  const xml = '<?xml version="1.0" encoding="iso-8859-1"?><rss><channel><title>t</title></channel></rss>';
  const { out, code } = await runCommand(registerParseFeed, ['parse-feed', '-', '--content-type', 'text/xml'], xml);
  assert.equal(code, 0);
  assert.equal(JSON.parse(out).encoding, 'us-ascii');
});

test('parse-feed prints {"error"} and exits 1 for a non-feed or a missing file', async () => {
  const notFeed = await runCommand(registerParseFeed, ['parse-feed', '-'], '<html><body>hello</body></html>');
  assert.equal(notFeed.code, 1);
  assert.match(JSON.parse(notFeed.out).error, /not a feed/);
  const missing = await runCommand(registerParseFeed, ['parse-feed', '/nonexistent/feed.xml']);
  assert.equal(missing.code, 1);
  assert.equal(typeof JSON.parse(missing.out).error, 'string');
});
