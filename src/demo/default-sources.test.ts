// Checks data/sources.opml, the default sources `npm start` loads: well-formed, 110+ feeds from many countries and
// languages, every feed with the attributes the importer reads. Never fetches the feeds (tests stay offline).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { SaxesParser, type SaxesTagNS } from 'saxes';
import { NEWSDESK_OPML_NS } from './index.ts';

const path = fileURLToPath(new URL('../../data/sources.opml', import.meta.url));

interface Outline {
  depth: number;
  attrs: Record<string, string>;
  /** namespace URI → local name → value */
  ns: Map<string, Map<string, string>>;
}

/** Every <outline> with its nesting depth; saxes decodes entities and resolves namespaces, and throws if ill-formed. */
function readOutlines(xml: string): Outline[] {
  const parser = new SaxesParser({ xmlns: true });
  const out: Outline[] = [];
  let depth = 0;
  parser.on('error', (e) => {
    throw e;
  });
  parser.on('opentag', (tag: SaxesTagNS) => {
    if (tag.local === 'outline') {
      const attrs: Record<string, string> = {};
      const ns = new Map<string, Map<string, string>>();
      for (const a of Object.values(tag.attributes)) {
        if (a.uri === '') attrs[a.local] = a.value;
        else ns.set(a.uri, (ns.get(a.uri) ?? new Map()).set(a.local, a.value));
      }
      out.push({ depth, attrs, ns });
      depth++;
    }
  });
  parser.on('closetag', (tag) => {
    if (tag.local === 'outline') depth--;
  });
  parser.write(xml).close();
  return out;
}

test('data/sources.opml lists 110+ real sources with country, language and premium', () => {
  const outlines = readOutlines(readFileSync(path, 'utf8'));
  const feeds = outlines.filter((o) => o.attrs.xmlUrl !== undefined);
  const categories = outlines.filter((o) => o.attrs.xmlUrl === undefined);
  assert.ok(feeds.length >= 110, `only ${feeds.length} feeds`);
  assert.ok(categories.length >= 5, 'feeds are not grouped into categories');
  assert.ok(feeds.every((f) => f.depth === 1), 'every feed sits in one category outline');

  const urls = new Set<string>();
  const countries = new Set<string>();
  const languages = new Set<string>();
  let premium = 0;
  for (const f of feeds) {
    const { xmlUrl = '', htmlUrl = '', title = '', text = '' } = f.attrs;
    assert.ok(title !== '' && text !== '', `untitled feed ${xmlUrl}`);
    assert.doesNotThrow(() => new URL(xmlUrl), xmlUrl);
    assert.match(xmlUrl, /^https?:\/\//);
    assert.match(htmlUrl, /^https?:\/\//, `${title}: htmlUrl`);
    assert.ok(!urls.has(xmlUrl), `duplicate ${xmlUrl}`);
    urls.add(xmlUrl);
    const nd = f.ns.get(NEWSDESK_OPML_NS);
    assert.ok(nd, `${title}: no newsdesk: attributes`);
    const country = nd.get('country') ?? '';
    const language = nd.get('language') ?? '';
    assert.match(country, /^[A-Z]{2}$/, `${title}: country`);
    assert.match(language, /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, `${title}: language`);
    const p = nd.get('premium');
    assert.ok(p === undefined || p === 'true', `${title}: premium="${p}"`);
    if (p === 'true') premium++;
    countries.add(country);
    languages.add(language.split('-')[0]!);
  }
  assert.ok(countries.size >= 30, `only ${countries.size} countries`);
  assert.ok(languages.size >= 10, `only ${languages.size} languages`);
  assert.ok(premium >= 10 && premium < feeds.length / 2, `${premium} premium`);
  // URLs with query strings must have come through entity decoding intact.
  assert.ok([...urls].some((u) => u.includes('&') && !u.includes('&amp;')));
});
