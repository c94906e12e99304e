/**
 * HTML → plain text for article text, search and scoring: one paragraph per block element, paragraphs separated by
 * a blank line. Parsed with linkedom (entities decoded by its parser); walked without recursion so deep nesting
 * cannot overflow the stack.
 */
import { parseHTML } from 'linkedom';

/** The slice of linkedom's DOM this walk uses (the project compiles without lib.dom). */
interface TextNode {
  readonly nodeType: number;
  readonly nodeName: string;
  readonly textContent: string | null;
  readonly childNodes: ArrayLike<TextNode>;
  readonly localName?: string;
  getAttribute?(name: string): string | null;
  hasAttribute?(name: string): boolean;
}

/** In-buffer markers (stripped from input text): a line break, and a line to keep verbatim (from <pre>). */
const LINE = '\u0001';
const PRE = '\u0000';

const ELEMENT_NODE = 1;
const TEXT_NODE = 3;

/** Elements that start and end a paragraph. */
const BLOCK = new Set([
  'address', 'article', 'aside', 'blockquote', 'body', 'caption', 'center', 'dd', 'details', 'dialog', 'dir', 'div',
  'dl', 'dt', 'fieldset', 'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header',
  'hgroup', 'hr', 'html', 'legend', 'li', 'listing', 'main', 'menu', 'nav', 'ol', 'p', 'plaintext', 'pre', 'section',
  'summary', 'table', 'tbody', 'tfoot', 'thead', 'tr', 'ul', 'picture',
]);

/** Elements whose content is never prose a reader sees (video/audio hold only "your browser cannot play" text). */
const SKIP = new Set([
  'script', 'style', 'noscript', 'template', 'head', 'title', 'meta', 'link', 'iframe', 'object', 'embed', 'svg',
  'canvas', 'select', 'textarea', 'button', 'input', 'datalist', 'source', 'track', 'map', 'video', 'audio',
]);

/** Cells of one row stay on one line, separated by a space. */
const CELL = new Set(['td', 'th']);

function isHidden(el: TextNode): boolean {
  if (el.hasAttribute?.('hidden')) return true;
  if (el.getAttribute?.('aria-hidden') === 'true') return true;
  const style = el.getAttribute?.('style');
  return style != null && /display\s*:\s*none|visibility\s*:\s*hidden/i.test(style);
}

/**
 * Plain text of an HTML fragment or document.
 *
 * - Block elements (p, div, headings, li, blockquote, tr, figcaption, …) each become a paragraph; paragraphs are
 *   separated by one blank line (`\n\n`). `<br>` is a line break inside a paragraph.
 * - Whitespace (including no-break spaces) collapses to single spaces; lines are trimmed; empty paragraphs vanish.
 *   `<pre>` keeps its line breaks and indentation (blank lines inside it are dropped so they cannot read as
 *   paragraph breaks).
 * - Entities are decoded. script, style, noscript, template, head, svg, video/audio fallback, form controls and
 *   elements marked hidden (`hidden`, `aria-hidden="true"`, inline `display:none`) give no text. Image alt text is
 *   not included.
 *
 * Returns `''` for empty input; never throws on malformed HTML.
 */
export function htmlToText(html: string): string {
  if (!html) return '';
  const { document } = parseHTML(`<!DOCTYPE html><html><head></head><body>${html}</body></html>`) as unknown as {
    document: { body: TextNode | null; documentElement: TextNode };
  };
  const root = document.body ?? document.documentElement;

  const paragraphs: string[] = [];
  let buffer = '';
  let preDepth = 0;

  const flush = (): void => {
    if (!buffer) return;
    const text = buffer
      .split(LINE)
      .map((line) => (line.startsWith(PRE) ? line.slice(1).replace(/\s+$/, '') : line.replace(/\s+/g, ' ').trim()))
      .filter((line) => line.trim() !== '')
      .join('\n');
    if (text) paragraphs.push(text);
    buffer = '';
  };

  // Explicit stack of [node, leaving]: leaving=true marks the end of an element.
  const stack: Array<[TextNode, boolean]> = [[root, false]];
  while (stack.length) {
    const [node, leaving] = stack.pop()!;
    if (node.nodeType === TEXT_NODE) {
      const text = node.textContent ?? '';
      const clean = text.replace(/[\u0000\u0001]/g, '');
      // Inside <pre>, source newlines are line breaks and lines are kept verbatim (PRE-prefixed for flush).
      buffer += preDepth > 0 ? clean.replace(/\r?\n/g, LINE + PRE) : clean;
      continue;
    }
    if (node.nodeType !== ELEMENT_NODE) continue;
    const name = (node.localName ?? node.nodeName).toLowerCase();
    if (leaving) {
      if (name === 'pre') preDepth--;
      if (BLOCK.has(name)) flush();
      else if (CELL.has(name)) buffer += ' ';
      continue;
    }
    if (SKIP.has(name) || isHidden(node)) continue;
    if (name === 'br') {
      buffer += preDepth > 0 ? LINE + PRE : LINE;
      continue;
    }
    if (BLOCK.has(name)) flush();
    if (name === 'pre') {
      preDepth++;
      buffer += PRE;
    }
    stack.push([node, true]);
    const children = node.childNodes;
    for (let i = children.length - 1; i >= 0; i--) stack.push([children[i]!, false]);
  }
  flush();
  return paragraphs.join('\n\n');
}
