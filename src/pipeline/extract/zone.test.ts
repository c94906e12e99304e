import { test } from 'node:test';
import assert from 'node:assert/strict';
import { inPublisherZone, publisherZone } from './zone.ts';
import { extractArticle } from './index.ts';

test('publisherZone: country domain first, then the language region, then a one-zone language', () => {
  assert.equal(publisherZone('https://zeitung.example.de/a', null), 'Europe/Berlin');
  assert.equal(publisherZone('https://diario.example.com.ar/a', 'es'), 'America/Argentina/Buenos_Aires');
  assert.equal(publisherZone('https://news.example.com/a', 'pt-BR'), null); // Brazil spans zones: no guess
  assert.equal(publisherZone('https://news.example.com/a', 'de'), 'Europe/Berlin');
  assert.equal(publisherZone('https://news.example.com/a', 'en'), null);
  assert.equal(publisherZone('https://startup.example.io/a', 'fr-FR'), 'Europe/Paris'); // .io says nothing
});

test('inPublisherZone: a UTC timestamp is re-expressed with the local offset, same instant', () => {
  assert.equal(inPublisherZone('2021-11-04T23:00:00Z', 'Europe/Berlin'), '2021-11-05T00:00:00+01:00');
  assert.equal(inPublisherZone('2022-07-01T22:30:00+00:00', 'Europe/Berlin'), '2022-07-02T00:30:00+02:00');
  assert.equal(inPublisherZone('2022-05-04T03:38:19Z', 'America/Argentina/Buenos_Aires'), '2022-05-04T00:38:19-03:00');
  // Local offsets, bare dates and unknown zones are left alone.
  assert.equal(inPublisherZone('2021-11-04T23:00:00+01:00', 'Europe/Berlin'), '2021-11-04T23:00:00+01:00');
  assert.equal(inPublisherZone('2021-11-04', 'Europe/Berlin'), '2021-11-04');
  assert.equal(inPublisherZone('2021-11-04T23:00:00Z', null), '2021-11-04T23:00:00Z');
});

test('published: a UTC datePublished of a German page carries the German calendar day', () => {
  const html = `<html lang="de"><head><meta property="article:published_time" content="2021-11-04T23:30:00Z"></head><body><article><p>${'Der Stadtrat hat am Abend den Ausbau des Hafens beschlossen. '.repeat(6)}</p></article></body></html>`;
  const res = extractArticle(html, { url: 'https://stadtblatt.example.de/hafen' });
  assert.ok(res.ok);
  assert.equal(res.value.published, '2021-11-05T00:30:00+01:00');
});
