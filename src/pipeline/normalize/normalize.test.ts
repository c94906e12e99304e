import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ParsedEntry } from '../../domain/feed.ts';
import { canonicalizeUrl, looksLikeSummary, normalizeEntry, plainTitle } from './index.ts';

const blank: ParsedEntry = {
  id: null, title: null, link: null, summary: null, content: null, published: null, updated: null,
  author: null, categories: [], enclosures: [],
};

test('canonical URLs drop tracking parameters and fragments, keep the rest', () => {
  assert.equal(
    canonicalizeUrl('HTTPS://News.Example.com:443/a/b?id=7&utm_source=rss&fbclid=x#top'),
    'https://news.example.com/a/b?id=7',
  );
  assert.equal(canonicalizeUrl('/rel/path', 'https://x.example/feed.xml'), 'https://x.example/rel/path');
  assert.equal(canonicalizeUrl('javascript:alert(1)'), null);
  assert.equal(canonicalizeUrl('not a url'), null);
});

test('entry identity: guid, then link, then title + date', () => {
  const feedUrl = 'https://x.example/feed';
  const a = normalizeEntry({ ...blank, id: 'urn:1', link: '/a', title: 'A' }, feedUrl);
  const b = normalizeEntry({ ...blank, id: 'urn:1', link: '/other', title: 'B' }, feedUrl);
  assert.equal(a.entryKey, b.entryKey, 'same guid → same entry');
  const c = normalizeEntry({ ...blank, link: '/a?utm_medium=x', title: 'A' }, feedUrl);
  const d = normalizeEntry({ ...blank, link: '/a', title: 'A changed' }, feedUrl);
  assert.equal(c.entryKey, d.entryKey, 'no guid: canonical link');
  const e = normalizeEntry({ ...blank, title: 'T', published: '2024-01-01T00:00:00Z' }, feedUrl);
  const f = normalizeEntry({ ...blank, title: 'T', published: '2024-01-02T00:00:00Z' }, feedUrl);
  assert.notEqual(e.entryKey, f.entryKey);
  assert.equal(e.publishedAt, Date.UTC(2024, 0, 1));
  assert.equal(a.url, 'https://x.example/a');
});

test('titles are plain text; an untitled entry borrows its first words', () => {
  assert.equal(plainTitle('<b>Fish &amp; Chips</b>  &#8212; today'), 'Fish & Chips — today');
  const n = normalizeEntry({ ...blank, content: '<p>Only a body here.</p>' }, 'https://x.example/');
  assert.equal(n.title, 'Only a body here.');
});

test('summary-only detection', () => {
  assert.equal(looksLikeSummary({ summary: 'Short teaser', content: 'Short teaser' }, 'Short teaser'), true);
  assert.equal(looksLikeSummary({ summary: 's', content: '<p>long</p>' }, 'x'.repeat(3000)), false);
  assert.equal(looksLikeSummary({ summary: null, content: 'y' }, 'y'.repeat(2000) + ' Read more'), true);
  assert.equal(looksLikeSummary({ summary: null, content: 'y' }, 'y'.repeat(2000)), false);
});
