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

const para = (s: string, n = 4): string => `<p>${`${s} `.repeat(n).trim()}</p>`;
function extractHtml(html: string, url = 'https://news.example/2024/01/12/story'): ExtractedArticle {
  const res = extractArticle(html, { url });
  assert.ok(res.ok, res.ok ? '' : `extraction failed: ${res.error.kind} ${res.error.message}`);
  return res.value;
}

test('content: an itemprop=articleBody is not overridden by a larger main landmark holding the comments', () => {
  const comments = Array.from({ length: 30 }, (_, i) => para(`Reader ${i} thinks the ferry fares are far too high for families and says so at length.`, 3)).join('');
  const html = `<html><body><span role="main"><article itemprop="articleBody"><h1>Ferry fares rise</h1>${para('Ferry fares will rise by eight percent from March, the operator said on Monday.')}${para('The island council asked for a discount for residents and for pupils travelling to school.', 5)}${para('The operator blames fuel and wages and says timetables stay as they are for the summer.', 5)}</article></span>
    <span role="main"><h2>Discussion</h2>${comments}</span></body></html>`;
  const a = extractHtml(html);
  assert.match(a.text, /Ferry fares will rise/);
  assert.ok(!a.text.includes('Reader 3'), 'comment thread taken as the article');
});

test('content: an <article> classed as a teaser is a listing entry, not the article', () => {
  const teaser = `<article class="card-teaser"><h3>Dossier: the energy transition</h3>${para('Our dossier collects studies, interviews and maps on how regions move away from coal and gas.', 14)}</article>`;
  const html = `<html><body><main>${teaser}<h1>Our mission</h1>${para('The institute studies how energy systems change and who gains from the change.', 12)}${para('Its researchers work with towns, firms and ministries across Europe on practical plans.', 12)}</main></body></html>`;
  const a = extractHtml(html);
  assert.match(a.text, /The institute studies/);
  assert.match(a.text, /Its researchers work/);
});

test('content: a "commentary" section class (an opinion piece) is not comment chrome', () => {
  const posts = Array.from({ length: 20 }, (_, i) => `<div class="post">${para(`Forum post ${i}: the bridge debate has gone on for years and nobody in the valley expects a quick decision.`, 2)}</div>`).join('');
  const html = `<html><body><div class="sect commentary"><article>${para('The council was right to delay the vote on the new bridge until the costs are known.', 6)}${para('A city that borrows for a bridge should know what it will pay over thirty years.', 6)}${para('Nobody doubts the need for a crossing; the question is only how to pay for it fairly.', 6)}</article></div>
    <div class="forum">${posts}</div></body></html>`;
  const a = extractHtml(html);
  assert.match(a.text, /^The council was right/);
  assert.ok(!a.text.includes('Forum post 3'), 'forum taken as the article');
});

test('text is NFC: decomposed accents come out composed; zero-width joiners stay', () => {
  const decomposed = 'Cafe\u0301 und Mu\u0308nchen';
  const html = `<html><body><article>${para(`${decomposed}: die Stra\u00dfenbahn fa\u0308hrt wieder zwischen Hauptbahnhof und Marienplatz.`, 4)}${para('\u0995\u09cd\u200d\u09b7 ist ein Zeichen mit Verbinder, das im Text so bleiben muss wie es geschrieben wurde.', 2)}</article></body></html>`;
  const a = extractHtml(html);
  assert.ok(a.text.includes('Café und München'), a.text.slice(0, 80));
  assert.ok(a.text.includes('\u0995\u09cd\u200d\u09b7'), 'zero-width joiner dropped');
});

test('published: a <time> in the article\'s own aside counts; one in a page aside does not', () => {
  const body = para('The regatta starts at noon and runs until the last boat crosses the line near the pier.', 5);
  const inArticle = `<html><body><article>${body}<aside class="meta"><time datetime="2022-01-21">21.01.2022</time></aside></article></body></html>`;
  assert.equal(extractHtml(inArticle, 'https://news.example/regatta').published, '2022-01-21');
  const inPage = `<html><body><article>${body}</article><aside><time datetime="2020-03-03">3 March</time></aside></body></html>`;
  assert.notEqual(extractHtml(inPage, 'https://news.example/regatta').published, '2020-03-03');
});

test('published: datePublished of a non-article JSON-LD node (HowTo) when the page has no article node', () => {
  const html = `<html><head><script type="application/ld+json">{"@type":"HowTo","name":"Round tablecloth","datePublished":"2022-01-10"}</script></head><body><main>${para('Cut the fabric to a square, fold it twice and mark the radius with a string and chalk.', 5)}</main></body></html>`;
  assert.equal(extractHtml(html, 'https://diy.example/tablecloth').published, '2022-01-10');
});

test('content: the og:description shown above the body (under no known class) is the standfirst', () => {
  const desc = 'Firms are trying everything from sneeze guards to fever checks to keep their staff healthy.';
  const html = `<html><head><meta property="og:description" content="${desc}"></head><body><article><h1>How firms protect staff</h1>
    <p class="hx-9">${desc}</p><div class="article-body">${para('At the factory gate a camera reads the temperature of every worker before the shift starts.', 6)}${para('Canteens have moved to two sittings and tables stand two metres apart from one another.', 6)}</div></article></body></html>`;
  const a = extractHtml(html);
  assert.ok(a.text.startsWith(desc), a.text.slice(0, 100));
});

test('content: a table of contents (ez-toc box, or a "Table of contents" heading) is not article text', () => {
  const toc = `<div id="ez-toc-container"><p class="ez-toc-title">Inhaltsverzeichnis</p><ul><li><a href="#a">Warum dekantieren?</a></li><li><a href="#b">Wie lange?</a></li></ul></div>`;
  const html = `<html><body><article class="post"><div class="entry-content">${para('Rotwein atmet in der Karaffe und gibt dabei Aromen frei, die in der Flasche verschlossen bleiben.', 4)}${toc}
    <h2 id="a">Warum dekantieren?</h2>${para('Junge Weine werden weicher, alte Weine trennt man so vom Depot, das sich am Boden abgesetzt hat.', 4)}
    <h2>Table of contents</h2><ul><li>Warum dekantieren</li><li>Wie lange</li></ul><h2 id="b">Wie lange?</h2>${para('Eine halbe Stunde genügt den meisten Weinen, kräftige junge Rotweine vertragen auch zwei Stunden.', 4)}</div></article></body></html>`;
  const a = extractHtml(html);
  assert.ok(!a.text.includes('Inhaltsverzeichnis'), 'toc box kept');
  assert.ok(!a.text.includes('Table of contents'), 'toc heading kept');
  assert.match(a.text, /Eine halbe Stunde genügt/);
});

test('published: an RDFa schema:dateCreated outside <meta> (Drupal) is read', () => {
  const html = `<html><body><article><span property="schema:dateCreated" content="2022-01-28T12:45:46+01:00" class="rdf-meta hidden"></span>${para('The vineyard group reported strong growth in its wine and spirits business last year.', 5)}</article></body></html>`;
  assert.equal(extractHtml(html, 'https://wine.example/growth').published, '2022-01-28T12:45:46+01:00');
});

test('content: without body markup, the whole page classified block by block wins over readability\'s one small container', () => {
  // Readability drops the "extra" box as an unlikely candidate and keeps only the club notice.
  const steps = Array.from({ length: 6 }, (_, i) => `<li>Schritt ${i + 1}: Den Teig mit Butter, Zucker und Mehl verkneten, dann ausrollen und in der Form eine halbe Stunde kühl ruhen lassen.</li>`).join('');
  const html = `<html><body><div class="page"><div class="promo">${para('Our bakery club meets every Thursday in the old mill to share recipes and stories from the kitchen.', 4)}</div>
    <div class="extra"><h2>Zubereitung</h2><ol>${steps}</ol></div></div></body></html>`;
  const a = extractHtml(html);
  assert.match(a.text, /Schritt 1: Den Teig/);
  assert.match(a.text, /Schritt 6: Den Teig/);
});
