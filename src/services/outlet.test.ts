import { test } from 'node:test';
import assert from 'node:assert/strict';
import { outletOf } from './outlet.ts';

test('outlets: site host, www ignored; path segment only for IP/localhost sites; else the feed', () => {
  assert.equal(outletOf({ feed_site_url: 'https://www.bbc.co.uk/news', feed_id: 'f1' }), 'bbc.co.uk');
  assert.equal(outletOf({ feed_site_url: 'https://bbc.co.uk/sport', feed_id: 'f2' }), 'bbc.co.uk');
  assert.equal(outletOf({ feed_site_url: 'http://127.0.0.1:8081/sites/a/', feed_id: 'f3' }), '127.0.0.1:8081/sites/a');
  assert.notEqual(
    outletOf({ feed_site_url: 'http://127.0.0.1:8081/sites/a/', feed_id: 'x' }),
    outletOf({ feed_site_url: 'http://127.0.0.1:8081/sites/b', feed_id: 'x' }),
  );
  assert.equal(outletOf({ feed_site_url: null, feed_id: 'f4' }), 'feed:f4');
  assert.equal(outletOf({ feed_site_url: 'not a url', feed_id: 'f5' }), 'feed:f5');
});
