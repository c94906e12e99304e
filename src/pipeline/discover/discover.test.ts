import { test } from 'node:test';
import assert from 'node:assert/strict';
import { discoverFeeds } from './index.ts';

test('advertised feeds come first, resolved against <base>, deduplicated; then common paths', () => {
  const html = `<html><head><base href="https://news.example/sub/">
    <link rel="alternate" type="application/rss+xml" title="All news" href="rss.xml">
    <link rel="Alternate" type="application/atom+xml; charset=utf-8" href="/atom">
    <link rel="alternate" type="text/html" href="/mobile">
    <link rel="alternate" type="application/rss+xml" href="javascript:alert(1)">
    <link rel="stylesheet" href="/s.css">
    <link rel="alternate" type="application/rss+xml" href="rss.xml#dup"></head></html>`;
  const c = discoverFeeds(html, 'https://news.example/page');
  assert.deepEqual(c.slice(0, 2), [
    { url: 'https://news.example/sub/rss.xml', title: 'All news', via: 'link' },
    { url: 'https://news.example/atom', title: null, via: 'link' },
  ]);
  assert.equal(c[2]!.url, 'https://news.example/feed');
  assert.ok(c.slice(2).every((x) => x.via === 'guess'));
  assert.ok(!c.some((x) => x.url.startsWith('javascript')));
});

test('a page without links still yields the common paths; garbage does not throw', () => {
  assert.ok(discoverFeeds('<<<>>>\u0000', 'http://x.example/a/b').some((c) => c.url === 'http://x.example/rss.xml'));
});
