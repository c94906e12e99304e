import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { sanitizeHtml } from './index.ts';
import { auditSanitized } from './testing.ts';

const TAGS = [
  'p', 'div', 'a', 'img', 'b', 'i', 'table', 'tr', 'td', 'li', 'ul', 'pre', 'code', 'iframe', 'video', 'source',
  'picture', 'figure', 'script', 'style', 'svg', 'math', 'form', 'textarea', 'noscript', 'title', 'select', 'option',
  'object', 'template', 'xmp', 'br', 'hr', 'h1', 'blockquote', 'span', 'xss', 'img/', 'svg/',
];
const ATTRS = ['href', 'src', 'srcset', 'onerror', 'onclick', 'style', 'class', 'title', 'width', 'height', 'poster', 'cite', 'data-src', 'target', 'rel', 'alt', 'sandbox', 'srcdoc'];
const VALUES = [
  'x', '1', '0', '/rel', '//cdn.example/a', 'https://ok.example/a?b=1&c=2', 'javascript:alert(1)', 'jav&#x09;ascript:x',
  'data:image/png;base64,AA==', 'data:text/html,x', 'https://www.youtube.com/embed/abc', 'a.jpg 1x, b.jpg 2x', '"><script>',
  '&lt;/p&gt;', "'", '`', 'mailto:a@b.example', ' ', '',
];

/** HTML-shaped strings: random tags (open, close, self-closing), attributes with tricky values, text and entities. */
const htmlish = fc
  .array(
    fc.oneof(
      fc.record({
        tag: fc.constantFrom(...TAGS),
        attrs: fc.array(fc.tuple(fc.constantFrom(...ATTRS), fc.constantFrom(...VALUES), fc.constantFrom('"', "'", '')), { maxLength: 3 }),
      }).map(({ tag, attrs }) => `<${tag}${attrs.map(([n, v, q]) => ` ${n}=${q}${v}${q}`).join('')}>`),
      fc.constantFrom(...TAGS).map((t) => `</${t}>`),
      fc.constantFrom('text', ' ', '\n', '&amp;', '&lt;', '&nbsp;', '&#0;', '<', '>', '"', '<!--', '-->', '<![CDATA[', ']]>', '&', '<?x'),
      fc.string({ maxLength: 8 }),
    ),
    { maxLength: 40 },
  )
  .map((parts) => parts.join(''));

const baseUrl = fc.constantFrom(undefined, null, 'https://news.example/a/b.html', 'http://x.example/', 'nonsense');

test('property: never throws, output passes the audit, and sanitizing again changes nothing', () => {
  fc.assert(
    fc.property(fc.oneof(htmlish, fc.string({ maxLength: 200 })), baseUrl, (html, base) => {
      const once = sanitizeHtml(html, { baseUrl: base });
      assert.deepEqual(auditSanitized(once), [], once);
      assert.equal(sanitizeHtml(once, { baseUrl: base }), once);
    }),
    { numRuns: 1500 },
  );
});

test('deeply nested and large input is sanitized whole, nesting capped', () => {
  const deep = '<div>'.repeat(20_000) + 'x' + '</div>'.repeat(20_000);
  const out = sanitizeHtml(deep, {});
  assert.ok(out.includes('x'));
  assert.ok((out.match(/<div>/g) ?? []).length <= 256, 'nesting beyond the limit is flattened');
  const big = '<p>Some <b>text</b> with a <a href="/l">link</a>.</p>'.repeat(50_000); // ~2.5 MB
  const clean = sanitizeHtml(big, { baseUrl: 'https://s.example/' });
  assert.equal((clean.match(/<a href="https:\/\/s\.example\/l" rel="noopener noreferrer" target="_blank">link<\/a>/g) ?? []).length, 50_000);
});
