/**
 * OPML 1.0/2.0 subscription lists (http://opml.org/spec2.opml): parse into feeds with their category path, and
 * build one from feeds. Parsing is strict XML (saxes) so a broken file is rejected whole with its line and column;
 * DTDs are never processed. Newsdesk extensions ride as attributes: `country`, `language`, `premium` (also accepted
 * with a `newsdesk:` prefix).
 */
import { SaxesParser } from 'saxes';
import { fail, ok, type Result } from '../../domain/errors.ts';

/** Largest OPML document accepted (bytes of text). */
export const MAX_OPML_BYTES = 5 * 1024 * 1024;

export interface OpmlFeed {
  feedUrl: string;
  siteUrl: string | null;
  title: string | null;
  /** Category path from nested outlines, joined with "/"; null at the top level. */
  category: string | null;
  country: string | null;
  language: string | null;
  premium: boolean;
}

/**
 * Parses an OPML document.
 * @returns the feeds in document order (duplicates by URL dropped), or a 'parse' failure naming line and column.
 */
export function parseOpml(text: string): Result<OpmlFeed[]> {
  if (text.length > MAX_OPML_BYTES) {
    return fail({ kind: 'too-large', message: `OPML is ${text.length} bytes; the limit is ${MAX_OPML_BYTES}` });
  }
  const feeds: OpmlFeed[] = [];
  const seen = new Set<string>();
  const stack: Array<string | null> = [];
  let sawOpml = false;
  let error: string | null = null;
  const parser = new SaxesParser({ xmlns: false, position: true });
  parser.on('doctype', () => {
    error ??= `OPML line ${parser.line}, column ${parser.column}: DOCTYPE is not allowed`;
  });
  parser.on('opentag', (tag) => {
    if (tag.name === 'opml') sawOpml = true;
    if (tag.name !== 'outline') return;
    const a = tag.attributes as Record<string, string>;
    const attr = (name: string) => (a[name] ?? a[`newsdesk:${name}`] ?? '').trim() || null;
    const xmlUrl = attr('xmlUrl') ?? attr('xmlurl');
    const title = attr('title') ?? attr('text');
    if (xmlUrl) {
      if (!/^https?:\/\//i.test(xmlUrl)) {
        error ??= `OPML line ${parser.line}: outline "${title ?? ''}" has a non-http feed URL: ${xmlUrl}`;
      } else if (!seen.has(xmlUrl)) {
        seen.add(xmlUrl);
        const category = stack.filter((s): s is string => s !== null).join('/') || null;
        feeds.push({
          feedUrl: xmlUrl,
          siteUrl: attr('htmlUrl') ?? attr('htmlurl'),
          title,
          category,
          country: attr('country')?.toUpperCase() ?? null,
          language: attr('language'),
          premium: /^(true|1|yes)$/i.test(attr('premium') ?? ''),
        });
      }
      stack.push(null);
    } else {
      stack.push(title);
    }
    if (tag.isSelfClosing) stack.pop();
  });
  parser.on('closetag', (tag) => {
    if (tag.name === 'outline' && !tag.isSelfClosing) stack.pop();
  });
  parser.on('error', (err) => {
    error ??= `OPML ${err.message.replace(/^(\d+):(\d+): /, 'line $1, column $2: ')}`;
  });
  try {
    parser.write(text).close();
  } catch (err) {
    error ??= `OPML ${(err as Error).message.replace(/^(\d+):(\d+): /, 'line $1, column $2: ')}`;
  }
  if (error) return fail({ kind: 'parse', message: error });
  if (!sawOpml) return fail({ kind: 'parse', message: 'not an OPML document (no <opml> root element)' });
  return ok(feeds);
}

export interface OpmlExportFeed {
  feedUrl: string;
  siteUrl: string | null;
  title: string;
  category: string | null;
  country: string | null;
  language: string | null;
  premium: boolean;
}

/** Builds an OPML 2.0 document; categories become nested outlines. */
export function buildOpml(feeds: OpmlExportFeed[], title = 'Newsdesk subscriptions', now = new Date()): string {
  interface Node { children: Map<string, Node>; feeds: OpmlExportFeed[] }
  const root: Node = { children: new Map(), feeds: [] };
  for (const f of feeds) {
    let node = root;
    for (const part of (f.category ?? '').split('/').filter(Boolean)) {
      if (!node.children.has(part)) node.children.set(part, { children: new Map(), feeds: [] });
      node = node.children.get(part)!;
    }
    node.feeds.push(f);
  }
  const lines: string[] = [];
  const emit = (node: Node, depth: number) => {
    const pad = '  '.repeat(depth);
    for (const f of node.feeds) {
      const attrs = [
        `type="rss"`,
        `text="${esc(f.title)}"`,
        `title="${esc(f.title)}"`,
        `xmlUrl="${esc(f.feedUrl)}"`,
        f.siteUrl ? `htmlUrl="${esc(f.siteUrl)}"` : '',
        f.country ? `newsdesk:country="${esc(f.country)}"` : '',
        f.language ? `newsdesk:language="${esc(f.language)}"` : '',
        f.premium ? `newsdesk:premium="true"` : '',
      ].filter(Boolean);
      lines.push(`${pad}<outline ${attrs.join(' ')}/>`);
    }
    for (const [name, child] of node.children) {
      lines.push(`${pad}<outline text="${esc(name)}" title="${esc(name)}">`);
      emit(child, depth + 1);
      lines.push(`${pad}</outline>`);
    }
  };
  emit(root, 2);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<opml version="2.0" xmlns:newsdesk="https://newsdesk.invalid/ns/opml">',
    '  <head>',
    `    <title>${esc(title)}</title>`,
    `    <dateCreated>${now.toUTCString()}</dateCreated>`,
    '  </head>',
    '  <body>',
    ...lines,
    '  </body>',
    '</opml>',
    '',
  ].join('\n');
}

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
