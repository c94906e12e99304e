/**
 * The article's author line, from the sources publishers use, most reliable first: schema.org `author` in JSON-LD,
 * `<meta name="author">` and kin, then the visible byline on the page (microdata, rel=author, links to author
 * pages, byline/author class names), then a byline written in the text without markup ("Von Jane Doe"). Names
 * that are the publisher's own (an Organization, the site name, a company form such as "GmbH", a social handle)
 * are kept only as a last resort: the person who wrote the piece is usually named on the page too. Same source
 * order as trafilatura's metadata.py / readability's byline search; comment authors never count.
 */
import { collapse, shortText, TEXT_NODE, type DomElement, type DomNode } from './dom.ts';

/** One author as JSON-LD gives it. */
export interface LdAuthor {
  name: string;
  /** The node is typed Organization (or a subtype): a publisher, not a person. */
  organization: boolean;
}

export interface BylineSources {
  /** JSON-LD authors, one list per article object, the primary article first. */
  ld: LdAuthor[][];
  /** Values of `<meta name="author">`, article:author, dc.creator …, most trusted first (URLs are skipped). */
  meta: readonly string[];
  /** `twitter:creator`, a handle at best. */
  twitterCreator: string | null;
  /** Names of the site, folded with {@link foldName}: og:site_name, publisher name, twitter:site; an author
   * name containing one is the site's. */
  siteHints: readonly string[];
  /** The host's labels and the whole host, folded ("badischezeitung", "laola1at"); an author name equal to one is
   * the site's (only equal: a personal site is named after its author). */
  hostHints: readonly string[];
}

/** Lower-cased letters and digits only: "LAOLA1.at" → "laola1at". Used to compare names with site names. */
export function foldName(s: string): string {
  return s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}

/**
 * Picks the byline of a page.
 *
 * @param all every element of the parsed page in document order (before chrome removal, so bylines in headers count).
 * @param src metadata sources, see {@link BylineSources}.
 * @returns author name(s) (several from JSON-LD joined by "; ", a visible byline as printed), or null.
 */
export function pickByline(all: readonly DomElement[], src: BylineSources): string | null {
  const fallbacks: string[] = [];
  // A name is "publisher-like" when it names the site or reads as a company; it is kept for the end.
  const publisherLike = (name: string): boolean => looksLikeHandle(name) || namesSite(name, src.siteHints, src.hostHints) || COMPANY.test(name);

  for (const authors of src.ld) {
    const persons: string[] = [];
    for (const a of authors) {
      const c = cleanByline(a.name);
      if (!c) continue;
      if (a.organization || publisherLike(c)) fallbacks.push(c);
      else persons.push(c);
    }
    if (persons.length > 0) return Array.from(new Set(persons)).join('; ');
  }
  for (const m of src.meta) {
    const c = /^https?:/i.test(m) ? null : cleanByline(m);
    if (c && !publisherLike(c)) return c;
    if (c) fallbacks.push(c);
  }
  // The visible byline: by rank, then document order; names inside teaser lists, sidebars and the like only after
  // every candidate of the page proper (a main byline is rarely there, but some templates put it in an aside).
  const ranked: { rank: number; el: DomElement }[] = [];
  for (const el of all) {
    const r = bylineRank(el);
    if (r >= 0) ranked.push({ rank: r, el });
  }
  ranked.sort((a, b) => a.rank - b.rank); // stable: document order within a rank
  const elsewhere: DomElement[] = [];
  let tried = 0;
  const consider = (el: DomElement): string | null => {
    const c = cleanByline(spacedText(el));
    if (!c) return null;
    // Once a publisher credit is known, only something that reads as a person's full name replaces it.
    if (!publisherLike(c) && (fallbacks.length === 0 || (looksLikePersonName(c) && /\s/.test(c)))) return c;
    fallbacks.push(c);
    return null;
  };
  // Bounded: each placement walks the ancestors, and teaser-heavy pages carry thousands of author elements.
  for (const { el } of ranked.slice(0, 300)) {
    if (tried >= 30) break;
    const where = placeOf(el);
    if (where === 'other') elsewhere.push(el);
    if (where !== 'page') continue;
    tried++;
    const c = consider(el);
    if (c) return c;
  }
  for (const el of elsewhere) {
    if (tried++ >= 30) break;
    const c = consider(el);
    if (c) return c;
  }
  // A name written after "Von"/"By" in the text outranks a publisher credit from the metadata.
  const written = writtenByline(all);
  if (written) return written;
  const tw = src.twitterCreator ? cleanByline(src.twitterCreator) : null;
  return fallbacks[0] ?? tw;
}

/** A lead word, a label word, then a capitalised name: "Von Jane Doe", "Text: Jane Doe", "Blog post by Jane Doe". */
const WRITTEN_LEAD = /^(?:\S+\s+){0,2}?(?:by|von|par|por|door|przez|text|texto|autor(?:in)?|author)\s*:?\s+\p{Lu}/iu;

const WRITTEN_LEAD_END = /(?:by|von|par|por|door|przez|text|texto|autor(?:in)?|author)\s*:?\s*$/i;
/** Credits that are not authorship: software, design, hosting, sponsorship. */
const NOT_AUTHOR_LEAD = /(?:powered|theme|designed|developed|hosted|made|built|provided|supported|sponsored|presented|brought|gefördert|unterstützt|präsentiert|erstellt mit|realisiert)\s+(?:by|von)\s*$/i;

/** The byline written as plain text, without markup naming it ("Von Jane Doe" in a paragraph of its own): the
 * first short element of the page (outside comments and other content) whose text is a lead word and a
 * person's name of two to four words. */
function writtenByline(all: readonly DomElement[]): string | null {
  let checked = 0;
  for (const el of all) {
    if (!/^(?:p|div|span|strong|em|b|i|small|address|h[4-6])$/.test(el.localName) || el.children.length > 3) continue;
    const text = shortText(el, 80, 16);
    if (!text || text.length < 6 || !WRITTEN_LEAD.test(text)) continue;
    if (++checked > 200) break;
    const c = cleanByline(text);
    if (!c || !/^\p{Lu}/u.test(c) || !looksLikePersonName(c)) continue;
    // The name must follow the lead word itself, not a credit for the site's software ("Powered by …").
    const at = text.indexOf(c);
    if (at <= 0 || !WRITTEN_LEAD_END.test(text.slice(0, at)) || NOT_AUTHOR_LEAD.test(text.slice(0, at))) continue;
    const words = c.split(/\s+/).length;
    if (words >= 2 && words <= 8 && placeOf(el) === 'page') return c;
  }
  return null;
}

/** Company forms and web addresses that mark a publisher, not a person ("… GmbH", "… e.V.", "Verlag", "x.de"). */
const COMPANY = /(?:^|\s)(?:GmbH|AG|SE|KG|e\.\s?V\.?|Inc\.?|Ltd\.?|LLC|S\.A\.|Verlag|Verband|Stiftung)(?:\s|$)|www\.|\.(?:com|de|at|ch|org|net)\b/;

/** The name is the site's own: equal to a site hint, or containing one ("Die FURCHE" ⊃ "furche"). */
function namesSite(name: string, hints: readonly string[], hosts: readonly string[]): boolean {
  const f = foldName(name);
  if (f.length < 3) return false;
  // Only the name containing the site's, not the reverse: a personal site is named after its author.
  return hints.some((h) => h.length >= 4 && (f === h || f.includes(h))) || hosts.includes(f);
}

/** A user name or social handle ("AlexanderLasch", "agrarheute_com", "@site"), not a person's name. */
export function looksLikeHandle(s: string): boolean {
  if (/^@|[_@]|\.(?:com|de|org|net)\b/i.test(s)) return true;
  return !/\s/.test(s) && (/[a-z][A-Z]/.test(s) || /^[a-z0-9.]+$/.test(s));
}

/** Path segments of author pages: /author/jane-doe, /autoren/max-muster-123, /reporters/…, ?author=…. */
const AUTHOR_HREF = /\/(?:authors?|autor(?:en|in)?|auteurs?|autore|autori|redakteur(?:e|in)?|reporters?|journalist(?:en)?|columnists?|writers?|contributors?)\/[^/?#\s]{2,}|[?&]author=\w/i;

/** Rank of an element as a byline holder (lower is better), or -1: microdata, rel=author, a link to an author
 * page, then class / id names. */
function bylineRank(el: DomElement): number {
  // Dates, and containers whose class names their post's author ("hentry author-jane-doe"), are not bylines.
  if (/^(?:time|article|main|section|body|html|table)$/.test(el.localName)) return -1;
  const itemprop = el.getAttribute('itemprop');
  if (itemprop === 'author') return el.querySelector('[itemprop="name"]') ? -1 : 1;
  if (itemprop === 'name' && el.parentElement?.getAttribute('itemprop') === 'author') return 0;
  if (el.getAttribute('rel') === 'author') return 2;
  if (el.localName === 'byline') return 4; // NITF / news-ML markup left in the page
  if (el.localName === 'a' && AUTHOR_HREF.test(el.getAttribute('href') ?? '')) return 3;
  const cls = `${el.getAttribute('class') ?? ''} ${el.getAttribute('id') ?? ''} ${el.getAttribute('data-testid') ?? ''}`.trim();
  if (!cls || /comment|avatar|photo|image|img|bio\b|description/i.test(cls)) return -1;
  if (/(?:^|\s)(?:author-name|byline__name|byline-name|author__name|c-byline__author)(?:\s|$)/.test(cls)) return 4;
  if (/(?:^|\s)(?:byline|author|autor|article-author|post-author|entry-author|meta-author)(?:\s|$)/.test(cls)) return 5;
  if (/byline|author|verfasser|(?:^|[^a-z])autor(?:in|en)?(?:$|[^a-z])/i.test(cls)) return 6;
  return -1;
}

/** Class / id tokens of containers whose author names belong to other texts. */
const COMMENTS = /^(?:comments?|commentlist|comment-|respond)/i;
const OTHER_CONTENT = /^(?:teasers?|related|listing|slider|carousel|recommend|sidebar|widget|more-)/i;

/** Where an element sits: in reader comments (never a byline), in other content (teasers, related links,
 * sidebars, asides, footers, forms: a byline only as a last resort), or in the page proper. */
function placeOf(el: DomElement): 'comments' | 'other' | 'page' {
  let other = false;
  for (let p: DomElement | null = el; p && p.localName !== 'body'; p = p.parentElement) {
    const t = p.localName;
    if (t === 'aside' || t === 'nav' || t === 'footer' || t === 'form') other = true;
    for (const token of `${p.getAttribute('class') ?? ''} ${p.getAttribute('id') ?? ''}`.split(/\s+/)) {
      if (COMMENTS.test(token)) return 'comments';
      if (OTHER_CONTENT.test(token)) other = true;
    }
  }
  return other ? 'other' : 'page';
}

/** Text of an element with a space between its text nodes: bylines are built from adjacent spans
 * (`<span>By</span><a>Jane Doe</a><time>…</time>`) that textContent would glue together. */
function spacedText(el: DomElement): string {
  const parts: string[] = [];
  const walk = (n: DomNode): void => {
    if (n.nodeType === TEXT_NODE) parts.push(n.textContent ?? '');
    else for (let i = 0; i < n.childNodes.length && parts.length < 200; i++) walk(n.childNodes[i] as DomNode);
  };
  walk(el);
  return parts.join(' ');
}

/** Reads as one or a few persons' names: 1–5 capitalised words per name (particles such as "von", "de la"
 * allowed), names joined by commas, "and", "und", "&". */
export function looksLikePersonName(s: string): boolean {
  if (/\d/.test(s)) return false;
  return s.split(/\s*(?:,|;|&|\/|\s(?:and|und|et|y|e|i|og|en)\s)\s*/).every((name) => {
    const words = name.trim().split(/\s+/);
    // Letters, initials, hyphens and apostrophes only: a colon or a quote means a headline or a label.
    if (!/^[\p{L}\p{M}.'’\- ]+$/u.test(name.trim())) return false;
    return words.length >= 1 && words.length <= 5 && words.every((w) => /^[\p{Lu}]/u.test(w) || /^(?:von|van|der|den|de|la|le|del|della|di|da|dos|du|zu|ten|ter|bin|al|el)$/.test(w));
  });
}

/** Words that introduce a name ("By", "Von", "Posted by", "Autor:"), in the languages the product meets most. */
const LEAD = /^(?:(?:posted|written|published|reported|verfasst|geschrieben|veröffentlicht|ein beitrag|beitrag|artikel|escrito|publicado|publié|écrit|rédigé|pubblicato|scritto)\s+)?(?:by|von|par|por|de|di|door|av|przez)\s*:?\s+|^(?:autor(?:in)?|author|verfasser(?:in)?|redakteur(?:in)?|text|texto|testo|tekst)(?:\s+(?:und|and|&|y|et)\s+\p{L}+)?\s*:\s*/iu;

/** Weekday and month names (en, de, fr, es) for the dates written around bylines. */
const WEEKDAYS = '(?:mon|tues|wednes|thurs|fri|satur|sun)day|(?:mon|diens|donners|frei|sams|sonn)tag|mittwoch|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|lunes|martes|miércoles|jueves|viernes|sábado|domingo';
const MONTHS = 'january|february|march|april|may|june|july|august|september|october|november|december|januar|jänner|februar|märz|juni|juli|oktober|dezember|janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre|enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|okt|nov|dec|dez';
/** Words that end a byline before its date ("Jane Doe, Thursday, November 9", "Max Muster am Samstag"): joining
 * words, weekdays, months, "updated"/"Stand" labels. */
const TRAILING_DATE_WORD = new RegExp(`[\\s,]+(?:am|on|le|el|il|um|at|den|vom|dnia|del|the|hace|vor|published|updated|veröffentlicht|aktualisiert|stand|publicado|publié|${WEEKDAYS}|${MONTHS})[\\s,.:]*$`, 'i');

/** A date (and time) opening a byline text: "Donnerstag, 3. März 2022, 10:15 Uhr", "May 5, 2021 · ", "12.03.2022 -". */
const LEADING_DATE = new RegExp(`^(?:(?:${WEEKDAYS})[,.]?\\s*)?(?:\\d{1,2}[./-]\\s?\\d{1,2}[./-]\\s?\\d{2,4}|\\d{4}-\\d{2}-\\d{2}|\\d{1,2}\\.?\\s+(?:${MONTHS})\\.?,?\\s+\\d{4}|(?:${MONTHS})\\.?\\s+\\d{1,2}(?:st|nd|rd|th)?,?\\s+\\d{4})(?:,?\\s*(?:um\\s+|at\\s+|-\\s+)?\\d{1,2}[:.]\\d{2}(?:\\s*(?:uhr|h|am|pm))?)?[\\s,|·•:–—-]*`, 'i');

/** An introducing word inside a byline text ("… by Jane", "… Autor: Jane"). */
const INNER_LEAD = /(?:^|\s)(?:(?:[Bb]y|[Vv]on|[Pp]ar|[Pp]or|[Dd]oor|[Pp]rzez)\s+|(?:[Aa]utor(?:in)?|[Aa]uthor|[Vv]erfasser(?:in)?|[Vv]on|[Bb]y)\s*:\s*)(?=\p{Lu}|\p{Ll}+\d|@)/u;

/** Words of links and labels around bylines ("Alle Beiträge", "View all posts", "Zur Artikelübersicht"), never
 * part of a name. */
const UI_WORDS = new Set(['cookie', 'cookies', 'datenschutz', 'datenschutzerklärung', 'impressum', 'privacy', 'all', 'alle', 'more', 'mehr', 'view', 'see', 'read', 'posts', 'beiträge', 'artikel', 'articles', 'artikelübersicht', 'übersicht', 'zur', 'zum', 'profile', 'profil', 'archive', 'archiv', 'afficher', 'voir', 'ver', 'todos', 'tous', 'published', 'posted', 'follow', 'folgen', 'kontakt', 'contact', 'e-mail', 'email', 'weitere', 'gesponserte', 'sponsored', 'anzeige', 'inhalte', 'abonnieren', 'subscribe']);

/** Words of the labels that introduce a byline ("Posted on … by", "Rezept von", "Zeige alle Beiträge von"). */
const LABEL_WORDS = new Set(['post', 'blog', 'guest', 'gastbeitrag', 'essay', 'posted', 'published', 'written', 'veröffentlicht', 'erstellt', 'eingestellt', 'geschrieben', 'verfasst', 'beitrag', 'beiträge', 'rezept', 'zeige', 'show', 'publicado', 'escrito', 'publié', 'écrit', 'article', 'story']);

/** Texts that are only labels, not names ("Posted on", "Veröffentlicht am", "Follow", "No author"). */
const LABEL_ONLY = /^(?:(?:posted|published|veröffentlicht|publiziert|publicado|publié|pubblicato|stand|updated|aktualisiert|geändert)(?:\s+(?:on|am|el|le|il|um|at))?|follow|folgen|share|teilen|no author|unknown|anonymous|by|von|por|par|de|autor|author)$/i;

/**
 * Reduces a byline text to the name(s): drops "By"-style lead words, what follows a separator ("Name | Published
 * 3 hours ago"), a trailing date ("Name am 08.12.2022", "Name, 4 May 2022"); rejects labels, long texts and URLs.
 * @returns the cleaned name(s), or null when nothing name-like is left.
 */
export function cleanByline(raw: string): string | null {
  let s = collapse(raw);
  // A picture credit ("Foto: Jane Doe", "Photo: AP") names the photographer, not the author.
  if (/^(?:fotos?|photos?|bilder?|image|picture|credit|quelle|source|fuente|crédit)\s*:/i.test(s)) return null;
  // "Posted on 21 May 2020 by Jane", "Datum: 19.11.2021 Autor: Jane": the name follows the last introducing word
  // when what precedes it is a label or a date, not part of a name ("Ursula von der Leyen").
  const inner = INNER_LEAD.exec(s);
  const before = inner ? s.slice(0, inner.index) : '';
  if (inner && before && (/\d|^\S*:/.test(before) || /^\p{Ll}/u.test(before) || before.split(' ').some((w) => UI_WORDS.has(w.toLowerCase()) || LABEL_WORDS.has(w.toLowerCase())))) {
    s = s.slice(inner.index + inner[0].length);
  }
  s = s.replace(LEADING_DATE, '').replace(LEAD, '').replace(/^(?:[Aa]utor(?:in)?|[Aa]uthor|[Vv]erfasser(?:in)?)\s+(?=\p{Lu})/u, '');
  // What follows a separator, another label ("Quelle: dpa") or a link word ("Alle Artikel") is not the name.
  s = s.split(/\s+[|•·»]\s+|\s*\|\s*|\s+\p{L}+:\s/u)[0] ?? '';
  const words = s.split(' ');
  const ui = words.findIndex((w) => UI_WORDS.has(w.toLowerCase()));
  if (ui >= 0) s = words.slice(0, ui).join(' ');
  // A date, time or count after the name: cut before its first digit, with the words that lead to it ("am
  // Samstag,", "Thursday, November").
  const undated = s.replace(/\s\d[\s\S]*$/, '');
  if (undated !== s) {
    s = undated;
    for (let prev = ''; prev !== s; ) {
      prev = s;
      s = s.replace(TRAILING_DATE_WORD, '');
    }
  }
  s = s.replace(LEAD, '');
  s = s.replace(/^[@|,;:\-–—\s]+|[|,;:\-–—/\s]+$/g, '');
  if (s.length < 2 || s.length > 120) return null;
  if (/^https?:\/\//i.test(s) || /[→←»«©®<>{}[\]=+*#]/.test(s)) return null;
  if (LABEL_ONLY.test(s)) return null;
  if (s.split(/\s+/).length > 12) return null;
  return s;
}
