import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { extractArticle, MAX_MARKUP_CHARS, type ExtractedArticle } from './index.ts';

const fixture = (name: string): string => readFileSync(new URL(`./testdata/${name}`, import.meta.url), 'utf8');

function extractOk(html: string | Uint8Array, url = 'https://gazette.example/news/2024/03/05/bridge'): ExtractedArticle {
  const res = extractArticle(html, { url });
  assert.ok(res.ok, res.ok ? '' : `extraction failed: ${res.error.kind} ${res.error.message}`);
  return res.value;
}

test('news article: body kept, chrome removed, metadata read', () => {
  const a = extractOk(fixture('news-article.html'));
  assert.equal(a.title, 'Council approves new river bridge');
  assert.equal(a.byline, 'Jane Miller; Tom Baker');
  assert.equal(a.published, '2024-03-05T08:30:00+01:00');
  assert.equal(a.lang, 'en-GB');
  assert.equal(a.siteName, 'The Riverton Gazette');
  assert.equal(a.leadImage, 'https://gazette.example/img/bridge.jpg');
  assert.equal(a.excerpt, 'The bridge will link the old town with the harbour district.');
  assert.match(a.text, /^The city council voted on Monday/);
  assert.match(a.text, /take about two years, the council said in a statement\.$/);
  for (const kept of ['A long debate', 'Length: 120 metres', 'Cost: 14 million euros', 'most important decision']) {
    assert.ok(a.text.includes(kept), `missing: ${kept}`);
  }
  for (const chrome of ['Home', 'cookies', 'Share on Facebook', 'Related stories', 'Harbour homes plan', 'Great news for the harbour', 'Storm closes schools', 'All rights reserved', 'By Jane Miller']) {
    assert.ok(!a.text.includes(chrome), `chrome left in: ${chrome}`);
  }
});

test('text: paragraphs separated by a blank line, list items by a newline', () => {
  const a = extractOk(fixture('news-article.html'));
  const paragraphs = a.text.split('\n\n');
  assert.equal(paragraphs[0], 'The city council voted on Monday to build a new pedestrian bridge across the Riven, ending a debate that has divided the town for more than a decade.');
  assert.ok(paragraphs.includes('A long debate'));
  assert.ok(paragraphs.some((p) => /^Length: .*\nCost: /.test(p)), 'list items on consecutive lines');
});

test('html keeps headings, lists, quotes and figures with captions', () => {
  const a = extractOk(fixture('news-article.html'));
  assert.match(a.html, /<h2>A long debate<\/h2>/);
  assert.match(a.html, /<ul>\s*<li>Length: 120 metres/);
  assert.match(a.html, /<blockquote>/);
  assert.match(a.html, /<figure>[\s\S]*quay\.jpg[\s\S]*<\/figure>/);
  assert.match(a.html, /<figcaption>The medieval quay/);
  assert.ok(!a.html.includes('<script'));
  // Captions are part of the HTML but not of the plain text.
  assert.ok(!a.text.includes('The medieval quay seen from the harbour'));
});

test('bytes are decoded by the declared charset', () => {
  const html = '<html><head><meta charset="iso-8859-1"><title>Grüße</title></head><body><div class="entry-content"><p>Die Straßenbahn fährt wieder: Nach drei Wochen Bauarbeiten ist die Linie zwischen Hauptbahnhof und Marienplatz in Betrieb.</p><p>Fahrgäste müssen sich bis Ende des Monats auf Verspätungen einstellen, teilten die Stadtwerke am Dienstag mit.</p></div></body></html>';
  const a = extractOk(new Uint8Array(Buffer.from(html, 'latin1')));
  assert.match(a.text, /Straßenbahn fährt/);
  assert.match(a.text, /Fahrgäste müssen/);
});

test('entities and an http-equiv charset page', () => {
  const a = extractOk(new Uint8Array(Buffer.from(fixture('latin1.html'), 'latin1')));
  assert.match(a.text, /Die Straßenbahn fährt wieder/);
  assert.equal(a.title, 'Grüße aus München');
});

test('a body printed twice comes out once', () => {
  const a = extractOk(fixture('repeated-body.html'), 'https://ville.example/marche');
  const ps = a.text.split('\n\n');
  assert.equal(ps.length, 3);
  assert.equal(ps.filter((p) => p.startsWith('Le nouveau marché')).length, 1);
  assert.equal(a.byline, 'Claire Dubois');
  assert.equal(a.published, '2023-06-14');
  assert.equal(a.lang, 'fr');
});

test('date from the URL when the page has none', () => {
  const html = '<html><body><article><p>' + 'Ein ganz normaler Absatz mit genug Text, um als Artikel zu gelten. '.repeat(6) + '</p></article></body></html>';
  assert.equal(extractOk(html, 'https://blog.example/2019/11/03/post').published, '2019-11-03');
});

test('page without markup hints: the text-dense part is found (readability / block fallback)', () => {
  const para = (i: number) => `<p>Paragraph ${i} of a page that has no article markup at all, written in plain sentences, long enough to count as prose.</p>`;
  const html = `<html><body><div><a href="/">Home</a> <a href="/x">Blog</a></div><div>${[1, 2, 3, 4, 5, 6].map(para).join('')}</div><div><a href="/p">Privacy</a> <a href="/i">Imprint</a></div></body></html>`;
  const a = extractOk(html);
  assert.match(a.text, /^Paragraph 1 of a page/);
  assert.match(a.text, /Paragraph 6 of a page/);
  assert.ok(!a.text.includes('Privacy'));
});

test('JSON-LD articleBody is used when the markup gives far less', () => {
  const body = 'Dieser Artikeltext steht nur im strukturierten Datenblock der Seite und nicht im sichtbaren HTML. '.repeat(12);
  const html = `<html><head><script type="application/ld+json">${JSON.stringify({ '@type': 'NewsArticle', headline: 'Nur im JSON', articleBody: body })}</script></head><body><article><p>Kurzer Anriss des Artikels, der im HTML steht und auf den vollständigen Text verweist.</p><p>Noch ein Satz mit etwas mehr Inhalt, damit der Anriss nicht ganz leer ist, aber kurz bleibt.</p></article></body></html>`;
  const a = extractOk(html);
  assert.match(a.text, /strukturierten Datenblock/);
});

test('empty and script-only pages are a no-content failure, not an exception', () => {
  for (const html of ['', '   ', '<html></html>', '<script>alert(1)</script>', '<body><nav><a href="/">Home</a></nav></body>']) {
    const res = extractArticle(html, { url: 'https://x.example/' });
    assert.equal(res.ok, false);
    if (!res.ok) assert.equal(res.error.kind, 'no-content');
  }
});

test('oversized markup is refused with a too-large failure', () => {
  const html = '<html><body>' + '<div><p>x</p></div>'.repeat(Math.ceil(MAX_MARKUP_CHARS / 19) + 10) + '</body></html>';
  const res = extractArticle(html, { url: 'https://x.example/' });
  assert.equal(res.ok, false);
  if (!res.ok) assert.equal(res.error.kind, 'too-large');
});

test('a 15 MiB page made mostly of scripts and inline images still extracts', () => {
  const filler = '<script>' + 'var a = 1;'.repeat(100_000) + '</script>';
  const img = `<img src="data:image/png;base64,${'A'.repeat(1_000_000)}">`;
  let html = '<html><head><title>Big page</title></head><body>';
  while (html.length < 15 * 1024 * 1024) html += filler + img;
  html += '<article><p>' + 'The actual article text is short compared with the page around it. '.repeat(5) + '</p></article></body></html>';
  const a = extractOk(html);
  assert.match(a.text, /actual article text/);
});

test('pathologically deep nesting is refused quickly with too-complex', () => {
  const depth = 20_000;
  const html = '<div>'.repeat(depth) + '<p>' + 'Deep text. '.repeat(20) + '</p>' + '</div>'.repeat(depth);
  const res = extractArticle(html, { url: 'https://x.example/' });
  assert.equal(res.ok, false);
  if (!res.ok) assert.equal(res.error.kind, 'too-complex');
});

test('deep but plausible nesting (unclosed inline tags) still extracts', () => {
  const html = '<article>' + '<font>'.repeat(300) + '<p>' + 'Text inside many unclosed font tags, as old pages have it. '.repeat(5) + '</p></article>';
  const a = extractOk(html);
  assert.match(a.text, /unclosed font tags/);
});
