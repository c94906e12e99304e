import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cleanByline, looksLikePersonName } from './byline.ts';
import { extractArticle } from './index.ts';

const BODY = '<p>' + 'The harbour board met on Tuesday evening and agreed to extend the quay by forty metres. '.repeat(5) + '</p>';

function bylineOf(html: string, url = 'https://harbour-news.example/2024/05/17/quay'): string | null {
  const res = extractArticle(html, { url });
  assert.ok(res.ok, res.ok ? '' : res.error.message);
  return res.value.byline;
}

test('cleanByline: lead words, labels, separators and dates around the name are dropped', () => {
  const cases: [string, string | null][] = [
    ['By Jane Doe', 'Jane Doe'],
    ['Posted on September 21, 2020 by Adi Example', 'Adi Example'],
    ['Zeige alle Beiträge von Cem Beispiel', 'Cem Beispiel'],
    ['Datum: 19.11.2021 Autor: Fritz Muster Quelle: Agentur', 'Fritz Muster'],
    ['Jacobo Ejemplo Peláez | Publicado hace 3 horas', 'Jacobo Ejemplo Peláez'],
    ['Isabella Muster am Samstag, 19. Oktober 2019 um 11:14 Uhr', 'Isabella Muster'],
    ['By Alex Sample Thursday, November 9, 2023', 'Alex Sample'],
    ['Donnerstag, 3. März 2022, 10:15 Uhr · Anna Beispiel', 'Anna Beispiel'],
    ['Johanna Muster Alle Artikel', 'Johanna Muster'],
    ['Text und Interview: Harald Beispiel', 'Harald Beispiel'],
    // Particles inside a name are not lead words.
    ['Christoph von Ritterberg', 'Christoph von Ritterberg'],
    // Picture credits, bare labels and link words are not names.
    ['Foto: Max Muster', null],
    ['Veröffentlicht am', null],
    ['Stand: 20. April 2020, 14:57 Uhr', null],
    ['Zur Artikelübersicht', null],
  ];
  for (const [raw, want] of cases) assert.equal(cleanByline(raw), want, raw);
});

test('looksLikePersonName: capitalised names with particles, several joined; not labels or dates', () => {
  assert.ok(looksLikePersonName('Jane Doe'));
  assert.ok(looksLikePersonName('Christoph von Ritterberg'));
  assert.ok(looksLikePersonName('Isabel Caro, Rocío Latorre y José Miguel Wilson'));
  assert.ok(!looksLikePersonName('published by'));
  assert.ok(!looksLikePersonName('Jane Doe 12.03.2021'));
});

test('byline: a JSON-LD author given as an @id reference is resolved in the graph', () => {
  const ld = JSON.stringify({
    '@context': 'https://schema.org',
    '@graph': [
      { '@type': 'Article', headline: 'Quay extended', author: { '@id': 'https://harbour-news.example/#/person/1' } },
      { '@type': 'Person', '@id': 'https://harbour-news.example/#/person/1', name: 'Giovanni Esempio' },
    ],
  });
  const html = `<html><head><script type="application/ld+json">${ld}</script></head><body><article>${BODY}</article></body></html>`;
  assert.equal(bylineOf(html), 'Giovanni Esempio');
});

test('byline: an author field naming the site gives way to the person credited on the page', () => {
  const html = `<html><head><meta property="og:site_name" content="Harbour News"><meta name="author" content="Harbour News">
    <script type="application/ld+json">{"@type":"NewsArticle","author":{"@type":"Person","name":"Harbour News"}}</script></head>
    <body><article><h1>Quay extended</h1><div class="meta">By <a href="/authors/emma-beispiel">Emma Beispiel</a> · 17 May 2024</div>${BODY}</article></body></html>`;
  assert.equal(bylineOf(html), 'Emma Beispiel');
});

test('byline: a company credit is kept when the page names nobody else', () => {
  const html = `<html><head><meta name="author" content="Hafenverband Nord e.V."></head><body><article>${BODY}</article></body></html>`;
  assert.equal(bylineOf(html), 'Hafenverband Nord e.V.');
});

test('byline: reader comments never give the byline; teaser lists only after the page byline', () => {
  const html = `<html><body>
    <div class="teaser-list"><div class="byline">By Tom Teaser</div></div>
    <article><h1>Quay extended</h1><p class="byline">By Maria Muster</p>${BODY}</article>
    <ol class="comment-list"><li><span class="comment-author-link">Carl Commenter</span><p>Great news.</p></li></ol>
  </body></html>`;
  assert.equal(bylineOf(html), 'Maria Muster');
  const onlyComments = `<html><body><article>${BODY}</article><div id="comments"><div class="author vcard">Carl Commenter</div></div></body></html>`;
  assert.equal(bylineOf(onlyComments), null);
});

test('byline: a byline written as plain text ("Blog post by …", "Text: …") when no markup names one', () => {
  const html = `<html><body><article><h1>Quay extended</h1><p>Blog post by Margarita Beispiel</p>${BODY}</article>
    <footer><p>Powered by Example Press</p></footer></body></html>`;
  assert.equal(bylineOf(html), 'Margarita Beispiel');
  const credit = `<html><body><article>${BODY}</article><div class="credits"><p>Theme by Example Themes</p><p>Designed by Jane Webdesign</p></div></body></html>`;
  assert.equal(bylineOf(credit), null);
});

test('byline: a written "Von …" line outranks a publisher credit in <meta name="author">', () => {
  const html = `<html><head><meta name="author" content="Lübecker Beispielblatt"><meta property="og:site_name" content="Quay extended | Lübecker Beispielblatt"></head>
    <body><article>${BODY}<p><em>Von Cosima Beispiel</em></p></article></body></html>`;
  assert.equal(bylineOf(html, 'https://lb.example/quay'), 'Cosima Beispiel');
});

test('byline: a headline that starts with a lead word is not a byline', () => {
  const html = `<html><body><article>${BODY}</article><div class="more"><div><h4>Autor Schlink: Wahl zum Buch ist eine Ehre</h4></div></div></body></html>`;
  assert.equal(bylineOf(html), null);
});
