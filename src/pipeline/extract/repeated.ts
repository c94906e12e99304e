/**
 * Repeated-text removal within one article: pages (and scrapers) sometimes print the body twice — a teaser
 * followed by the full text, an AMP copy, a print version, a "summary" box repeating the lede.
 */
import { parseDocument } from './dom.ts';

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

/** Block elements whose repetition is a scraper's doubling. */
const REPEATABLE_BLOCKS = 'p, h1, h2, h3, h4, h5, h6, blockquote, li, pre, figcaption';

/**
 * Removes repeated paragraphs from an article body, in its text (paragraphs separated by blank lines) and in its
 * HTML alike: the first occurrence stays; short refrains stay unless inside a repeated run (see
 * `dedupeParagraphIndices`).
 * @returns the cleaned body and how many paragraphs were removed (0: body returned as it was).
 */
export function removeRepeatedParagraphs(body: { text: string; html: string }): { text: string; html: string; removed: number } {
  const paragraphs = body.text.split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean);
  const keep = new Set(dedupeParagraphIndices(paragraphs));
  if (keep.size === paragraphs.length) return { ...body, removed: 0 };
  const repeated = new Set(paragraphs.filter((_, i) => !keep.has(i)).map(paragraphKey));
  const doc = parseDocument(`<!doctype html><html><body>${body.html}</body></html>`);
  const seen = new Set<string>();
  for (const el of Array.from(doc.body!.querySelectorAll(REPEATABLE_BLOCKS))) {
    const key = paragraphKey(el.textContent ?? '');
    if (!repeated.has(key)) continue;
    if (seen.has(key)) el.remove();
    else seen.add(key);
  }
  return {
    text: paragraphs.filter((_, i) => keep.has(i)).join('\n\n'),
    html: doc.body!.innerHTML,
    removed: paragraphs.length - keep.size,
  };
}
