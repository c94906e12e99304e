/**
 * extractArticle: one HTML page in, the article out (metadata, plain text, simple HTML).
 *
 * Candidates, compared as trafilatura's `compare_extraction` does:
 *  1. publisher markup: the body element(s) named by itemprop/class/`<article>`, chrome removed, blocks classified;
 *  2. @mozilla/readability (its own candidate scoring) on a second parse — only run when (1) is missing or thin,
 *     which keeps us faster than readability alone on most pages;
 *  3. the whole `<body>` classified block by block (jusText-style), when both fail, or when (1) is missing and
 *     the whole page keeps far more text than readability's one container;
 *  4. schema.org `articleBody` from JSON-LD, when it is much longer than what the page markup gave.
 */
import { Readability } from '@mozilla/readability';
import { fail, ok, type Result } from '../../domain/errors.ts';
import { collectBlocks, type Block } from './blocks.ts';
import { blocksOf, classifyBlocks, findContentRoots, findLede, removeChrome, removeChromeUnder } from './content.ts';
import { decodeHtml } from './decode.ts';
import { collapse, deeperThan, escapeHtml, parseDocument, type DomElement } from './dom.ts';
import { extractMetadata, findJsonLdScripts, readJsonLd } from './metadata.ts';
import { dedupeParagraphIndices } from './repeated.ts';

export interface ExtractedArticle {
  title: string | null;
  /** Author name(s): several from structured data joined by "; ", a visible byline as printed ("A, B und C") less
   * its "By", labels and dates. */
  byline: string | null;
  /** ISO-8601 (timestamp with the page's own offset, or YYYY-MM-DD), or null. */
  published: string | null;
  /** BCP 47 language tag from the page (e.g. "de", "en-US"), or null. */
  lang: string | null;
  siteName: string | null;
  /** Absolute URL of the lead image (og:image …), or null. */
  leadImage: string | null;
  /** Publisher description, else the first paragraph cut at ~300 characters. */
  excerpt: string | null;
  /** Article text: paragraphs separated by a blank line (list items and table rows by a single newline). */
  text: string;
  /** Article as simple HTML (p, h2–h6, ul/ol/li, blockquote, pre, table, figure); not yet sanitized. */
  html: string;
}

export interface ExtractOptions {
  /** Page address: resolves relative URLs, supplies URL dates. */
  url: string;
  /** charset parameter of the HTTP Content-Type, when the caller has it (bytes input only). */
  charset?: string;
}

export type ExtractFailureKind = 'too-large' | 'no-content' | 'too-complex';
export interface ExtractFailure {
  kind: ExtractFailureKind;
  message: string;
}
export type ExtractResult = Result<ExtractedArticle, ExtractFailure>;

/** Raw input above this is refused outright (characters or bytes). */
export const MAX_INPUT_SIZE = 48 * 1024 * 1024;
/** Markup left after scripts, styles, comments and inline data are stripped: above this the DOM would be too
 * large to process in bounded time (linkedom builds ~1 MiB/20 ms; our passes are linear) — refused. */
export const MAX_MARKUP_CHARS = 6 * 1024 * 1024;

/** Deeper element trees are refused: several DOM passes (ours, linkedom's, readability's) cost O(nodes × depth)
 * and recurse. Real pages stay under ~200 levels even with unclosed inline tags. */
export const MAX_DOM_DEPTH = 1000;

/** Below this many characters the publisher-markup candidate is doubted and readability is consulted. */
const THIN_CHARS = 1200;

/** On pages without body markup, the whole-page block classification replaces readability's article when it
 * keeps this many times more text (tuned on one half of the dev set's hosts, checked on the other). */
const WHOLE_PAGE_FACTOR = 1.5;

/**
 * Extracts the main article of an HTML page.
 *
 * @param html page as text, or raw bytes (decoded by BOM → `opts.charset` → `<meta charset>` → UTF-8/windows-1252).
 * @param opts `{ url }` of the page.
 * @returns `{ ok: true, value: ExtractedArticle }`, or `{ ok: false, error }` for expected failures:
 *   `too-large` (input over {@link MAX_INPUT_SIZE} or markup over {@link MAX_MARKUP_CHARS}), `no-content` (no
 *   text found), `too-complex` (elements nested deeper than {@link MAX_DOM_DEPTH}, or a stack overflow).
 *   Malformed HTML never throws.
 */
export function extractArticle(html: string | Uint8Array, opts: ExtractOptions): ExtractResult {
  if (html.length > MAX_INPUT_SIZE) {
    return fail({ kind: 'too-large', message: `page is ${html.length} bytes; the limit is ${MAX_INPUT_SIZE}` });
  }
  // NFC: one spelling per character (pages written on some systems carry decomposed accents and nuktas), so
  // the text compares, searches and dedupes as readers expect.
  const source = (typeof html === 'string' ? html : decodeHtml(html, opts.charset).text).normalize('NFC');
  const ldScripts = findJsonLdScripts(source);
  const markup = stripNonContent(source);
  if (markup.length > MAX_MARKUP_CHARS) {
    return fail({ kind: 'too-large', message: `page markup is ${markup.length} characters after stripping scripts; the limit is ${MAX_MARKUP_CHARS}` });
  }
  try {
    return extractFromMarkup(markup, ldScripts, opts.url);
  } catch (err) {
    if (err instanceof RangeError) return fail({ kind: 'too-complex', message: `page structure too deep to process (${err.message})` });
    throw err;
  }
}

/** Removes what never holds article text, before parsing: scripts, styles, comments, SVG, inline data blobs.
 * Halves the DOM of a typical page and bounds the work on script-heavy ones. A `<script type="text/template">`
 * (or text/html) holding paragraphs is unwrapped instead: some blog platforms ship the post body that way. */
export function stripNonContent(html: string): string {
  // One alternation so the earliest construct wins, as in the HTML tokenizer: a "<!--" inside a script is
  // script text, a "<script>" inside a comment is comment text.
  return html
    .replace(/<!--[\s\S]*?(?:-->|$)|<(script|style|svg|noscript|template)\b([^>]*)>([\s\S]*?)<\/\1[^>]*>/gi, (m, tag?: string, attrs?: string, inner?: string) =>
      // Blogger-style `<script type="text/template">` holds the post's own markup, rendered by script.
      tag?.toLowerCase() === 'script' && /\btype\s*=\s*["']?text\/(?:template|html)\b/i.test(attrs ?? '') && /<p[\s>]/i.test(inner ?? '') ? `<div>${stripNonContent(inner ?? '')}</div>` : '')
    .replace(/\s(?:src|srcset|href|style)\s*=\s*(["'])data:[^"']{512,}\1/gi, '');
}

function extractFromMarkup(markup: string, ldScripts: string[], url: string): ExtractResult {
  const doc = parseDocument(markup);
  if (doc.documentElement && deeperThan(doc.documentElement, MAX_DOM_DEPTH)) {
    return fail({ kind: 'too-complex', message: `element nesting deeper than ${MAX_DOM_DEPTH} levels` });
  }
  const all = Array.from(doc.querySelectorAll('*'));
  const meta = extractMetadata(doc, url, readJsonLd(ldScripts), all);
  removeChrome(doc, all);

  const live = Array.from(doc.querySelectorAll('*'));
  const roots = findContentRoots(doc, live);
  const lede = roots ? findLede(live, roots, meta.excerpt) : null;
  let blocks: Block[] = roots ? blocksOf(lede ? [lede, ...roots] : roots, { trimEdges: true }) : [];
  let chars = textChars(blocks);

  if (chars < THIN_CHARS) {
    const rd = readabilityBlocks(markup);
    const rdChars = textChars(rd);
    if (rdChars > chars * 1.3 || chars === 0) {
      blocks = rd;
      chars = rdChars;
    }
  }
  // Without publisher markup, readability keeps its one best container; when the whole page, classified block
  // by block, holds far more good text, the article is spread over several containers (sections, slides).
  if ((chars < 200 || !roots) && doc.body) {
    const whole = blocksOf([doc.body], { trimEdges: true });
    const wholeChars = textChars(whole);
    if (wholeChars > chars * (chars < 200 ? 1 : WHOLE_PAGE_FACTOR)) {
      blocks = whole;
      chars = wholeChars;
    }
  }
  blocks = dropTitleHeading(blocks, meta.title);

  // schema.org articleBody much longer than the markup gave: the page shows a teaser, the data has the text.
  const ldBody = meta.jsonLdBody;
  if (ldBody && ldBody.length > 500 && ldBody.length > chars * 2) {
    const paragraphs = ldBody.split(/\r?\n/).map((p) => collapse(p)).filter(Boolean);
    const kept = dedupeParagraphIndices(paragraphs).map((i) => paragraphs[i] as string);
    return finish(meta, kept.join('\n\n'), kept.map((p) => `<p>${escapeHtml(p)}</p>`).join('\n'));
  }
  const keep = new Set(dedupeParagraphIndices(blocks.map((b) => (b.kind === 'image' ? '' : b.text))));
  blocks = blocks.filter((_, i) => keep.has(i));
  return finish(meta, renderText(blocks), renderHtml(blocks));
}

function finish(meta: ReturnType<typeof extractMetadata>, text: string, html: string): ExtractResult {
  if (!text.trim()) return fail({ kind: 'no-content', message: 'no article text found on the page' });
  const first = text.split('\n\n')[0] ?? '';
  const excerpt = meta.excerpt ?? (first.length > 300 ? `${first.slice(0, 297).trimEnd()}…` : first);
  return ok({
    title: meta.title,
    byline: meta.byline,
    published: meta.published,
    lang: meta.lang,
    siteName: meta.siteName,
    leadImage: meta.leadImage,
    excerpt,
    text,
    html,
  });
}

function textChars(blocks: Block[]): number {
  let n = 0;
  for (const b of blocks) n += b.chars - b.linkChars;
  return n;
}

/** Readability's article, re-read as blocks so the same classifier and renderer apply. */
function readabilityBlocks(markup: string): Block[] {
  const doc = parseDocument(markup);
  try {
    const reader = new Readability(doc as never, { charThreshold: 300, keepClasses: true, serializer: (el: unknown) => el as DomElement });
    const res = reader.parse();
    const root = res?.content as DomElement | null | undefined;
    if (!root) return [];
    removeChromeUnder(root);
    return classifyBlocks(collectBlocks(root), { trimEdges: false });
  } catch {
    // Readability recurses (deep pages overflow the stack) and trips over some DOM shapes linkedom builds;
    // the page then just lacks this candidate.
    return [];
  }
}

function dropTitleHeading(blocks: Block[], title: string | null): Block[] {
  if (!title) return blocks;
  const t = title.toLowerCase();
  const idx = blocks.findIndex((b) => b.kind !== 'image');
  const first = blocks[idx];
  if (first && first.kind === 'h' && first.text.toLowerCase() === t) return blocks.filter((_, i) => i !== idx);
  return blocks;
}

/** Plain text: blocks separated by a blank line; consecutive items of one list by one newline. */
function renderText(blocks: Block[]): string {
  let out = '';
  let prev: Block | null = null;
  for (const b of blocks) {
    // Captions and credits stay with their image in the HTML; in the text they interrupt the article.
    if (b.kind === 'image' || b.kind === 'caption') continue;
    const sameGroup = prev !== null && b.kind === 'li' && prev.kind === 'li' && b.group === prev.group;
    if (out) out += sameGroup ? '\n' : '\n\n';
    out += b.text;
    prev = b;
  }
  return out;
}

function renderHtml(blocks: Block[]): string {
  const parts: string[] = [];
  let open: { group: DomElement; close: string } | null = null;
  for (const b of blocks) {
    const group = b.kind === 'li' || b.kind === 'quote' ? b.group : null;
    if (open && open.group !== group) {
      parts.push(open.close);
      open = null;
    }
    if (group && !open) {
      const tag: string = b.kind === 'quote' ? 'blockquote' : group.localName.toLowerCase() === 'ol' ? 'ol' : 'ul';
      parts.push(`<${tag}>`);
      open = { group, close: `</${tag}>` };
    }
    if (b.kind === 'li' && !b.html.startsWith('<li')) parts.push(`<li>${b.html}</li>`);
    else if (b.kind === 'quote' && !group) parts.push(`<blockquote>${b.html}</blockquote>`);
    else if (b.kind === 'image') parts.push(`<figure>${b.html}</figure>`);
    else parts.push(b.html);
  }
  if (open) parts.push(open.close);
  return parts.join('\n');
}
