import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { dedupeParagraphs } from './index.ts';

const A = 'The council voted on Monday to build a new bridge across the river.';
const B = 'Construction is expected to begin next spring and last two years.';
const C = 'Opponents say the crossing spoils the view of the medieval quay.';

test('a repeated paragraph comes out once, first occurrence kept in place', () => {
  assert.deepEqual(dedupeParagraphs([A, B, A, C]), [A, B, C]);
});

test('a repeated run of paragraphs comes out once', () => {
  assert.deepEqual(dedupeParagraphs([A, B, C, A, B, C]), [A, B, C]);
});

test('whitespace, case and punctuation differences still count as repeats', () => {
  assert.deepEqual(dedupeParagraphs([A, `  ${A.toUpperCase().replace(/\./, '!')}  `]), [A]);
});

test('short lines may repeat unless inside a repeated run', () => {
  assert.deepEqual(dedupeParagraphs(['Q:', A, 'Q:', B]), ['Q:', A, 'Q:', B]);
  assert.deepEqual(dedupeParagraphs([A, 'Foto: dpa', B, A, 'Foto: dpa', B]), [A, 'Foto: dpa', B]);
});

test('property: output has no long duplicates and keeps every distinct paragraph in first-seen order', () => {
  fc.assert(
    fc.property(fc.array(fc.constantFrom(A, B, C), { maxLength: 12 }), (ps) => {
      const out = dedupeParagraphs(ps);
      assert.deepEqual(out, Array.from(new Set(ps)));
    }),
  );
});
