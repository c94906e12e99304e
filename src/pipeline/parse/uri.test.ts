import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolveUrl } from './uri.ts';

test('RFC 3986 §5.4 reference resolution examples', () => {
  const base = 'http://a/b/c/d;p?q';
  const examples: Array<[string, string]> = [
    ['g:h', 'g:h'], ['g', 'http://a/b/c/g'], ['./g', 'http://a/b/c/g'], ['g/', 'http://a/b/c/g/'], ['/g', 'http://a/g'],
    ['//g', 'http://g'], ['?y', 'http://a/b/c/d;p?y'], ['g?y', 'http://a/b/c/g?y'], ['#s', 'http://a/b/c/d;p?q#s'],
    ['g#s', 'http://a/b/c/g#s'], [';x', 'http://a/b/c/;x'], ['', 'http://a/b/c/d;p?q'], ['.', 'http://a/b/c/'],
    ['./', 'http://a/b/c/'], ['..', 'http://a/b/'], ['../g', 'http://a/b/g'], ['../..', 'http://a/'], ['../../g', 'http://a/g'],
    ['../../../g', 'http://a/g'], ['/./g', 'http://a/g'], ['/../g', 'http://a/g'], ['g.', 'http://a/b/c/g.'], ['..g', 'http://a/b/c/..g'],
    ['./../g', 'http://a/b/g'], ['./g/.', 'http://a/b/c/g/'], ['g/../h', 'http://a/b/c/h'], ['g;x=1/../y', 'http://a/b/c/y'],
    ['g?y/../x', 'http://a/b/c/g?y/../x'], ['g#s/../x', 'http://a/b/c/g#s/../x'],
  ];
  for (const [ref, want] of examples) assert.equal(resolveUrl(ref, base), want, ref);
});

test('resolution is syntactic: IRIs, case and spacing survive; absolute references are returned as written', () => {
  assert.equal(resolveUrl('pü/1', 'http://B.Example/dä/'), 'http://B.Example/dä/pü/1');
  assert.equal(resolveUrl('x', 'http://a.example'), 'http://a.example/x');
  assert.equal(resolveUrl('  HTTP://Other.Example/A  ', 'http://a.example/'), 'HTTP://Other.Example/A');
});

test('no usable base: the reference comes back unchanged', () => {
  assert.equal(resolveUrl('a/b', null), 'a/b');
  assert.equal(resolveUrl('a/b', 'dir/'), 'a/b'); // a path-relative base
  assert.equal(resolveUrl('b', 'tag:example.com,2004:a'), 'b'); // nothing is relative to an opaque URI
  assert.equal(resolveUrl('b', 'urn:isbn:123'), 'b');
});

test('a base without a scheme (xml:base in a document with no URL) still resolves paths', () => {
  assert.equal(resolveUrl('p', '/blog/'), '/blog/p');
  assert.equal(resolveUrl('../x', '/blog/2004/'), '/blog/x');
  assert.equal(resolveUrl('p', '//cdn.example/a/'), '//cdn.example/a/p');
});
