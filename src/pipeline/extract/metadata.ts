/**
 * Article metadata from the places publishers put it, most reliable first (the order trafilatura's metadata.py
 * and htmldate use): JSON-LD (schema.org NewsArticle/BlogPosting…), Open Graph / Twitter / Dublin Core / plain
 * `<meta>`, microdata (`itemprop`), `<time>` elements, visible bylines, and finally the URL (dates as
 * /2024/05/17/) and the `<title>`.
 */
import { foldName, pickByline, type LdAuthor } from './byline.ts';
import { collapse, type DomDocument, type DomElement } from './dom.ts';
import { inPublisherZone, publisherZone } from './zone.ts';

export interface ArticleMetadata {
  title: string | null;
  byline: string | null;
  /** ISO-8601: a full timestamp as the page wrote it (offset kept, so the calendar date is the publisher's), or
   * YYYY-MM-DD when only the day is known. */
  published: string | null;
  lang: string | null;
  siteName: string | null;
  leadImage: string | null;
  excerpt: string | null;
  /** schema.org `articleBody`, when the page gives one (a content candidate, not metadata proper). */
  jsonLdBody: string | null;
}

type Json = unknown;

/** The contents of every `<script type="application/ld+json">` in raw HTML (read before scripts are stripped). */
export function findJsonLdScripts(html: string): string[] {
  const out: string[] = [];
  const re = /<script\b[^>]*type\s*=\s*["']?application\/ld\+json[^>]*>([\s\S]*?)<\/script\s*>/gi;
  let m: RegExpExecArray | null;
  while ((m = re.exec(html)) !== null && out.length < 50) out.push(m[1] ?? '');
  return out;
}

/** Parses JSON-LD script bodies and returns the flattened list of objects (`@graph` and `mainEntity` expanded).
 * Broken JSON is skipped. */
export function readJsonLd(scripts: readonly string[]): Record<string, Json>[] {
  const out: Record<string, Json>[] = [];
  for (const raw of scripts) {
    let data: Json;
    try {
      data = JSON.parse(raw.replace(/^\s*(?:<!--|\/\/\s*<!\[CDATA\[)|(?:-->|\/\/\s*\]\]>)\s*$/g, ''));
    } catch {
      continue;
    }
    const stack: Json[] = [data];
    while (stack.length > 0 && out.length < 200) {
      const item = stack.pop();
      if (Array.isArray(item)) stack.push(...item);
      else if (item && typeof item === 'object') {
        const obj = item as Record<string, Json>;
        out.push(obj);
        if (obj['@graph']) stack.push(obj['@graph']);
        if (obj['mainEntity'] && typeof obj['mainEntity'] === 'object') stack.push(obj['mainEntity']);
      }
    }
  }
  return out;
}

const ARTICLE_TYPES = /article|posting|report|blog|newsarticle|webpage|review|creativework|liveblog|scholarly/i;

function typeOf(o: Record<string, Json>): string {
  const t = o['@type'];
  return Array.isArray(t) ? t.join(' ') : typeof t === 'string' ? t : '';
}

function str(v: Json): string | null {
  if (typeof v === 'string') return collapse(decodeEntities(v)) || null;
  if (typeof v === 'number') return String(v);
  return null;
}

function names(v: Json): string[] {
  if (!v) return [];
  if (typeof v === 'string') return [v];
  if (Array.isArray(v)) return v.flatMap(names);
  if (typeof v === 'object') {
    const n = (v as Record<string, Json>)['name'];
    return typeof n === 'string' ? [n] : [];
  }
  return [];
}

/**
 * The authors of a JSON-LD article: strings, `{name}` objects, arrays of either, and `{"@id"}` references to a
 * Person / Organization node elsewhere in the page's graph (Yoast and other SEO plugins link them that way).
 */
function ldAuthors(v: Json, graph: readonly Record<string, Json>[]): LdAuthor[] {
  const out: LdAuthor[] = [];
  for (const a of Array.isArray(v) ? v : v ? [v] : []) {
    if (typeof a === 'string') out.push({ name: decodeEntities(a), organization: false });
    else if (a && typeof a === 'object') {
      let node = a as Record<string, Json>;
      const ref = node['@id'];
      if (typeof node['name'] !== 'string' && typeof ref === 'string') node = graph.find((o) => o['@id'] === ref && o !== a) ?? node;
      const n = node['name'];
      if (typeof n === 'string') out.push({ name: decodeEntities(n), organization: /organi[sz]ation|corporation|newsmediaorganization/i.test(typeOf(node)) });
    }
  }
  return out;
}

/** Names of a JSON-LD publisher, except a Person (a personal site's publisher is its author). */
function publisherNames(v: Json): string[] {
  const list = Array.isArray(v) ? v : [v];
  return list.filter((p) => !(p && typeof p === 'object' && /person/i.test(typeOf(p as Record<string, Json>)))).flatMap(names);
}

/** Folded names of the site, for telling a publisher credit from a person: og:site_name, application-name,
 * apple-mobile-web-app-title, twitter:site and the JSON-LD publisher (each part, when one holds "Headline | Site");
 * and the host's labels and whole name ("badischezeitung", "laola1at"). */
function siteHintsOf(metas: MetaMap, primary: Record<string, Json> | undefined, url: string): { siteHints: string[]; hostHints: string[] } {
  const siteNames = [meta(metas, ['og:site_name']), meta(metas, ['application-name']), meta(metas, ['apple-mobile-web-app-title']), meta(metas, ['twitter:site']), ...publisherNames(primary?.['publisher'])]
    .flatMap((n) => (n ? n.split(TITLE_SEPARATORS).filter((_, i) => i % 2 === 0) : []));
  const hostHints: string[] = [];
  try {
    const host = new URL(url).hostname.replace(/^www\d?\./, '');
    hostHints.push(foldName(host), ...host.split('.').slice(0, -1).map(foldName));
  } catch {
    // no usable URL: no host hint
  }
  return { siteHints: siteNames.map((h) => foldName(h)).filter((h) => h.length >= 4), hostHints: hostHints.filter((h) => h.length >= 3) };
}

/** Resolves the handful of HTML entities that leak into JSON-LD and meta values. */
function decodeEntities(s: string): string {
  return s.replace(/&(#x?[0-9a-f]+|amp|quot|apos|lt|gt|nbsp);/gi, (m, e: string) => {
    const l = e.toLowerCase();
    if (l === 'amp') return '&';
    if (l === 'quot') return '"';
    if (l === 'apos') return "'";
    if (l === 'lt') return '<';
    if (l === 'gt') return '>';
    if (l === 'nbsp') return ' ';
    const code = l.startsWith('#x') ? parseInt(l.slice(2), 16) : parseInt(l.slice(1), 10);
    return Number.isFinite(code) && code > 0 && code < 0x110000 ? String.fromCodePoint(code) : m;
  });
}

/** `<meta>` values by lower-cased property / name / itemprop / http-equiv (first occurrence wins). */
type MetaMap = Map<string, string>;

function indexMeta(all: readonly DomElement[]): MetaMap {
  const map: MetaMap = new Map();
  for (const el of all) {
    if (el.localName !== 'meta') continue;
    const content = el.getAttribute('content');
    if (!content || !collapse(content)) continue;
    for (const attr of ['property', 'name', 'itemprop', 'http-equiv']) {
      const k = el.getAttribute(attr)?.trim().toLowerCase();
      if (k && !map.has(k)) map.set(k, collapse(decodeEntities(content)));
    }
  }
  return map;
}

function meta(metas: MetaMap, keys: string[]): string | null {
  for (const k of keys) {
    const v = metas.get(k.toLowerCase());
    if (v) return v;
  }
  return null;
}

/** Extracts the metadata of a parsed page. `url` helps with URL-embedded dates and relative image URLs. */
export function extractMetadata(doc: DomDocument, url: string, ld: Record<string, Json>[], all: readonly DomElement[] = Array.from(doc.querySelectorAll('*'))): ArticleMetadata {
  const metas = indexMeta(all);
  const articles = ld.filter((o) => ARTICLE_TYPES.test(typeOf(o)));
  const primary = articles.find((o) => /article|posting|report|liveblog/i.test(typeOf(o))) ?? articles[0];
  const ldVal = (key: string): string | null => {
    for (const o of primary ? [primary, ...articles] : articles) {
      const v = str(o[key]);
      if (v) return v;
    }
    return null;
  };

  const title = pickTitle(all, metas, primary ? str(primary['headline']) ?? str(primary['name']) : null, url);
  const byline = pickByline(all, {
    ld: (primary ? [primary, ...articles] : articles).map((o) => ldAuthors(o['author'] ?? o['creator'], ld)),
    meta: ['author', 'article:author', 'dc.creator', 'dcterms.creator', 'sailthru.author', 'parsely-author', 'byl', 'cxenseparse:author'].map((k) => metas.get(k)).filter((v): v is string => !!v),
    twitterCreator: meta(metas, ['twitter:creator']),
    ...siteHintsOf(metas, primary, url),
  });
  // Without an article object, any JSON-LD node's datePublished (HowTo, Recipe, VideoObject … of the page).
  const ldDate = primary ? str(primary['datePublished']) ?? str(primary['dateCreated']) : ldVal('datePublished') ?? ld.map((o) => str(o['datePublished'])).find((d) => !!d) ?? null;
  const lang =
    normLang(doc.documentElement?.getAttribute('lang') ?? doc.documentElement?.getAttribute('xml:lang') ?? null) ??
    normLang(meta(metas, ['og:locale', 'content-language', 'language', 'dc.language'])) ??
    normLang(ldVal('inLanguage'));
  const picked = pickDate(all, metas, url, ldDate);
  const published = reconcileWithUrl(picked ? inPublisherZone(picked, publisherZone(url, lang)) : null, url);
  const publisher = primary?.['publisher'];
  const siteName =
    meta(metas, ['og:site_name', 'application-name', 'twitter:site']) ??
    (publisher ? names(publisher)[0] ?? null : null) ??
    null;
  const leadImage = absolutize(meta(metas, ['og:image', 'og:image:url', 'twitter:image', 'twitter:image:src']) ?? ldImage(primary), url);
  const excerpt = meta(metas, ['og:description', 'description', 'twitter:description']) ?? ldVal('description');
  const body = primary ? str(primary['articleBody']) ?? str(primary['text']) : null;
  return { title, byline, published, lang, siteName: siteName ? collapse(siteName) : null, leadImage, excerpt, jsonLdBody: body };
}

function ldImage(o: Record<string, Json> | undefined): string | null {
  if (!o) return null;
  const img = o['image'];
  if (typeof img === 'string') return img;
  if (Array.isArray(img)) {
    const f = img[0];
    return typeof f === 'string' ? f : f && typeof f === 'object' ? str((f as Record<string, Json>)['url']) : null;
  }
  if (img && typeof img === 'object') return str((img as Record<string, Json>)['url']);
  return null;
}

function absolutize(href: string | null, base: string): string | null {
  if (!href) return null;
  try {
    return new URL(href, base).href;
  } catch {
    return href;
  }
}

function normLang(v: string | null): string | null {
  if (!v) return null;
  const m = /^([a-z]{2,3})(?:[-_]([a-z0-9]{2,4}))?/i.exec(v.trim());
  if (!m?.[1]) return null;
  return m[2] ? `${m[1].toLowerCase()}-${m[2].length === 2 ? m[2].toUpperCase() : m[2]}` : m[1].toLowerCase();
}

// ---------------------------------------------------------------- title

const KICKER_CLASS = /kicker|dachzeile|topline|toptitle|overline|roofline|eyebrow|label|rubric|ressort|category|flag|supertitle|pretitle|subtitle|sub-?heading|spitzmarke|sr-only|visually-hidden/i;

/** Text of a headline element without its kicker / topic line ("Brexit", "Nach Corona-Lockerungen") when the
 * template marks it up as a separate element, as most news templates do. */
function headlineText(h: DomElement): string {
  const full = collapse(h.textContent ?? '');
  const inner = h.querySelectorAll('[class]');
  let text = full;
  // A topic line set apart without a class: `<h1><small>Topic</small><br> Headline</h1>`.
  const lead = h.children[0];
  if (lead && (lead.localName === 'small' || lead.nextSibling?.nodeName.toLowerCase() === 'br' || (lead.nextSibling?.nextSibling as DomElement | null)?.localName === 'br')) {
    const k = collapse(lead.textContent ?? '');
    if (k && full.startsWith(k) && full.length > k.length + 10 && !lead.getAttribute('class')?.match(/headline|title/i)) text = full.slice(k.length).replace(/^[\s:–—|-]+/, '');
  }
  for (let i = 0; i < inner.length && i < 20; i++) {
    const el = inner[i] as DomElement;
    const cls = el.getAttribute('class') ?? '';
    if (/(?:^|[\s_-])(?:headline|title)(?:$|[\s_-])/i.test(cls) && !KICKER_CLASS.test(cls)) {
      const t = collapse(el.textContent ?? '');
      if (t.length >= full.length * 0.4) return t;
    }
    if (KICKER_CLASS.test(cls)) {
      const k = collapse(el.textContent ?? '');
      if (k && text.startsWith(k) && text.length > k.length + 10) text = text.slice(k.length).replace(/^[\s:–—|-]+/, '');
    }
  }
  return text;
}

/** Separators between headline and site/section names in `<title>` and og:title (spaces on both sides). */
const TITLE_SEPARATORS = /(\s+[|–—·•»«\-/]\s+|\s+::?\s+|\s*[|│]\s*)/;

const foldTitle = foldName;

/**
 * The headline. Publisher metadata first (JSON-LD headline, og:title), else the `<title>`; either is cut at its
 * separators and the parts naming the site (og:site_name, a logo heading, the host name) are dropped — only at
 * the ends, so a dash inside the headline survives. Without metadata, a `<title>` part that is also shown as a
 * heading on the page wins (the readability / trafilatura heuristic).
 */
function pickTitle(all: readonly DomElement[], metas: MetaMap, ldHeadline: string | null, url: string): string | null {
  const { title, candidates, h1s } = chooseTitle(all, metas, ldHeadline, url);
  return title ? extendByHeading(untruncate(title, candidates), h1s) : title;
}

/** Metadata headlines are often a shortened form of the visible one (length limits, dropped subclauses: "X" vs
 * "X in Tennessee", "X?" vs "X / Y?"); when an h1 starts with the chosen title's words and goes on, the h1 is
 * the headline as published. */
function extendByHeading(title: string, h1s: readonly string[]): string {
  const f = foldTitle(title.replace(/[?!.…]+$/u, ''));
  if (f.length < 8) return title;
  for (const h of h1s) {
    const fh = foldTitle(h);
    if (fh.length <= f.length || !fh.startsWith(f)) continue;
    // A few more words, not a date / author line or a site name glued to the heading.
    const tail = h.split(/\s+/).slice(title.split(/\s+/).length - 1);
    if (tail.length <= 7 && !/[|•·»]|\d/.test(tail.slice(1).join(' '))) return h;
  }
  return title;
}

/** A title cut with an ellipsis (share titles and teaser headings are shortened) is replaced by the full wording
 * when another candidate starts with the same words and goes on. */
function untruncate(title: string, candidates: readonly string[]): string {
  const m = /^(.{12,}?)\s*(?:…|\.{3})$/u.exec(title);
  if (!m?.[1]) return title;
  const stem = foldTitle(m[1]);
  for (const c of candidates) {
    const f = foldTitle(c);
    if (f.startsWith(stem) && f.length > stem.length + 2 && !/…|\.{3}/u.test(c)) return c;
  }
  return title;
}

function chooseTitle(all: readonly DomElement[], metas: MetaMap, ldHeadline: string | null, url: string): { title: string | null; candidates: string[]; h1s: string[] } {
  const og = meta(metas, ['og:title', 'twitter:title', 'dc.title', 'headline']);
  const docTitle = collapse(all.find((e) => e.localName === 'title')?.textContent ?? '') || null;
  // Every h1 (teaser lists full of h2/h3 often precede the article's h1), and the first h2/h3.
  const headings: { text: string; el: DomElement }[] = [];
  let h1Count = 0;
  let otherCount = 0;
  for (const e of all) {
    const t = e.localName;
    if (t === 'h1' ? h1Count++ < 20 : (t === 'h2' || t === 'h3') && otherCount++ < 40) {
      const text = headlineText(e);
      const hidden = /(?:^|\s)(?:sr-only|visually-hidden|screen-reader-text|hidden)(?:\s|$)/i.test(e.getAttribute('class') ?? '');
      if (!hidden && text.length >= 2 && text.length <= 300) headings.push({ text, el: e });
    }
  }
  const siteHints = new Set<string>();
  const site = meta(metas, ['og:site_name', 'application-name']);
  // A site name as long as the page title is a misconfigured template (og:site_name = the headline): no hint.
  if (site && foldTitle(site) !== foldTitle(og ?? '') && foldTitle(site) !== foldTitle(docTitle ?? '')) siteHints.add(foldTitle(site));
  try {
    const host = new URL(url).hostname.replace(/^www\d?\./, '');
    for (const label of host.split('.').slice(0, -1)) if (label.length >= 4) siteHints.add(foldTitle(label));
  } catch {
    // no usable URL: no host hint
  }
  for (const h of headings) {
    const cls = `${h.el.getAttribute('class') ?? ''} ${h.el.getAttribute('id') ?? ''} ${h.el.parentElement?.getAttribute('class') ?? ''}`;
    const articleHeadline = h.el.getAttribute('itemprop') === 'headline' || /(?:^|\s)(?:entry-title|post-title|article-title)(?:\s|$)/i.test(h.el.getAttribute('class') ?? '');
    if ((/logo|site-?title|site-?name|brand|blog-?title|masthead/i.test(cls) && !articleHeadline) || linksHome(h.el, h.text)) siteHints.add(foldTitle(h.text));
  }
  const isSite = (part: string): boolean => {
    const f = foldTitle(part);
    if (!f) return true;
    for (const hint of siteHints) if (hint && (f === hint || f.includes(hint) || (hint.includes(f) && f.length >= 4))) return true;
    return false;
  };
  const strip = (title: string): string => {
    const pieces = title.split(TITLE_SEPARATORS); // [part, sep, part, sep, part]
    if (pieces.length < 3) return title;
    const parts = pieces.filter((_, i) => i % 2 === 0);
    let from = 0;
    while (from < parts.length - 1 && isSite(parts[from] as string)) from++;
    let to = from + 1;
    while (to < parts.length && !isSite(parts[to] as string)) to++;
    // Site name first ("Site | Headline") or last ("Headline | Site | Section"): keep the run between.
    const kept = pieces.slice(from * 2, to * 2 - 1);
    // "Headline - Section - Category": a long first part followed only by short ones (not ':' — that joins a
    // kicker to its headline).
    const keptParts = kept.filter((_, i) => i % 2 === 0);
    const seps = kept.filter((_, i) => i % 2 === 1);
    const words = (x: string): number => x.trim().split(/\s+/).length;
    if (keptParts.length >= 2 && words(keptParts[0] as string) >= 4 && keptParts.slice(1).every((x) => words(x) <= 3) && seps.every((x) => !/:/.test(x))) {
      return (keptParts[0] as string).trim();
    }
    return kept.join('').trim() || title;
  };
  const isSiteName = (c: string): boolean => {
    const f = foldTitle(c);
    for (const hint of siteHints) if (hint && (f === hint || (hint.includes(f) && f.length >= 4))) return true;
    return false;
  };
  const decide = (): string | null => {
    const refs = [ldHeadline, og].filter((c): c is string => !!c && c.length >= 3 && !isSiteName(c));
    // The visible headline, when metadata confirms it (og:title often carries a kicker or a site suffix).
    const headlineEls = headings.filter((h) => h.el.localName === 'h1' || /headline|entry-title|post-title|article-title/i.test(`${h.el.getAttribute('class') ?? ''} ${h.el.getAttribute('itemprop') ?? ''}`));
    // Metadata titles confirm before the <title> does (a section name heading can match the <title>).
    const confirmed = (rs: readonly string[]): string | null => {
      for (const r of rs) {
        const c = confirmedBy(r);
        if (c) return c;
      }
      return null;
    };
    const confirmedBy = (r: string): string | null => {
      const fr = foldTitle(r);
      for (const h of headlineEls) {
        if (isSiteName(h.text)) continue;
        const f = foldTitle(h.text);
        if (f.length < 4) continue;
        if (fr.includes(f) && f.length >= fr.length * 0.35) return h.text;
        // The heading is the metadata title's first part, before a separator ("Headline – tagline | Site").
        const lead = r.split(TITLE_SEPARATORS)[0] ?? '';
        if (lead !== r && foldTitle(lead) === f) return h.text;
        // A heading longer than the metadata title carries a kicker ("Brexit: …", a topic line): the metadata
        // title is the headline proper.
        if (f.includes(fr) && fr.length >= f.length * 0.5 && r !== docTitle) return strip(r);
      }
      return null;
    };
    // Templates that set the headline as an h2/h3 (the h1 being the site name or a section name, or no h1 at
    // all): a lower heading that metadata repeats word for word is the visible headline (its wording keeps the
    // page's dashes and quotes).
    const repeated = (rs: readonly string[]): string | null => {
      for (const r of rs) {
        // The whole title, its headline run, or one of its parts long enough to be a headline (≥ 3 words).
        const parts = r.split(TITLE_SEPARATORS).filter((p, i) => i % 2 === 0 && p.trim().split(/\s+/).length >= 3);
        const targets = [strip(r), r, ...parts].map(foldTitle).filter((t) => t.length >= 8);
        const h = headings.find((x) => x.el.localName !== 'h1' && targets.includes(foldTitle(x.text)) && !isSiteName(x.text));
        if (h) return h.text;
      }
      return null;
    };
    // og:title / JSON-LD repeating a lower heading outweigh an h1 that only the <title> confirms, and several
    // h1s; a single h1 that nothing confirms stays the one visible headline (below).
    const byTitle = docTitle ? confirmed([docTitle]) : null;
    const shownH1s = headings.filter((h) => h.el.localName === 'h1' && !isSiteName(h.text));
    const shownH1 = shownH1s.length > 0;
    const byMeta = confirmed(refs) ?? (shownH1s.length !== 1 || byTitle ? repeated(refs) : null) ?? byTitle ?? (refs.length === 0 && docTitle ? repeated([docTitle]) : null);
    if (byMeta) return byMeta;
    if (!shownH1) {
      // No h1: a lower heading that starts the metadata title ("Headline (2021/5)", "Headline – tagline").
      for (const r of refs) {
        const fr = foldTitle(r);
        const h = headings.find((x) => x.el.localName !== 'h1' && !isSiteName(x.text) && foldTitle(x.text).length >= 8 && fr.startsWith(foldTitle(x.text)) && foldTitle(x.text).length >= fr.length * 0.6);
        if (h) return h.text;
      }
      // No h1: the one heading marked up as the article's headline.
      const marked = headings.filter((h) => h.el.getAttribute('itemprop') === 'headline' || /(?:^|\s)(?:entry-title|post-title|article-title)(?:\s|$)/i.test(h.el.getAttribute('class') ?? ''));
      if (marked.length === 1 && marked[0] && !isSiteName(marked[0].text)) return marked[0].text;
    }
    // One clear visible headline beats a differently worded og:title (social titles are rewritten for sharing).
    const shown = headlineEls.filter((h) => h.el.localName === 'h1' && !isSiteName(h.text));
    const only = shown.length === 1 ? shown[0] : undefined;
    if (only && only.text.length >= 3) return only.text;
    const firstRef = refs[0];
    if (firstRef) return strip(firstRef);
    if (docTitle) {
      const parts = docTitle.split(TITLE_SEPARATORS).filter((_, i) => i % 2 === 0).map((p) => p.trim());
      if (parts.length > 1) {
        for (const p of parts) {
          if (isSite(p)) continue;
          const h = headings.find((x) => foldTitle(x.text) === foldTitle(p));
          if (h) return h.text;
        }
      }
      const whole = headings.find((x) => foldTitle(x.text) === foldTitle(docTitle));
      if (whole) return whole.text;
      const stripped = strip(docTitle);
      if (!isSite(stripped)) return stripped;
    }
    const h1s = headings.filter((h) => h.el.localName === 'h1' && !isSite(h.text));
    if (h1s.length >= 1 && h1s[0]) return h1s[0].text;
    // The <title> names only the site and there is no h1: the first heading that is not the site name.
    const lower = headings.find((h) => h.el.localName !== 'h1' && !isSite(h.text) && h.text.length >= 8);
    if (lower) return lower.text;
    return docTitle;
  };
  const h1Texts = headings.filter((h) => h.el.localName === 'h1' && !isSiteName(h.text)).map((h) => h.text);
  const candidates = [...h1Texts, ldHeadline, og, docTitle].filter((c): c is string => !!c);
  // Without an h1 the headline is set as a lower heading: the first one stands in for it.
  const shownHeads = h1Texts.length > 0 ? h1Texts : headings.filter((h) => h.el.localName !== 'h1' && !isSiteName(h.text)).slice(0, 1).map((h) => h.text);
  return { title: decide(), candidates, h1s: shownHeads };
}

/** A heading that is just a link to the site's front page is the site name (blog templates: `<h1><a href="/">`). */
function linksHome(h: DomElement, text: string): boolean {
  const links = h.querySelectorAll('a');
  if (links.length !== 1) return false;
  const a = links[0] as DomElement;
  if (collapse(a.textContent ?? '') !== text) return false;
  const href = (a.getAttribute('href') ?? '').trim();
  // The last address in it (archive copies wrap the original), minus scheme and host.
  const path = href.replace(/^.*:\/\/[^/]*/, '').replace(/[?#].*$/, '');
  return href !== '' && !href.startsWith('#') && /^(?:\.{1,2}\/)*\/?(?:(?:index|default|home)\.\w{2,5})?$/i.test(path);
}

// ---------------------------------------------------------------- date

const DATE_META = [
  'article:published_time',
  'og:published_time',
  'published_time',
  'article:published',
  'datePublished',
  'date',
  'pubdate',
  'publishdate',
  'publish-date',
  'publication_date',
  'publish_date',
  'dc.date.issued',
  'dc.date',
  'dcterms.date',
  'dcterms.created',
  'dcterms.issued',
  'dc.date.created',
  'sailthru.date',
  'parsely-pub-date',
  'article.published',
  'created',
  'article:published_date',
  'originalpublicationdate',
  'cxenseparse:recs:publishtime',
  'og:updated_time',
  'article:modified_time',
  'dateModified',
  'last-modified',
];

/** Publication date; see {@link ArticleMetadata.published} for the format. */
function pickDate(all: readonly DomElement[], metas: MetaMap, url: string, ld: string | null): string | null {
  const fromLd = ld ? parseDate(ld) : null;
  if (fromLd) return fromLd;
  const m = meta(metas, DATE_META.slice(0, -4));
  const fromMeta = m ? parseDate(m) : null;
  if (fromMeta) return fromMeta;
  // Microdata, or RDFa (Drupal's `<span property="schema:dateCreated" content="…">`, dc:date …) outside <meta>.
  const ip = all.find((e) => e.getAttribute('itemprop') === 'datePublished') ?? all.find((e) => e.localName !== 'meta' && /^(?:schema:date(?:Published|Created)|dc(?:terms)?:(?:date|created|issued))$/i.test(e.getAttribute('property') ?? ''));
  const fromItemprop = ip ? parseDate(ip.getAttribute('content') ?? ip.getAttribute('datetime') ?? ip.textContent ?? '') : null;
  if (fromItemprop) return fromItemprop;
  const times = all.filter((e) => e.localName === 'time' && (e.hasAttribute('datetime') || e.hasAttribute('pubdate')));
  let firstTime: string | null = null;
  for (let i = 0; i < times.length && i < 20; i++) {
    const t = times[i] as DomElement;
    const d = parseDate(t.getAttribute('datetime') ?? t.textContent ?? '');
    if (!d) continue;
    const ctx = `${t.className} ${t.parentElement?.className ?? ''} ${t.getAttribute('itemprop') ?? ''}`;
    if (t.hasAttribute('pubdate') || /publish|posted|date-?pub|created|entry-date/i.test(ctx)) return d;
    // An aside or footer inside the article is its meta box (date, author); outside it, other content's.
    const box = t.closest('aside, footer');
    if (!/modif|updat|comment/i.test(ctx) && !t.closest('.comment, .comments, #comments') && (!box || box.closest('article'))) firstTime ??= d;
  }
  if (firstTime) return firstTime;
  const fromUrl = dateFromUrl(url);
  if (fromUrl) return fromUrl;
  // Visible date near the headline: class names publishers use for it.
  const dateEls = all.filter((e) => /date|time|meta|byline|published/i.test(`${e.getAttribute('class') ?? ''} ${e.getAttribute('id') ?? ''}`));
  for (let i = 0; i < dateEls.length && i < 40; i++) {
    const el = dateEls[i] as DomElement;
    if (el.closest('.comment, .comments, #comments, footer, aside')) continue;
    const txt = collapse(el.textContent ?? '');
    if (txt.length > 200) continue;
    const d = parseTextDate(txt);
    if (d) return d;
  }
  const modified = meta(metas, DATE_META.slice(-4));
  if (modified) {
    const d = parseDate(modified);
    if (d) return d;
  }
  return firstTextDate(all);
}

/** Last resort (htmldate's text scan, simplified): the first date written in a short text element of the page
 * body, outside navigation, footers and comments. Leaf-ish elements only, in document order. */
function firstTextDate(all: readonly DomElement[]): string | null {
  let inBody = false;
  let checked = 0;
  for (const el of all) {
    const t = el.localName;
    if (t === 'body') inBody = true;
    if (!inBody || t === 'script' || t === 'style' || t === 'option' || t === 'a') continue;
    if (el.children.length > 3) continue;
    const txt = collapse(el.textContent ?? '');
    if (txt.length < 8 || txt.length > 120) continue;
    if (++checked > 3000) break;
    const d = parseTextDate(txt);
    if (!d) continue;
    if (el.closest('nav, footer, aside, .comment, .comments, #comments, [class*="footer"], [class*="sidebar"], [class*="widget"]')) continue;
    if (d > new Date().toISOString().slice(0, 10)) continue;
    return d;
  }
  return null;
}

/** A timestamp converted to UTC can land on the day before or after the publisher's calendar date; when the
 * URL carries a date within a day of it, the URL's (local) date is the one the publisher meant. */
function reconcileWithUrl(published: string | null, url: string): string | null {
  const fromUrl = dateFromUrl(url);
  if (!published || !fromUrl || published.startsWith(fromUrl)) return published;
  const diff = Math.abs(Date.parse(published.slice(0, 10)) - Date.parse(fromUrl));
  return diff <= 86_400_000 ? fromUrl : published;
}

/** Dates embedded in paths: /2024/05/17/, /2024-05-17-, /20240517/ (the last with plausible month/day). */
export function dateFromUrl(url: string): string | null {
  const m =
    /[/_-]((?:19|20)\d{2})[/_-](0?[1-9]|1[0-2])[/_-](0?[1-9]|[12]\d|3[01])(?:[/_.-]|$)/.exec(url) ??
    /[/_-]((?:19|20)\d{2})(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?:[/_.-]|$)/.exec(url);
  if (!m) return null;
  return ymd(Number(m[1]), Number(m[2]), Number(m[3]));
}

function ymd(y: number, mo: number, d: number): string | null {
  if (y < 1990 || y > 2100 || mo < 1 || mo > 12 || d < 1 || d > 31) return null;
  return `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/**
 * Parses a machine-readable or common human date into ISO-8601. An ISO timestamp is returned as written (its
 * calendar date is the publisher's local one); other forms become YYYY-MM-DD. Returns null when nothing
 * plausible (1990–2100) is found.
 */
export function parseDate(raw: string): string | null {
  const s = collapse(raw);
  if (!s) return null;
  const iso = /^((?:19|20)\d{2})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?)?/.exec(s);
  if (iso) {
    const day = ymd(Number(iso[1]), Number(iso[2]), Number(iso[3]));
    if (!day) return null;
    if (!iso[4]) return day;
    const tz = iso[7] ? (iso[7] === 'Z' ? 'Z' : iso[7].length === 5 ? `${iso[7].slice(0, 3)}:${iso[7].slice(3)}` : iso[7]) : '';
    return `${day}T${iso[4]}:${iso[5]}:${iso[6] ?? '00'}${tz}`;
  }
  const compact = /^((?:19|20)\d{2})(\d{2})(\d{2})(?:T|$)/.exec(s);
  if (compact) return ymd(Number(compact[1]), Number(compact[2]), Number(compact[3]));
  const fromText = parseTextDate(s);
  if (fromText) return fromText;
  // RFC 2822 and other forms Date understands (English month names).
  if (/[a-z]{3}/i.test(s) && /\d{4}/.test(s)) {
    const t = Date.parse(s);
    if (!Number.isNaN(t)) {
      const d = new Date(t);
      return ymd(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
    }
  }
  return null;
}

/** Month names in the languages the product meets most (en, de, fr, es, it, pt, nl, pl). */
const MONTHS: Record<string, number> = {};
[
  ['january', 'jan', 'januar', 'jänner', 'janvier', 'janv', 'enero', 'ene', 'gennaio', 'janeiro', 'januari', 'stycznia', 'styczeń', 'styczen'],
  ['february', 'feb', 'februar', 'feber', 'février', 'fevrier', 'févr', 'febrero', 'febbraio', 'fevereiro', 'februari', 'lutego', 'luty'],
  ['march', 'mar', 'märz', 'maerz', 'mars', 'marzo', 'março', 'maart', 'marca', 'marzec', 'mär'],
  ['april', 'apr', 'avril', 'avr', 'abril', 'abr', 'aprile', 'kwietnia', 'kwiecień'],
  ['may', 'mai', 'mayo', 'maggio', 'maio', 'mei', 'maja', 'maj'],
  ['june', 'jun', 'juni', 'juin', 'junio', 'giugno', 'junho', 'czerwca', 'czerwiec'],
  ['july', 'jul', 'juli', 'juillet', 'juil', 'julio', 'luglio', 'julho', 'lipca', 'lipiec'],
  ['august', 'aug', 'août', 'aout', 'agosto', 'ago', 'augustus', 'sierpnia', 'sierpień'],
  ['september', 'sep', 'sept', 'septembre', 'septiembre', 'settembre', 'setembro', 'września', 'wrzesnia', 'wrzesień'],
  ['october', 'oct', 'okt', 'oktober', 'octobre', 'octubre', 'ottobre', 'outubro', 'października', 'pazdziernika', 'październik'],
  ['november', 'nov', 'novembre', 'noviembre', 'novembro', 'listopada', 'listopad'],
  ['december', 'dec', 'dez', 'dezember', 'décembre', 'decembre', 'déc', 'diciembre', 'dic', 'dicembre', 'dezembro', 'grudnia', 'grudzień'],
].forEach((list, i) => list.forEach((n) => (MONTHS[n] = i + 1)));

const MONTH_RE = Object.keys(MONTHS)
  .sort((a, b) => b.length - a.length)
  .join('|');
const DAY_MONTH_YEAR = new RegExp(`(\\d{1,2})(?:\\.|er|st|nd|rd|th)?\\s*(?:de\\s+)?(${MONTH_RE})\\.?,?\\s*(?:de\\s+)?((?:19|20)\\d{2})`, 'i');
const MONTH_DAY_YEAR = new RegExp(`(${MONTH_RE})\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+((?:19|20)\\d{2})`, 'i');

/** Finds a human-written date in short text: 17.05.2024, 17/05/2024, 2024/05/17, "17. Mai 2024", "May 17, 2024". */
export function parseTextDate(s: string): string | null {
  let m = /\b((?:19|20)\d{2})[-/.](\d{1,2})[-/.](\d{1,2})\b/.exec(s);
  if (m) return ymd(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /\b(\d{1,2})\.\s?(\d{1,2})\.\s?((?:19|20)\d{2})\b/.exec(s);
  if (m) return ymd(Number(m[3]), Number(m[2]), Number(m[1]));
  m = /\b(\d{1,2})[/-](\d{1,2})[/-]((?:19|20)\d{2})\b/.exec(s);
  if (m) {
    // Day-first unless impossible (most of the world); US month-first when day-first is invalid.
    const a = Number(m[1]), b = Number(m[2]);
    return a > 12 ? ymd(Number(m[3]), b, a) : b > 12 ? ymd(Number(m[3]), a, b) : ymd(Number(m[3]), b, a);
  }
  m = DAY_MONTH_YEAR.exec(s);
  if (m) {
    const mo = MONTHS[(m[2] ?? '').toLowerCase()];
    if (mo) return ymd(Number(m[3]), mo, Number(m[1]));
  }
  m = MONTH_DAY_YEAR.exec(s);
  if (m) {
    const mo = MONTHS[(m[1] ?? '').toLowerCase()];
    if (mo) return ymd(Number(m[3]), mo, Number(m[2]));
  }
  return null;
}
