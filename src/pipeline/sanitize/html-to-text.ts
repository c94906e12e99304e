/**
 * HTML → plain text for article text, search and scoring: one paragraph per block element, paragraphs separated by
 * a blank line. Read with htmlparser2's streaming tokenizer (entities decoded, no DOM built), so deep nesting
 * cannot overflow the stack.
 */
import { Parser } from 'htmlparser2';

/** In-buffer markers (stripped from input text): a line break, and a line to keep verbatim (from <pre>). */
const LINE = '\u0001';
const PRE = '\u0000';

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

function isHiddenAttrs(attribs: Record<string, string>): boolean {
  if ('hidden' in attribs) return true;
  if (attribs['aria-hidden'] === 'true') return true;
  const style = attribs.style;
  return style !== undefined && /display\s*:\s*none|visibility\s*:\s*hidden/i.test(style);
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
  const paragraphs: string[] = [];
  let buffer = '';
  let preDepth = 0;
  // > 0 while inside an element whose content gives no text (script, hidden, …): counts nested opens.
  let skipDepth = 0;

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

  // A streaming tokenizer (htmlparser2, the parser linkedom itself uses) instead of a DOM: no tree is built, and
  // deep nesting costs nothing. Void elements get an open and a close event, so the skip depth stays balanced.
  const parser = new Parser(
    {
      onopentag(name, attribs) {
        if (skipDepth > 0 || SKIP.has(name) || isHiddenAttrs(attribs)) {
          skipDepth++;
          return;
        }
        if (name === 'br') {
          buffer += preDepth > 0 ? LINE + PRE : LINE;
          return;
        }
        if (BLOCK.has(name)) flush();
        if (name === 'pre') {
          preDepth++;
          buffer += PRE;
        }
      },
      ontext(text) {
        if (skipDepth > 0) return;
        const clean = text.replace(/[\u0000\u0001]/g, '');
        // Inside <pre>, source newlines are line breaks and lines are kept verbatim (PRE-prefixed for flush).
        buffer += preDepth > 0 ? clean.replace(/\r?\n/g, LINE + PRE) : clean;
      },
      onclosetag(name) {
        if (skipDepth > 0) {
          skipDepth--;
          return;
        }
        if (name === 'pre') preDepth = Math.max(0, preDepth - 1);
        if (BLOCK.has(name)) flush();
        else if (CELL.has(name)) buffer += ' ';
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.write(html);
  parser.end();
  flush();
  return paragraphs.join('\n\n');
}
