/**
 * Repeated-text removal within one article: pages (and scrapers) sometimes print the body twice — a teaser
 * followed by the full text, an AMP copy, a print version, a "summary" box repeating the lede.
 */

/** Normalised key of a paragraph: case, whitespace and punctuation folded so trivial re-typesetting still matches. */
export function paragraphKey(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFKC')
    .replace(/[\s\u00a0\u200b]+/g, ' ')
    .replace(/[^\p{L}\p{N} ]+/gu, '')
    .trim();
}

/** Shorter paragraphs than this may legitimately repeat (e.g. "Advertisement", a refrain, "Q:"). */
const MIN_REPEAT_CHARS = 25;

/**
 * Removes every paragraph whose normalised text already appeared earlier in the same article, so a repeated
 * paragraph — or a repeated run of paragraphs — comes out once (the first occurrence is kept, order preserved).
 * Paragraphs shorter than 25 normalised characters are only dropped when they sit inside a repeated run
 * (between two dropped paragraphs), since short lines ("Foto: dpa", "Q:") repeat legitimately.
 *
 * @param paragraphs article paragraphs in reading order.
 * @returns the indices of the paragraphs to keep, ascending.
 */
export function dedupeParagraphIndices(paragraphs: readonly string[]): number[] {
  const seen = new Set<string>();
  const keys = paragraphs.map(paragraphKey);
  const dup = keys.map((k) => {
    if (!k) return false;
    if (seen.has(k)) return true;
    seen.add(k);
    return false;
  });
  const keep: number[] = [];
  for (let i = 0; i < paragraphs.length; i++) {
    const k = keys[i] ?? '';
    if (!dup[i]) {
      keep.push(i);
      continue;
    }
    if (k.length >= MIN_REPEAT_CHARS) continue;
    // Short repeat: drop only when it is part of a run of long repeats.
    const prevDup = i > 0 && dup[i - 1] === true && (keys[i - 1] ?? '').length >= MIN_REPEAT_CHARS;
    const nextDup = i + 1 < paragraphs.length && dup[i + 1] === true && (keys[i + 1] ?? '').length >= MIN_REPEAT_CHARS;
    if (!(prevDup || nextDup)) keep.push(i);
  }
  return keep;
}

/** {@link dedupeParagraphIndices} applied to the strings themselves. */
export function dedupeParagraphs(paragraphs: readonly string[]): string[] {
  return dedupeParagraphIndices(paragraphs).map((i) => paragraphs[i] as string);
}

/**
 * Removes a text that repeats itself as a whole inside one paragraph-less string ("ABCABC" from scrapers that
 * concatenate the body twice): returns the first half when the second half is an exact (whitespace-folded) copy.
 */
export function dedupeDoubledText(text: string): string {
  const t = text.trim();
  if (t.length < 200) return text;
  const folded = t.replace(/\s+/g, ' ');
  const half = Math.floor(folded.length / 2);
  for (const cut of [half, half + 1, half - 1]) {
    const a = folded.slice(0, cut).trim();
    const b = folded.slice(cut).trim();
    if (a.length > 0 && a === b) return a;
  }
  return text;
}
