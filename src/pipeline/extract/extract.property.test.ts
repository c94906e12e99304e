import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { extractArticle } from './index.ts';

const TAGS = ['p', 'div', 'span', 'a', 'article', 'main', 'section', 'ul', 'li', 'table', 'tr', 'td', 'h1', 'h2', 'blockquote', 'pre', 'figure', 'figcaption', 'img', 'br', 'script', 'style', 'nav', 'aside', 'footer', 'header', 'form', 'iframe', 'svg', 'template', 'font', 'b', 'time', 'meta', 'title', 'html', 'body', 'head'];
const ATTRS = ['class="article-body"', 'class="related"', 'id="comments"', 'hidden', 'aria-hidden="true"', 'style="display:none"', 'itemprop="articleBody"', 'href="javascript:alert(1)"', 'src="data:image/png;base64,AAAA"', 'datetime="2024-02-30"', 'lang="xx-YY"', 'charset="bogus"', 'content="x"', 'property="og:title"', 'rel="author"'];

/** Random tag soup: unbalanced, misnested, with comments, entities and stray brackets. */
const tagSoup = fc
  .array(
    fc.oneof(
      fc.tuple(fc.constantFrom(...TAGS), fc.array(fc.constantFrom(...ATTRS), { maxLength: 3 })).map(([t, a]) => `<${t} ${a.join(' ')}>`),
      fc.constantFrom(...TAGS).map((t) => `</${t}>`),
      fc.string({ maxLength: 80 }),
      fc.constantFrom('<!--', '-->', '<![CDATA[', ']]>', '&amp;', '&#x0;', '&#99999999;', '&nbsp;', '<', '>', '"', "'", '<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"bogus","author":[null,{"name":5}]}</script>', '\u0000', '\uFEFF'),
    ),
    { maxLength: 60 },
  )
  .map((parts) => parts.join(''));

test('extractArticle never throws on random tag soup (string input)', () => {
  fc.assert(
    fc.property(tagSoup, fc.constantFrom('https://x.example/2024/01/02/a', 'not a url', ''), (html, url) => {
      const res = extractArticle(html, { url });
      assert.equal(typeof res.ok, 'boolean');
      if (res.ok) {
        assert.equal(typeof res.value.text, 'string');
        assert.ok(res.value.text.trim().length > 0);
        assert.ok(res.value.published === null || /^\d{4}-\d{2}-\d{2}/.test(res.value.published));
      }
    }),
    { numRuns: 300 },
  );
});

test('extractArticle never throws on random bytes', () => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 400 }), (bytes) => {
      const res = extractArticle(bytes, { url: 'https://x.example/' });
      assert.equal(typeof res.ok, 'boolean');
    }),
    { numRuns: 200 },
  );
});

test('text never contains a paragraph twice', () => {
  const para = fc.constantFrom(
    'First paragraph of a story that is long enough to count as prose in any extractor.',
    'Second paragraph of a story, also long enough to count as prose for the classifier.',
    'Third paragraph, a quote that a scraper might have printed twice on the same page.',
  );
  fc.assert(
    fc.property(fc.array(para, { minLength: 1, maxLength: 8 }), (ps) => {
      const html = `<html><body><article>${ps.map((p) => `<p>${p}</p>`).join('')}</article></body></html>`;
      const res = extractArticle(html, { url: 'https://x.example/' });
      assert.ok(res.ok);
      const out = res.value.text.split('\n\n');
      assert.equal(new Set(out).size, out.length);
      assert.deepEqual(new Set(out), new Set(ps));
    }),
    { numRuns: 100 },
  );
});
