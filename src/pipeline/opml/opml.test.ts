import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildOpml, parseOpml } from './index.ts';

const doc = `<?xml version="1.0"?>
<opml version="2.0" xmlns:newsdesk="https://newsdesk.invalid/ns/opml"><head><title>x</title></head><body>
  <outline text="World">
    <outline text="Europe">
      <outline type="rss" text="BBC" xmlUrl="https://feeds.bbci.co.uk/news/world/rss.xml" htmlUrl="https://www.bbc.co.uk/news" newsdesk:country="gb" newsdesk:language="en"/>
    </outline>
    <outline type="rss" title="FT" xmlUrl="https://www.ft.com/rss/home" premium="true"/>
  </outline>
  <outline type="rss" text="Top level" xmlUrl="https://top.example/feed"/>
  <outline type="rss" text="Dup" xmlUrl="https://top.example/feed"/>
</body></opml>`;

test('nested outlines become category paths; extension attributes are read', () => {
  const r = parseOpml(doc);
  assert.ok(r.ok);
  assert.deepEqual(
    r.value.map((f) => [f.title, f.category, f.country, f.language, f.premium]),
    [
      ['BBC', 'World/Europe', 'GB', 'en', false],
      ['FT', 'World', null, null, true],
      ['Top level', null, null, null, false],
    ],
  );
});

test('a broken OPML is rejected whole with line and column', () => {
  const r = parseOpml('<opml><body>\n<outline xmlUrl="https://a.example/f">\n</body></opml>');
  assert.equal(r.ok, false);
  assert.match(!r.ok ? r.error.message : '', /line 3, column \d+/);
  assert.equal(parseOpml('<html></html>').ok, false);
  const xxe = parseOpml('<!DOCTYPE opml [<!ENTITY x SYSTEM "file:///etc/passwd">]><opml><body><outline text="&x;" xmlUrl="https://a.example/"/></body></opml>');
  assert.equal(xxe.ok, false);
  assert.equal(parseOpml('<opml><body><outline xmlUrl="file:///etc/passwd"/></body></opml>').ok, false);
});

test('export round-trips through import', () => {
  const feeds = [
    { feedUrl: 'https://a.example/f?x=1&y=2', siteUrl: null, title: 'A & B', category: 'News/Local', country: 'FR', language: 'fr', premium: true },
    { feedUrl: 'https://b.example/f', siteUrl: 'https://b.example/', title: 'B', category: null, country: null, language: null, premium: false },
  ];
  const r = parseOpml(buildOpml(feeds));
  assert.ok(r.ok);
  assert.deepEqual(
    r.value.map((f) => ({ ...f })),
    [
      { feedUrl: 'https://b.example/f', siteUrl: 'https://b.example/', title: 'B', category: null, country: null, language: null, premium: false },
      { feedUrl: 'https://a.example/f?x=1&y=2', siteUrl: null, title: 'A & B', category: 'News/Local', country: 'FR', language: 'fr', premium: true },
    ],
  );
});
