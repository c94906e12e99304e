import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { htmlToText } from './index.ts';

test('block elements become paragraphs separated by a blank line; inline text joins', () => {
  assert.equal(
    htmlToText('<h1>Title</h1><p>Hello &amp; <b>bold</b> <a href="#">world</a>!</p><div>Second\n   paragraph</div>'),
    'Title\n\nHello & bold world!\n\nSecond paragraph',
  );
  assert.equal(htmlToText('<div>outer <p>inner</p> tail</div>'), 'outer\n\ninner\n\ntail');
  assert.equal(htmlToText('<ul><li>one<li>two</ul><blockquote>quote</blockquote><figure><img src=x><figcaption>cap</figcaption></figure>'), 'one\n\ntwo\n\nquote\n\ncap');
});

test('entities decoded, whitespace (incl. no-break space) collapsed, br is a line break', () => {
  assert.equal(htmlToText('<p>a&nbsp;&nbsp; b &lt;c&gt; &#233;&eacute; &#x1F600;</p>'), 'a b <c> éé 😀');
  assert.equal(htmlToText('<p>line one<br>line two<br/><br>line three</p>'), 'line one\nline two\nline three');
  assert.equal(htmlToText('   \n\t  '), '');
  assert.equal(htmlToText(''), '');
});

test('script, style, head, template, svg, form controls and hidden elements give no text', () => {
  assert.equal(
    htmlToText(
      '<html><head><title>T</title><style>p{color:red}</style></head><body>' +
        '<script>document.write("<p>no</p>")</script><p>yes</p><noscript>enable js</noscript><template>tpl</template>' +
        '<svg><text>svg</text></svg><select><option>o</option></select><button>Subscribe</button>' +
        '<p hidden>h</p><div aria-hidden="true">a</div><span style="display: none">d</span>' +
        '<video src="v.mp4">Your browser cannot play this video</video><p>end</p></body></html>',
    ),
    'yes\n\nend',
  );
});

test('tables: one row per paragraph, cells separated by a space', () => {
  assert.equal(htmlToText('<table><caption>Cap</caption><tr><th>a</th><th>b</th></tr><tr><td>1</td><td>2</td></tr></table>'), 'Cap\n\na b\n\n1 2');
});

test('pre keeps its lines and indentation', () => {
  assert.equal(htmlToText('<p>before</p><pre><code>if (x) {\n    y();\n\n}</code></pre><p>after</p>'), 'before\n\nif (x) {\n    y();\n}\n\nafter');
});

test('the normal article fixture', () => {
  const text = htmlToText(readFileSync(new URL('./testdata/normal-article.html', import.meta.url), 'utf8'));
  const paragraphs = text.split('\n\n');
  assert.equal(paragraphs[0], 'City council approves the new riverside tram line');
  assert.ok(paragraphs.includes('What changes for commuters'));
  assert.ok(paragraphs.some((p) => p.startsWith('The council voted 31 to 12 on Monday evening to build the Riverside Line, a 9 km tram route')));
  assert.ok(paragraphs.includes('Track and power 212'));
  assert.ok(!/\n{3,}/.test(text));
  assert.ok(!/  /.test(text.replace(/\n {2,}\S.*/g, '')), 'no double spaces outside pre');
});

test('property: never throws; paragraphs are non-blank and separated by exactly one blank line', () => {
  fc.assert(
    fc.property(fc.oneof(fc.string(), fc.stringMatching(/^(<\/?(p|div|br|pre|b|script|li|td|tr)>|[a-z &;#\n\t]|&nbsp;|&amp;)*$/)), (html) => {
      const text = htmlToText(html);
      assert.equal(typeof text, 'string');
      assert.ok(!/\n{3,}/.test(text));
      assert.ok(!/^\n|\n$/.test(text));
      if (text) for (const p of text.split('\n\n')) assert.ok(p.trim() !== '', JSON.stringify(text));
    }),
    { numRuns: 500 },
  );
});
