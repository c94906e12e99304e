/**
 * RSS 0.9x / 2.0 and RSS 1.0 / 0.90 (RDF) element trees → the normalized model. Field sources follow feedparser's
 * mapping (see ../shared/data/feed-conformance-dev/README.md): channel title/link/description, managingEditor /
 * dc:creator / itunes:author, image or itunes:image; item guid/link/description/content:encoded/pubDate/dc:date,
 * category / dc:subject / itunes:category, enclosure.
 */
import type { Enclosure, FeedFormat, FeedImage, ParsedEntry, ParsedFeedMeta, Person } from '../../domain/feed.ts';
import {
  allChildren, attr, childElements, declaredLanguage, firstChild, hrefOf, htmlOf, keyOf, latestDate, linkRel,
  nonEmpty, personElement, preferredChild, textOf, urlOf,
} from './elements.ts';
import type { MappedFeed } from './mapped-feed.ts';
import { type XmlElement } from './xml-tree.ts';

/** RSS `version` attribute → format label (feedparser's `rss091`…`rss20` naming, 2.x collapsed to `rss2`). */
function rssFormat(version: string | undefined): FeedFormat {
  const v = (version ?? '').trim();
  if (v.startsWith('2')) return 'rss2';
  switch (v) {
    case '0.91': return 'rss091';
    case '0.92': return 'rss092';
    case '0.93': return 'rss093';
    case '0.94': return 'rss094';
    case '0.90': case '0.9': return 'rss090';
    case '1.0': return 'rss1';
    default: return 'rss';
  }
}

/** The first person among the children with these keys (in key order): a `Name (email)` string or name/email parts. */
function personOf(el: XmlElement, ...keys: string[]): Person | null {
  for (const k of keys) {
    const p = personElement(firstChild(el, k));
    if (p !== null) return p;
  }
  return null;
}

function imageOf(channel: XmlElement, root: XmlElement): FeedImage | null {
  // RSS 1.0 puts an `rdf:resource` reference in the channel and the image itself beside it: prefer one with a <url>.
  const images = channel === root ? allChildren(root, 'image') : [...allChildren(channel, 'image'), ...allChildren(root, 'image')];
  const img = images.find((i) => firstChild(i, 'url') !== undefined) ?? images[0];
  if (img !== undefined) {
    const urlEl = firstChild(img, 'url');
    const linkEl = firstChild(img, 'link');
    const about = attr(img, 'resource') ?? attr(img, 'about');
    const url = urlEl !== undefined ? urlOf(textOf(urlEl), urlEl) : urlOf(about ?? null, img);
    const image: FeedImage = {
      url,
      title: textOf(firstChild(img, 'title')),
      link: linkEl !== undefined ? urlOf(textOf(linkEl), linkEl) : null,
    };
    if (image.url !== null || image.title !== null || image.link !== null) return image;
  }
  for (const l of allChildren(channel, 'itunes:link')) {
    if (linkRel(l) === 'image') {
      const url = hrefOf(l);
      if (url !== null) return { url, title: null, link: null };
    }
  }
  const it = firstChild(channel, 'itunes:image');
  if (it !== undefined) {
    const url = urlOf(attr(it, 'href') ?? textOf(it), it);
    if (url !== null) return { url, title: null, link: null };
  }
  const media = firstChild(channel, 'media:thumbnail');
  if (media !== undefined) {
    const url = urlOf(attr(media, 'url') ?? null, media);
    if (url !== null) return { url, title: null, link: null };
  }
  return null;
}

/** Categories: RSS `category`, `dc:subject`, iTunes categories (nested ones too), in document order. */
function categoriesOf(item: XmlElement): string[] {
  const out: string[] = [];
  const push = (s: string | null | undefined): void => {
    const t = s?.trim();
    if (t !== undefined && t !== '' && !out.includes(t)) out.push(t);
  };
  for (const c of childElements(item)) {
    const k = keyOf(c);
    if (k === 'category' || k === 'dc:subject') push(textOf(c));
    else if (k === 'tags') for (const t of (textOf(c) ?? '').split(',')) push(t);
    else if (k === 'itunes:category') {
      push(attr(c, 'text'));
      for (const sub of allChildren(c, 'itunes:category')) push(attr(sub, 'text'));
    } else if (k === 'itunes:keywords') {
      for (const kw of (textOf(c) ?? '').split(',')) push(kw);
    }
  }
  return out;
}

function enclosuresOf(item: XmlElement): Enclosure[] {
  const out: Enclosure[] = [];
  for (const e of allChildren(item, 'enclosure')) {
    const url = urlOf(attr(e, 'url') ?? null, e);
    if (url === null) continue;
    const lengthText = (attr(e, 'length') ?? '').trim();
    const length = /^\d+$/.test(lengthText) ? Number(lengthText) : null;
    out.push({ url, type: nonEmpty(attr(e, 'type')?.trim()), length });
  }
  return out;
}

/**
 * `<link>` of an RSS item or channel: the first `link` element with text; else an Atom-style alternate `href`
 * (a bare `<link href rel="self">` is the feed itself, not the page).
 */
function linkOf(el: XmlElement): string | null {
  for (const l of allChildren(el, 'link')) {
    const t = textOf(l);
    if (t !== null) return urlOf(t, l);
  }
  for (const l of allChildren(el, 'link', 'atom:link')) {
    const rel = linkRel(l);
    if (rel === 'alternate') {
      const h = hrefOf(l);
      if (h !== null) return h;
    }
  }
  return null;
}

function hubOf(channel: XmlElement): string | null {
  for (const l of allChildren(channel, 'atom:link', 'link')) {
    if (linkRel(l) === 'hub') {
      const h = hrefOf(l);
      if (h !== null) return h;
    }
  }
  return null;
}

/** Date synonyms (feedparser's mapping): each list fills one field, a later element overriding an earlier one. */
const ITEM_PUBLISHED_KEYS = ['pubdate', 'dcterms:issued', 'issued', 'atom:published'];
const UPDATED_KEYS = ['dc:date', 'dcterms:modified', 'modified', 'updated', 'atom:updated'];
const CHANNEL_UPDATED_KEYS = ['lastbuilddate', ...UPDATED_KEYS];

function mapItem(item: XmlElement, isRdf: boolean): ParsedEntry {
  const guidEl = firstChild(item, 'guid');
  const guid = textOf(guidEl);
  // A guid is a permalink unless isPermaLink="false" (RSS 2.0 spec), and then doubles as the link. The id itself stays
  // as written even when relative (feedparser resolves it): resolved, it would change whenever the feed's URL does
  // (a redirect, http → https), and every entry would come back as new.
  const perma = guidEl !== undefined && (attr(guidEl, 'ispermalink') ?? 'true').trim().toLowerCase() !== 'false';
  const guidUrl = guid !== null && guidEl !== undefined && perma ? urlOf(guid, guidEl) : null;
  let id: string | null = guid;
  if (id === null && isRdf) id = nonEmpty(attr(item, 'about')?.trim());
  if (id === null) id = textOf(firstChild(item, 'dc:identifier'));
  let link = linkOf(item) ?? guidUrl;
  if (link === null && isRdf) link = urlOf(attr(item, 'about') ?? null, item);
  // The first of <description>/<summary> is the summary; a second one is the body (feedparser's rule).
  const [firstText, secondText] = allChildren(item, 'description', 'summary');
  const summaryEl = firstText ?? preferredChild(item, 'dc:description', 'itunes:summary', 'itunes:subtitle');
  const summary = nonEmpty(htmlOf(summaryEl));
  const contentEl = preferredChild(item, 'content:encoded', 'xhtml:body', 'xhtml:div', 'body', 'fullitem') ?? secondText;
  const content = nonEmpty(htmlOf(contentEl)) ?? summary;
  return {
    id,
    title: nonEmpty(htmlOf(preferredChild(item, 'title', 'dc:title', 'itunes:title'))),
    link,
    summary: summary ?? (contentEl !== undefined ? content : null),
    content,
    published: latestDate(item, ITEM_PUBLISHED_KEYS, ['dcterms:created']),
    updated: latestDate(item, UPDATED_KEYS),
    author: personOf(item, 'author', 'dc:creator', 'dc:author', 'itunes:author'),
    categories: categoriesOf(item),
    enclosures: enclosuresOf(item),
  };
}

/**
 * Maps an `<rss>` (or bare `<channel>`) root, or an RDF root (`<rdf:RDF>`), to the model.
 * Items are read from the channel and, as in RSS 1.0 and some 0.9x feeds, from the root.
 */
export function mapRss(root: XmlElement): MappedFeed {
  const isRdf = root.local === 'rdf';
  const channel = root.local === 'channel' ? root : (firstChild(root, 'channel') ?? root);
  let format: FeedFormat;
  if (isRdf) {
    const rss090 = 'http://my.netscape.com/rdf/simple/0.9/';
    format = channel.ns === rss090 || root.attrs.some((x) => x.value.trim().toLowerCase() === rss090) ? 'rss090' : 'rss1';
  } else if (root.local === 'channel') {
    format = 'rss';
  } else {
    format = rssFormat(attr(root, 'version'));
  }
  const itemEls = [...allChildren(channel, 'item')];
  if (channel !== root) itemEls.push(...allChildren(root, 'item'));
  // Items appear in document order in either place; keep document order across both.
  const items = channel !== root ? orderInDocument(root, itemEls) : itemEls;

  const languageEl = preferredChild(channel, 'language', 'dc:language');
  const ttl = textOf(firstChild(channel, 'ttl'));
  const feed: ParsedFeedMeta = {
    title: nonEmpty(htmlOf(preferredChild(channel, 'title', 'dc:title'))),
    link: linkOf(channel),
    description: nonEmpty(
      htmlOf(preferredChild(channel, 'description', 'dc:description', 'itunes:summary', 'itunes:subtitle', 'tagline', 'subtitle')),
    ),
    language: textOf(languageEl) ?? declaredLanguage(channel) ?? declaredLanguage(root),
    updated: latestDate(channel, CHANNEL_UPDATED_KEYS, ['pubdate']),
    author: personOf(channel, 'managingeditor', 'dc:creator', 'dc:author', 'itunes:author', 'author'),
    image: imageOf(channel, root),
    generator: textOf(firstChild(channel, 'generator')) ?? generatorFromAdmin(channel),
    id: null,
    icon: null,
    hub: hubOf(channel),
    ttlMinutes: ttl !== null && /^\d+$/.test(ttl) ? Number(ttl) : null,
  };
  return { format, feed, entries: items.map((it) => mapItem(it, isRdf)) };
}

function generatorFromAdmin(channel: XmlElement): string | null {
  const g = firstChild(channel, 'admin:generatoragent');
  if (g === undefined) return null;
  return nonEmpty(attr(g, 'resource')?.trim());
}

function orderInDocument(root: XmlElement, els: XmlElement[]): XmlElement[] {
  if (els.length < 2) return els;
  const set = new Set(els);
  const out: XmlElement[] = [];
  const walk = (e: XmlElement, depth: number): void => {
    for (const c of e.children) {
      if (typeof c === 'string') continue;
      if (set.has(c)) out.push(c);
      else if (depth < 1) walk(c, depth + 1);
    }
  };
  walk(root, 0);
  return out;
}
