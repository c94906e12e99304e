import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { extractArticle, type ExtractedArticle } from './index.ts';

const fixture = (name: string): string => readFileSync(new URL(`./testdata/${name}`, import.meta.url), 'utf8');

function extractOk(name: string, url = 'https://news.example/2024/01/12/story'): ExtractedArticle {
  const res = extractArticle(fixture(name), { url });
  assert.ok(res.ok, res.ok ? '' : `extraction failed: ${res.error.kind} ${res.error.message}`);
  return res.value;
}

test('title: the article h1 is found after a long teaser list, and an og:site_name equal to the title is no site hint', () => {
  const a = extractOk('title-teasers-first.html');
  assert.equal(a.title, 'New pier opens to ferries in spring');
});

test('title: an h1 that only links to the front page is the site name, not the headline', () => {
  const a = extractOk('title-home-link.html', 'https://blog.example.org/2024/hinge');
  assert.equal(a.title, 'Fixing a squeaky hinge');
});

test('title: a title cut with an ellipsis is completed from the visible headline', () => {
  const a = extractOk('title-truncated.html');
  assert.equal(a.title, 'Council votes to close the old bridge to cars from next summer');
});

test('content: a body class on single paragraphs selects their container, headings and plain paragraphs included', () => {
  const a = extractOk('typo3-bodytext.html');
  assert.match(a.text, /^Der Stadtrat hat am Dienstag/);
  for (const kept of ['Kosten und Zeitplan', 'Die Stadt rechnet mit Kosten', 'Anwohner können sich']) assert.ok(a.text.includes(kept), `missing: ${kept}`);
  assert.ok(!a.text.includes('Max Muster'), 'photo credit left in the text');
});

test('content: post markup inside <script type="text/template"> is read', () => {
  const a = extractOk('blogger-template.html');
  assert.match(a.text, /^Our build times doubled/);
  assert.match(a.text, /already in the cache\.$/);
});

test('content: a boxed "Read also" section ends with its box; dateline and filing line trimmed', () => {
  const a = extractOk('related-box.html');
  assert.match(a.text, /^Witch hazel flowers/);
  assert.ok(a.text.includes('Its thin, ribbon-like petals'), 'paragraph after the related box dropped');
  assert.match(a.text, /next winter's flowers will not form\.$/);
  for (const chrome of ['Read also', 'Is witch hazel poisonous', '09:30', 'filed under']) assert.ok(!a.text.includes(chrome), `chrome left in: ${chrome}`);
});

test('title: a topic line set apart at the start of the h1 is not part of the headline; an itemprop=description lede is kept', () => {
  const a = extractOk('title-kicker.html');
  assert.equal(a.title, 'New canal locks ready for testing');
  assert.match(a.text, /^After four years of work the locks/);
});

test('content: label lines opening a contact box are dropped', () => {
  const a = extractOk('typo3-bodytext.html');
  assert.ok(!a.text.includes('Kontakt:'), 'label left in the text');
});

test('title: a pipe without spaces separates the site name in <title>', () => {
  const a = extractOk('title-pipe.html');
  assert.equal(a.title, 'Ferry timetable changes from Monday');
});

test('title: an h2 that og:title repeats is the headline when the h1 is the site name (its dashes kept)', () => {
  const a = extractOk('title-h2-repeated.html', 'https://growers.example/news/plots');
  assert.equal(a.title, 'Allotment news – new plots shared out');
});

test('title: without an h1, an h2 that starts og:title is the headline', () => {
  const a = extractOk('title-h2-prefix.html');
  assert.equal(a.title, 'New plots along the river path');
});

test('title: without an h1, the one itemprop=headline heading is the headline', () => {
  const a = extractOk('title-h2-itemprop.html');
  assert.equal(a.title, 'Waiting list shrinks by a third');
});

test('title: a <title> naming only the site gives way to the first heading', () => {
  const a = extractOk('title-site-only.html', 'https://greenlanegrowers.example/shed');
  assert.equal(a.title, 'Shed repairs and compost rules');
});

test('title: a cut og:title is completed from the first h2 when there is no h1', () => {
  const a = extractOk('title-h2-extended.html');
  assert.equal(a.title, 'Society shares out plots "early"');
});

test('title: an h2 repeated by og:title beats an h1 that only the <title> confirms (a section name)', () => {
  const a = extractOk('title-h2-over-section-h1.html');
  assert.equal(a.title, 'Plot holders agree on a weekly clean of the water butts');
});
