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
  // linkedom only builds <html>/<body> when the markup has them, and its `body` getter throws without a root.
  const src = /<html[\s>]/i.test(html) ? html : `<!doctype html><html><body>${html}</body></html>`;
  const doc = (parseHTML(src) as unknown as { document: DomDocument }).document;
  return doc.documentElement ? doc : (parseHTML('<!doctype html><html><body></body></html>') as unknown as { document: DomDocument }).document;
}

export function isElement(n: DomNode): n is DomElement {
  return n.nodeType === ELEMENT_NODE;
}

/** Whitespace-collapsed text. */
export function collapse(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

/** Lower-cased tag name ('' for non-elements). */
export function tagOf(n: DomNode): string {
  return n.nodeType === ELEMENT_NODE ? (n as DomElement).localName.toLowerCase() : '';
}

export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
