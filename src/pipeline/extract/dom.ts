/**
 * The slice of the DOM the extractor uses, typed by hand: the project compiles without lib.dom, and linkedom's
 * own typings lean on it. Only what linkedom implements is listed here.
 */
import { parseHTML } from 'linkedom';

export const ELEMENT_NODE = 1;
export const TEXT_NODE = 3;

export interface DomNode {
  readonly nodeType: number;
  readonly nodeName: string;
  textContent: string | null;
  readonly parentNode: DomNode | null;
  readonly parentElement: DomElement | null;
  readonly childNodes: ArrayLike<DomNode>;
  readonly nextSibling: DomNode | null;
  readonly isConnected: boolean;
  remove(): void;
}

export interface DomElement extends DomNode {
  readonly tagName: string;
  readonly localName: string;
  readonly children: ArrayLike<DomElement>;
  id: string;
  className: string;
  innerHTML: string;
  readonly outerHTML: string;
  getAttribute(name: string): string | null;
  setAttribute(name: string, value: string): void;
  hasAttribute(name: string): boolean;
  removeAttribute(name: string): void;
  querySelector(selectors: string): DomElement | null;
  querySelectorAll(selectors: string): ArrayLike<DomElement>;
  closest(selectors: string): DomElement | null;
  contains(other: DomNode): boolean;
  cloneNode(deep: boolean): DomElement;
  replaceWith(...nodes: DomNode[]): void;
  appendChild(node: DomNode): DomNode;
}

export interface DomDocument {
  readonly documentElement: DomElement | null;
  readonly body: DomElement | null;
  readonly head: DomElement | null;
  querySelector(selectors: string): DomElement | null;
  querySelectorAll(selectors: string): ArrayLike<DomElement>;
  createElement(tag: string): DomElement;
}

/** Parses an HTML string with linkedom (htmlparser2 underneath: tolerant, never throws on malformed markup). */
export function parseDocument(html: string): DomDocument {
  // linkedom only builds <html>/<body> when the markup has them, and its `body` getter throws without a root;
  // stray <html> tags inside content can also make another element the root. Rebuild the skeleton then.
  const src = /<html[\s>]/i.test(html) ? html : `<!doctype html><html><body>${html}</body></html>`;
  const doc = (parseHTML(src) as unknown as { document: DomDocument }).document;
  if (isUsable(doc)) return doc;
  const inner = html.replace(/<\/?(?:html|head|body)\b[^>]*>/gi, '');
  const again = (parseHTML(`<!doctype html><html><body>${inner}</body></html>`) as unknown as { document: DomDocument }).document;
  return isUsable(again) ? again : (parseHTML('<!doctype html><html><body></body></html>') as unknown as { document: DomDocument }).document;
}

function isUsable(doc: DomDocument): boolean {
  try {
    return doc.documentElement?.localName === 'html' && doc.body !== null;
  } catch {
    return false;
  }
}

export function isElement(n: DomNode): n is DomElement {
  return n.nodeType === ELEMENT_NODE;
}

/** Whitespace-collapsed text. */
export function collapse(s: string): string {
  // Soft hyphens, zero-width spaces and word joiners are invisible typesetting hints, not text. The zero-width
  // (non-)joiners U+200C/U+200D stay: they are spelling in Indic and Persian scripts and in emoji sequences.
  return s.replace(/[\u00ad\u200b\u2060\ufeff]/g, '').replace(/\s+/g, ' ').trim();
}

/**
 * Whitespace-collapsed text of `el` when it is short: null as soon as the subtree holds more than `maxChars`
 * characters of raw text (×3, for indentation) or more than `maxNodes` nodes. Unlike textContent, costs
 * O(min(subtree, maxNodes)), so scanning every element of a page for short texts stays linear.
 */
export function shortText(el: DomNode, maxChars: number, maxNodes = 64): string | null {
  const limit = maxChars * 3 + 64;
  let raw = '';
  let nodes = 0;
  const stack: DomNode[] = [el];
  while (stack.length > 0) {
    const n = stack.pop() as DomNode;
    if (++nodes > maxNodes) return null;
    if (n.nodeType === TEXT_NODE) {
      raw += n.textContent ?? '';
      if (raw.length > limit) return null;
    } else if (n.nodeType === ELEMENT_NODE) {
      const kids = n.childNodes;
      for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i] as DomNode);
    }
  }
  const text = collapse(raw);
  return text.length <= maxChars ? text : null;
}

/** Lower-cased tag name ('' for non-elements). */
export function tagOf(n: DomNode): string {
  return n.nodeType === ELEMENT_NODE ? (n as DomElement).localName.toLowerCase() : '';
}

export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** True when the element tree under `root` is deeper than `limit` (iterative; stops at the first too-deep path). */
export function deeperThan(root: DomNode, limit: number): boolean {
  const stack: [DomNode, number][] = [[root, 0]];
  while (stack.length > 0) {
    const [n, d] = stack.pop() as [DomNode, number];
    if (d > limit) return true;
    const kids = n.childNodes;
    for (let i = 0; i < kids.length; i++) {
      const k = kids[i] as DomNode;
      if (k.nodeType === ELEMENT_NODE) stack.push([k, d + 1]);
    }
  }
  return false;
}
