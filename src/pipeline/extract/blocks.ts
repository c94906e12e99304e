/**
 * Flattens a content subtree into a list of text blocks (paragraphs, headings, list items, quotes, pre, tables,
 * captions) with the per-block figures the classifiers need: text length and link-text length (link density,
 * as in jusText and Kohlschütter et al. 2010 "Boilerplate detection using shallow text features").
 */
import { collapse, escapeHtml, isElement, tagOf, TEXT_NODE, type DomElement, type DomNode } from './dom.ts';

export type BlockKind = 'p' | 'h' | 'li' | 'quote' | 'pre' | 'table' | 'caption' | 'image';

export interface Block {
  kind: BlockKind;
  /** Heading level 1–6 (kind 'h'). */
  level: number;
  /** Text, whitespace collapsed within lines; `<br>` kept as '\n' (table cells joined by '\t', rows by '\n'). */
  text: string;
  /** Characters of `text` (collapsed) and of the part inside links. */
  chars: number;
  linkChars: number;
  /** HTML fragment for this block (inline markup kept as found; the sanitizer cleans it before storage). */
  html: string;
  /** The list / blockquote element the block belongs to, for grouping consecutive items. */
  group: DomElement | null;
  /** Source element (null for an anonymous run of inline content). */
  el: DomElement | null;
  /** For an anonymous run: the element it sits in. */
  container?: DomElement;
}

const INLINE = new Set([
  'a', 'abbr', 'acronym', 'b', 'bdi', 'bdo', 'big', 'br', 'cite', 'code', 'data', 'del', 'dfn', 'em', 'font', 'i',
  'img', 'ins', 'kbd', 'label', 'mark', 'nobr', 'picture', 'q', 's', 'samp', 'small', 'source', 'span', 'strike',
  'strong', 'sub', 'sup', 'time', 'tt', 'u', 'var', 'wbr',
]);
const SKIP = new Set(['script', 'style', 'noscript', 'template', 'svg', 'math', 'canvas', 'iframe', 'object', 'embed',
  'button', 'input', 'select', 'textarea', 'option', 'head', 'title', 'meta', 'link', 'hr', 'video', 'audio', 'map']);
const BLOCK_DESCENDANTS = 'p, div, section, article, h1, h2, h3, h4, h5, h6, ul, ol, li, table, blockquote, figure, pre, dl';
/** Deeper than this, a subtree is read as one block: bounds recursion on adversarial nesting. */
const MAX_DEPTH = 400;

/** Text of a node with `<br>` as '\n' and skipped tags omitted; iterative so deep nesting cannot overflow. */
export function textOf(root: DomNode): string {
  let out = '';
  const stack: DomNode[] = [root];
  while (stack.length > 0) {
    const n = stack.pop() as DomNode;
    if (n.nodeType === TEXT_NODE) {
      out += n.textContent ?? '';
      continue;
    }
    if (!isElement(n)) continue;
    const t = tagOf(n);
    if (t === 'br') {
      out += '\n';
      continue;
    }
    if (SKIP.has(t) && n !== root) continue;
    if (t === 'td' || t === 'th') out += '\t';
    else if (t === 'tr' || t === 'li' || t === 'p' || t === 'div') out += '\n';
    const kids = n.childNodes;
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i] as DomNode);
  }
  return out;
}

/** Collapses spaces within lines and drops blank lines. */
function tidy(s: string, keepLines = true): string {
  if (!keepLines) return collapse(s);
  return s
    .split('\n')
    // Same invisible characters as collapse() drops (ZWJ/ZWNJ are spelling in some scripts and kept).
    .map((l) => l.replace(/[\u00ad\u2060\ufeff]/g, '').replace(/[ \t\f\r\u00a0\u200b]+/g, ' ').trim())
    .filter(Boolean)
    .join('\n');
}

function linkTextLength(el: DomElement): number {
  if (tagOf(el) === 'a') return collapse(el.textContent ?? '').length;
  let n = 0;
  const links = el.querySelectorAll('a');
  for (let i = 0; i < links.length; i++) n += collapse((links[i] as DomElement).textContent ?? '').length;
  return n;
}

function hasBlockDescendant(el: DomElement): boolean {
  return el.querySelector(BLOCK_DESCENDANTS) !== null;
}

function outer(nodes: DomNode[]): string {
  return nodes.map((n) => (n.nodeType === TEXT_NODE ? escapeHtml(n.textContent ?? '') : isElement(n) ? n.outerHTML : '')).join('');
}

/** Collects the blocks under `root` in document order. */
export function collectBlocks(root: DomElement): Block[] {
  const blocks: Block[] = [];
  walk(root, blocks, 0, null);
  // Blocks inside a link (teaser cards: <a><h2>…</h2><p>…</p></a>) are all link text.
  for (const b of blocks) {
    const ref = b.el ?? b.container;
    if (ref && b.linkChars < b.chars && ref.parentElement?.closest('a')) b.linkChars = b.chars;
  }
  return blocks;
}

/** Class names of image captions and credits (kept with their image in HTML, left out of the text). */
const CAPTION_CLASS = /(?:^|[\s_-])(?:wp-caption-text|caption|captions|img-metadata|image-credit|photo-credit|credit|credits|bildunterschrift|bildnachweis|bildquelle|fotonachweis|figure__caption-content|media-caption|copyright|image-annotation|image-copyright|img-copyright|photo-copyright)(?:$|[\s_-])/i;

/** A paragraph whose whole text sits in one caption / credit element (`<p><em class="copyright">© …</em></p>`). */
function wrapsCaption(p: DomElement): boolean {
  const kids = p.children;
  if (kids.length !== 1) return false;
  const only = kids[0] as DomElement;
  const cls = only.getAttribute('class');
  if (!cls || !CAPTION_CLASS.test(cls)) return false;
  return collapse(only.textContent ?? '') === collapse(p.textContent ?? '');
}

function pushBlock(blocks: Block[], kind: BlockKind, el: DomElement | null, text: string, html: string, linkChars: number, group: DomElement | null, level = 0): void {
  const t = kind === 'pre' ? text.replace(/^\n+|\s+$/g, '') : tidy(text);
  if (!t && kind !== 'image') return;
  const chars = collapse(t).length;
  blocks.push({ kind, level, text: t, chars, linkChars: Math.min(linkChars, chars), html, group, el });
}

function walk(el: DomElement, blocks: Block[], depth: number, quote: DomElement | null): void {
  let run: DomNode[] = [];
  const flush = (): void => {
    if (run.length === 0) return;
    let text = '';
    let links = 0;
    for (const n of run) {
      text += n.nodeType === TEXT_NODE ? (n.textContent ?? '') : textOf(n);
      if (isElement(n)) links += linkTextLength(n);
    }
    if (collapse(text)) {
      const kind: BlockKind = quote ? 'quote' : 'p';
      pushBlock(blocks, kind, null, text, `<p>${outer(run)}</p>`, links, quote);
      const last = blocks[blocks.length - 1];
      if (last && last.el === null) last.container = el;
    } else {
      for (const n of run) if (isElement(n)) collectImages(n, blocks);
    }
    run = [];
  };
  const kids = el.childNodes;
  for (let i = 0; i < kids.length; i++) {
    const n = kids[i] as DomNode;
    if (n.nodeType === TEXT_NODE) {
      run.push(n);
      continue;
    }
    if (!isElement(n)) continue;
    const t = tagOf(n);
    if (SKIP.has(t)) continue;
    if (INLINE.has(t) && (depth >= MAX_DEPTH || !hasBlockDescendant(n))) {
      run.push(n);
      continue;
    }
    flush();
    leaf(n, t, blocks, depth, quote);
  }
  flush();
}

function collectImages(el: DomElement, blocks: Block[]): void {
  const imgs = tagOf(el) === 'img' ? [el] : Array.from(el.querySelectorAll('img'));
  for (const img of imgs) {
    const src = img.getAttribute('src') ?? img.getAttribute('data-src');
    if (!src || src.startsWith('data:')) continue;
    blocks.push({ kind: 'image', level: 0, text: '', chars: 0, linkChars: 0, html: `<img src="${escapeHtml(src)}" alt="${escapeHtml(img.getAttribute('alt') ?? '')}">`, group: null, el: img });
  }
}

function leaf(n: DomElement, t: string, blocks: Block[], depth: number, quote: DomElement | null): void {
  if (depth >= MAX_DEPTH) {
    pushBlock(blocks, 'p', n, textOf(n), `<p>${escapeHtml(collapse(textOf(n)))}</p>`, linkTextLength(n), quote);
    return;
  }
  const cls = n.getAttribute('class');
  if (cls && CAPTION_CLASS.test(cls) && collapse(n.textContent ?? '').length < 400) {
    return pushBlock(blocks, 'caption', n, textOf(n), `<figcaption>${escapeHtml(collapse(textOf(n)))}</figcaption>`, linkTextLength(n), null);
  }
  switch (t) {
    case 'p':
      if (hasBlockDescendant(n)) return walk(n, blocks, depth + 1, quote);
      if (wrapsCaption(n) && collapse(n.textContent ?? '').length < 400) {
        return pushBlock(blocks, 'caption', n, textOf(n), `<figcaption>${escapeHtml(collapse(textOf(n)))}</figcaption>`, linkTextLength(n), null);
      }
      return pushBlock(blocks, quote ? 'quote' : 'p', n, textOf(n), `<p>${n.innerHTML}</p>`, linkTextLength(n), quote);
    case 'h1': case 'h2': case 'h3': case 'h4': case 'h5': case 'h6': {
      const level = Number(t.slice(1));
      return pushBlock(blocks, 'h', n, textOf(n), `<${t}>${escapeHtml(collapse(textOf(n)))}</${t}>`, linkTextLength(n), null, level);
    }
    case 'ul': case 'ol': case 'dl': {
      const items = n.children;
      for (let i = 0; i < items.length; i++) {
        const li = items[i] as DomElement;
        const lt = tagOf(li);
        if (lt === 'li' || lt === 'dt' || lt === 'dd') {
          // A list item holding paragraphs or sub-sections is a container (some CMSs build the page as one list).
          if (li.querySelector('p, div p, h1, h2, h3, h4, table, blockquote') && collapse(li.textContent ?? '').length > 400) walk(li, blocks, depth + 1, quote);
          else pushBlock(blocks, 'li', li, textOf(li), `<li>${li.innerHTML}</li>`, linkTextLength(li), n);
        } else leaf(li, lt, blocks, depth + 1, quote);
      }
      return;
    }
    case 'blockquote':
      if (hasBlockDescendant(n)) return walk(n, blocks, depth + 1, n);
      return pushBlock(blocks, 'quote', n, textOf(n), `<p>${n.innerHTML}</p>`, linkTextLength(n), n);
    case 'pre':
      return pushBlock(blocks, 'pre', n, n.textContent ?? '', `<pre>${escapeHtml(n.textContent ?? '')}</pre>`, 0, null);
    case 'table': {
      // Layout tables (old sites, e-mail-like pages) hold the article in cells: walk into them.
      const inner = n.querySelector('table, p, div, h1, h2, ul, blockquote');
      if (inner || collapse(n.textContent ?? '').length > 2000) return walk(n, blocks, depth + 1, quote);
      return pushBlock(blocks, 'table', n, textOf(n), n.outerHTML, linkTextLength(n), null);
    }
    case 'figcaption':
    case 'caption':
      return pushBlock(blocks, 'caption', n, textOf(n), `<figcaption>${escapeHtml(collapse(textOf(n)))}</figcaption>`, linkTextLength(n), null);
    case 'img':
      return collectImages(n, blocks);
    default:
      return walk(n, blocks, depth + 1, quote);
  }
}
