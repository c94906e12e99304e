/**
 * Main-content extraction on a parsed page: chrome removal by tag, visibility and class/id vocabulary
 * (trafilatura's xpaths.py / readability's unlikelyCandidates), content-root selection by the body
 * selectors publishers use (itemprop=articleBody, .entry-content …), then block classification by link density,
 * boilerplate phrases and position (jusText's context rule: short blocks only survive between good ones).
 */
import { collectBlocks, type Block } from './blocks.ts';
import { collapse, shortText, tagOf, type DomDocument, type DomElement } from './dom.ts';
import { parseTextDate } from './metadata.ts';

const REMOVE_TAGS = new Set(['script', 'style', 'noscript', 'template', 'svg', 'canvas', 'iframe', 'object', 'embed', 'button', 'input', 'select', 'textarea', 'nav', 'aside', 'footer', 'dialog', 'menu', 'link', 'meta']);

/** Class/id tokens of site chrome. Matched per token (split on space, '-', '_'), so `tag-politics` on a
 * WordPress article wrapper matches 'tag' — hence the size guard in {@link removeChrome}. */
const CHROME_TOKENS = new RegExp(
  '^(?:' +
    [
      'comments?', 'commentlist', 'respond', 'disqus', 'share', 'sharing', 'shares', 'social', 'socials', 'shariff',
      'sharebar', 'sociallinks', 'newsletter', 'subscribe', 'subscription', 'signup', 'related', 'relatedposts',
      'recommended', 'recommendations', 'recommendation', 'morestories', 'readmore', 'alsoread', 'mostread', 'mostpopular',
      'popular', 'trending', 'sidebar', 'widget', 'widgets', 'breadcrumb', 'breadcrumbs', 'pagination', 'pager', 'cookie',
      'cookies', 'consent', 'gdpr', 'banner', 'advert', 'advertisement', 'ad', 'ads', 'adslot', 'sponsored', 'promo',
      'outbrain', 'taboola', 'tags', 'taglist', 'tagcloud', 'keywords', 'authorbio', 'bio', 'print', 'toolbar', 'skip',
      'visuallyhidden', 'sronly', 'modal', 'popup', 'overlay', 'footer', 'masthead', 'navbar', 'nav', 'navigation',
      'menu', 'topbar', 'login', 'jumplink', 'rating', 'donate', 'donation', 'shop', 'offcanvas', 'disclaimer',
      'meta', 'postmeta', 'entrymeta', 'byline', 'dateline', 'author', 'authors', 'date', 'timestamp',
      // tables of contents (Easy Table of Contents' ez-toc, TOC+'s toc_container): links to the article's own headings
      'toc', 'tableofcontents',
    ].join('|') +
    ')$',
  'i',
);
/** Tokens too generic alone, meaningful with a neighbour: "related-articles", "more-news", "read-more". */
const CHROME_PAIRS = /(?:^|[\s_-])(related|more|further|similar|recommended|popular|latest|other|top)[-_]?(articles?|posts?|stories|news|content|links|reads?|items?)(?:$|[\s_-])|(?:^|[\s_-])(read|see)[-_]?(more|also)(?:$|[\s_-])|(?:^|[\s_-])(share|social)[-_]?\w+|(?:^|[\s_-])(author)[-_]?(box|info|bio|card|about)(?:$|[\s_-])|(?:^|[\s_-])(comment)(?!ary|ator)[-_]?\w*|(?:^|[\s_-])(inline|article|related|more|other)[-_]?teasers?(?:$|[\s_-])|(?:^|[\s_-])(lee|leer|lire|lies)[-_]?(tambien|también|aussi|auch|mas|más)|(?:^|[\s_-])(promotion|promo)[-_]?\w*|saboxplugin|author[-_]?box/i;

/** Tokens that mark the content itself: never removed as chrome. */
const CONTENT_TOKENS = /(?:^|[\s_-])(article|articlebody|entry|post|story|content|main|body|text)(?:[-_]?(body|content|text))?(?:$|[\s_-])/i;
/** Metadata tokens only count as chrome in small elements (a "post-meta" line, a "byline"), never in wrappers. */
const WEAK_TOKENS = /^(meta|postmeta|entrymeta|byline|dateline|author|authors|date|timestamp|bio|print|rating|ad|banner|menu|tags|keywords)$/i;

function classTokens(s: string): string[] {
  const out: string[] = [];
  for (const word of s.split(/\s+/)) {
    if (!word) continue;
    out.push(word.replace(/[-_]/g, ''));
    for (const part of word.split(/[-_]+/)) if (part && part !== word) out.push(part);
  }
  return out;
}

/**
 * Removes site chrome from the document in place: non-content tags, hidden elements, and elements whose class/id
 * vocabulary marks them as chrome — unless they hold a large share of the page's text (a wrapper, not a widget).
 */
export function removeChrome(doc: DomDocument, all: readonly DomElement[] = Array.from(doc.querySelectorAll('*'))): void {
  const body = doc.body;
  if (!body) return;
  removeChromeIn(body, all);
}

/** {@link removeChrome} within one subtree (e.g. readability's article element); `root` itself stays. */
export function removeChromeUnder(root: DomElement): void {
  removeChromeIn(root, Array.from(root.querySelectorAll('*')));
}

function removeChromeIn(body: DomElement, all: readonly DomElement[]): void {
  const main = all.find((e) => e.localName === 'article' || e.localName === 'main' || e.getAttribute('itemprop') === 'articleBody');
  const total = collapse(body.textContent ?? '').length || 1;
  for (const el of all) {
    const t = el.localName;
    if (t === 'html' || t === 'body' || t === 'head') continue;
    if (!el.isConnected) continue; // already removed with an ancestor
    if (REMOVE_TAGS.has(t)) {
      // <nav>/<aside>/<footer> wrapping the article happen on badly built pages; keep those.
      if ((t === 'aside' || t === 'nav' || t === 'footer') && main && el.contains(main)) continue;
      el.remove();
      continue;
    }
    if (t === 'form') {
      // Forms wrap whole pages on ASP.NET sites: only drop small ones.
      if (collapse(el.textContent ?? '').length < 400 || !el.querySelector('p')) el.remove();
      continue;
    }
    if (t === 'header') {
      if (el.querySelector('nav, ul, form') && !el.querySelector('h1')) el.remove();
      continue;
    }
    if (isHidden(el)) {
      // Hidden "read more" halves of articles are content.
      if (!(el.querySelector('p') && collapse(el.textContent ?? '').length > 500)) el.remove();
      continue;
    }
    if (t === 'article' || t === 'main' || t === 'p' || t === 'h1') continue;
    const cls = el.getAttribute('class');
    const id = el.getAttribute('id');
    if (!cls && !id) continue;
    if (el.getAttribute('itemprop') === 'articleBody') continue;
    const raw = `${cls ?? ''} ${id ?? ''}`;
    const tokens = classTokens(raw);
    const strong = tokens.filter((x) => CHROME_TOKENS.test(x));
    const pair = CHROME_PAIRS.test(raw);
    if (strong.length === 0 && !pair) continue;
    const onlyWeak = !pair && strong.every((x) => WEAK_TOKENS.test(x));
    const len = collapse(el.textContent ?? '').length;
    if (CONTENT_TOKENS.test(raw) && !pair && len > 200) continue;
    if (onlyWeak && (len > 300 || el.querySelector('p + p'))) continue;
    if (len > total * 0.4 && len > 500) continue;
    el.remove();
  }
}

function isHidden(el: DomElement): boolean {
  if (el.hasAttribute('hidden') || el.getAttribute('aria-hidden') === 'true') return true;
  const style = el.getAttribute('style');
  return !!style && /(?:display\s*:\s*none|visibility\s*:\s*hidden)/i.test(style);
}

const BODY_CLASSES = new Set([
  'article-body', 'article__body', 'articlebody', 'article_body', 'article-content', 'article__content', 'articlecontent',
  'article-text', 'articletext', 'article__text', 'entry-content', 'entry_content', 'post-content', 'post_content',
  'postcontent', 'post-body', 'post-entry', 'postentry', 'story-body', 'storybody', 'story-content', 'story__body',
  'content-body', 'body-text', 'bodytext', 'text-content', 'article-main', 'news-text', 'news-content', 'rich-text',
  'richtext', 'single-content', 'blog-content', 'field--name-body', 'field-name-body', 'td-post-content', 'paywall',
  'article-detail', 'detail-content', 'main-text', 'page-content',
]);
const TEASER_TOKENS = /(?:^|[\s_-])(?:teasers?|cards?|previews?|snippets?)(?:$|[\s_-])/i;
const MAIN_IDS = new Set(['content', 'main', 'main-content', 'maincontent']);

/**
 * Content-body selectors, most specific first (trafilatura's BODY_XPATH, readability's positive classes):
 * 0 microdata articleBody; 1 body class/id names; 2 `<article>`; 3 main landmarks. Returns the group or -1.
 */
function bodyGroup(el: DomElement): number {
  const ip = el.getAttribute('itemprop');
  if (ip === 'articleBody' || ip === 'articlebody' || ip === 'text') return 0;
  const cls = el.getAttribute('class');
  const id = el.getAttribute('id');
  if (cls) for (const c of cls.split(/\s+/)) if (BODY_CLASSES.has(c.toLowerCase())) return 1;
  if (id && BODY_CLASSES.has(id.toLowerCase())) return 1;
  const t = el.localName;
  // An <article> named a teaser or card is one entry of a listing, not the page's article.
  if (t === 'article') return cls && TEASER_TOKENS.test(cls) ? -1 : 2;
  if (t === 'main' || el.getAttribute('role') === 'main' || (id && MAIN_IDS.has(id.toLowerCase())) || cls === 'main-content') return 3;
  return -1;
}

/** Finds the element(s) holding the article body, or null when no publisher markup identifies it. */
export function findContentRoots(doc: DomDocument, all: readonly DomElement[] = Array.from(doc.querySelectorAll('*'))): DomElement[] | null {
  const groups: DomElement[][] = [[], [], [], []];
  for (const el of all) {
    const g = bodyGroup(el);
    if (g < 0) continue;
    // A body class on single paragraphs (TYPO3's `<p class="bodytext">`) marks the text's container, which
    // also holds the headings, lists and unclassed paragraphs between them.
    const parent = el.parentElement;
    const target = el.localName === 'p' && parent && parent.localName !== 'body' ? parent : el;
    const list = groups[g] as DomElement[];
    if (list[list.length - 1] !== target && !list.includes(target)) list.push(target);
  }
  let chosen: { roots: DomElement[]; len: number } | null = null;
  let chosenGroup = -1;
  for (let gi = 0; gi < groups.length; gi++) {
    const found = groups[gi] ?? [];
    const union = gi <= 1;
    if (found.length === 0) continue;
    // Outermost matches only (nested matches are the same body).
    const outerMost = found.filter((el) => !found.some((o) => o !== el && o.contains(el)));
    const withText = outerMost
      .map((el) => ({ el, len: paragraphChars(el) }))
      .filter((x) => x.len > 0)
      .sort((a, b) => b.len - a.len);
    const best = withText[0];
    if (!best || best.len < 200) continue;
    if (chosen) {
      // Microdata articleBody is the publisher's own statement: a larger landmark elsewhere (a comment thread in
      // a second <main>) does not override it.
      if (chosenGroup === 0) break;
      // A less specific selector overrides only with a disjoint element holding far more text (the specific
      // class matched a teaser or a sidebar box, not the body).
      const prev = chosen;
      const disjoint = !prev.roots.some((r) => r.contains(best.el) || best.el.contains(r));
      if (disjoint && best.len > prev.len * 3 && best.len > 1000) return [best.el];
      continue;
    }
    // Bodies split around ads: keep every sizeable part, in document order.
    const roots = union ? outerMost.filter((el) => withText.some((x) => x.el === el && (x === best || x.len >= 100))) : [best.el];
    chosen = { roots, len: withText.filter((x) => roots.includes(x.el)).reduce((n, x) => n + x.len, 0) };
    chosenGroup = gi;
  }
  return chosen ? chosen.roots : null;
}

const LEDE_TOKENS = /(?:^|[\s_-])(lead|lede|leader|intro|teaser|teasertext|deck|dek|excerpt|standfirst|summary|subtitle|subline|subheadline|subhead|abstract|kicker-text|article-intro|description|documentdescription)(?:$|[\s_-])/i;

/**
 * The standfirst (lede / intro / deck) that many templates print just before the body element, outside it:
 * the publisher's `description` where the page shows it before the body; else the nearest preceding element
 * named so, under the same `<article>`/`<main>` or within five levels of the body (whichever is wider), 40–1500
 * characters of prose. Returns null when there is none.
 */
export function findLede(all: readonly DomElement[], roots: readonly DomElement[], description: string | null = null): DomElement | null {
  const first = roots[0];
  if (!first) return null;
  const rootIdx = all.indexOf(first);
  if (rootIdx <= 0) return null;
  // The publisher's own summary, shown on the page, is the surest standfirst.
  return (description ? shownDescription(all, rootIdx, first, description) : null) ?? namedLede(all, rootIdx, first);
}

function namedLede(all: readonly DomElement[], rootIdx: number, first: DomElement): DomElement | null {
  // The article's own container, or five levels up when the template puts the header beside the body.
  const near = ancestorAt(first, 5);
  const landmark = first.closest('article, main');
  const container = landmark && near ? (landmark.contains(near) ? landmark : near) : (landmark ?? near);
  for (let i = rootIdx - 1, looked = 0; i >= 0 && looked < 400; i--, looked++) {
    const el = all[i] as DomElement;
    if (!el.isConnected || el.contains(first)) continue;
    if (container && !container.contains(el)) break;
    const cls = `${el.getAttribute('class') ?? ''} ${el.getAttribute('id') ?? ''} ${el.getAttribute('itemprop') ?? ''}`;
    if (!LEDE_TOKENS.test(cls)) continue;
    const len = collapse(el.textContent ?? '').length;
    if (len < 40 || len > 1500) continue;
    if (linkChars(el) / len > 0.3) continue;
    return el;
  }
  return null;
}

const foldText = (s: string): string => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');

/** The publisher's description (og:description …) printed as the standfirst before the body, under no class
 * name we know: the nearest preceding element whose text is the description, or its start when the meta text
 * was cut. Looks back at most 600 elements. */
function shownDescription(all: readonly DomElement[], rootIdx: number, first: DomElement, description: string): DomElement | null {
  const want = foldText(description.replace(/(?:…|\.{3})\s*$/u, ''));
  if (want.length < 40) return null;
  for (let i = rootIdx - 1, looked = 0; i >= 0 && looked < 600; i--, looked++) {
    const el = all[i] as DomElement;
    if (!el.isConnected || !/^(?:p|div|h2|h3|span|strong|section)$/.test(el.localName) || el.contains(first)) continue;
    const text = shortText(el, Math.round(want.length * 1.3) + 20);
    if (!text || text.length < 40) continue;
    const f = foldText(text);
    if (f.startsWith(want) || (want.startsWith(f) && f.length >= want.length * 0.8)) return el;
  }
  return null;
}

function ancestorAt(el: DomElement, levels: number): DomElement | null {
  let cur: DomElement | null = el;
  for (let i = 0; i < levels && cur; i++) cur = cur.parentElement;
  return cur;
}

/** Characters of text in paragraph-like blocks (what readability counts), links excluded. */
export function paragraphChars(el: DomElement): number {
  let n = 0;
  const ps = el.querySelectorAll('p, pre, blockquote, li, h2, h3, td');
  for (let i = 0; i < ps.length; i++) {
    const p = ps[i] as DomElement;
    n += collapse(p.textContent ?? '').length;
  }
  if (n === 0) n = collapse(el.textContent ?? '').length / 2;
  return n - linkChars(el);
}

function linkChars(el: DomElement): number {
  let n = 0;
  const links = el.querySelectorAll('a');
  for (let i = 0; i < links.length; i++) n += collapse((links[i] as DomElement).textContent ?? '').length;
  return n;
}

/** Short texts that are chrome in any article, in the languages of the feeds we meet. Anchored at start. */
const BOILER_TEXT = new RegExp(
  '^(?:' +
    [
      'share', 'teilen', 'partager', 'compartir', 'tweet', 'follow us', 'folgen sie', 'suivez', 'sign up', 'subscribe',
      'abonnieren', 'abonnez', 'suscr[ií]bete', 'newsletter', 'advertisement', 'anzeige', 'werbung', 'publicit[ée]',
      'read more', 'weiterlesen', 'mehr zum thema', 'mehr dazu', 'lire aussi', 'lire la suite', 'leer m[aá]s', 'lee también',
      'related', 'more from', 'see also', 'siehe auch', 'das könnte sie', 'auch interessant', 'copyright', '©', '\\(c\\) ',
      'all rights reserved', 'alle rechte vorbehalten', 'tous droits', 'cookie', 'print', 'drucken', 'imprimer',
      'e-?mail', 'comments?\\b', 'kommentare?\\b', 'commentaires?', 'leave a (?:comment|reply)', 'tags?:', 'schlagw[oö]rter',
      'themen:', 'posted in', 'filed under', 'click here', 'hier klicken', 'download the app', 'get the app',
      'you may also like', 'recommended', 'empfohlen', 'zur startseite', 'back to top', 'nach oben', 'photo:', 'foto:',
      'bild:', 'image:', 'quelle:', 'source:', 'loading', 'wird geladen', 'skip to', 'zum inhalt', 'menu', 'menü',
      'suche', 'search', 'login', 'log in', 'anmelden', 'registrieren', 'register', 'previous', 'next', 'zurück', 'weiter',
      'artikel teilen', 'link kopieren', 'copy link', 'whatsapp', 'facebook', 'twitter', 'linkedin', 'pinterest', 'xing',
      'zobacz (?:też|także|również)', 'czytaj (?:też|także|również|więcej)', 'vorschau auf den', 'entdecke (?:weitere|mehr)',
      'instant access', 'unterstütze', 'jede (?:kleine )?spende', 'if you enjoyed', 'mehr \\S+ (?:auf|bei|von) \\S+:$',
      // label lines that open a contact / sources / further-reading box
      '(?:kontakt|contact|ansprechpartner(?:in)?(?: zum thema)?|quellen(?:angaben)?|sources?|zusatzinformationen|zum weiterlesen|weiterführende links|further reading)\\s*:?$',
    ].join('|') +
    ')',
  'i',
);
const BOILER_ANYWHERE = /(?:verwendet|nutzt|uses|utilise|utiliza|usa|używa)(?:mos|mmy)? (?:\w+ )?cookies|all rights reserved|alle rechte vorbehalten|tous droits réservés|todos los derechos|wszelkie prawa|©\s*\d{4}|cookies? (?:policy|richtlinie)|datenschutzerklärung|javascript (?:is )?(?:disabled|required)|enable javascript/i;
/** Headings that open a chrome section: everything under them up to the next ordinary heading goes. */
const BOILER_HEADING = /^(?:inhaltsverzeichnis|table of contents|contents|sommaire|índice|spis treści|related|more (?:from|on|stories|news|articles)|read (?:more|next|also)|see also|you (?:may|might) also|recommended|popular|most (?:read|popular|viewed)|trending|latest|comments?|\d+ comments?|leave a (?:reply|comment)|share|tags|about the author|newsletter|sign up|subscribe|mehr zum thema|mehr (?:aus|zu|von)|weitere (?:artikel|nachrichten|themen|beiträge)|das könnte|auch interessant|lesen sie (?:auch|mehr)|meistgelesen|kommentare?|diskussion|ähnliche|verwandte|themen|schlagwörter|lire (?:aussi|plus)|à lire|sur le même sujet|commentaires?|articles? (?:liés|similaires)|noticias relacionadas|relacionad[oa]s|te puede interesar|lee también|comentarios?|zobacz (?:też|także)|czytaj (?:też|także|więcej)|komentarze|polecane)\b/i;

/** Calls to action that close (or open) article bodies: follow/subscribe/app/donate/newsletter prompts. Only
 * tested on short blocks at the edges of the article, where they are chrome; mid-article they may be content. */
const EDGE_PROMO = new RegExp(
  [
    'follow (?:us|the|@)', 'folgen sie', 'folge uns', 's[ií]guenos', 'suivez-nous', 'subscrib', 'abonnier', 'abonnez', 'suscr[ií]b',
    'newsletter', 'download (?:the|our)', 'app store', 'google play', 'telegram', 'whatsapp', 'youtube', 'canal de', '[úu]nete',
    'join (?:us|our)', 'sign up', 'hazte miembro', 'periodismo', 'support (?:us|our|independent)', 'unterstützen sie', 'spenden',
    'donate', 'letter to the editor', 'leserbrief', '^mira:', '^lee tambi[ée]n', '^lesen sie (?:auch|mehr)', '^read (?:also|more)',
    '^more:', '^mehr:', '^weitere informationen', '©', 'copyright', '^\\*?werbung', '^anzeige', 'sponsored', 'affiliate',
    'not responsible for', 'nicht verantwortlich', 'war der artikel', 'was this (?:article|helpful)', 'share this', 'be sociable',
    'comments? (?:are )?closed', 'kommentare geschlossen', 'akismet', 'registrieren sie', 'unterstütze', 'please (?:log ?in|subscribe|register)',
    'to (?:view|read|continue) (?:the|this) (?:full|rest|article|story)', 'kennt ihr schon', '^(?:last )?(?:modified|updated|aktualisiert|release date)',
    // post footers and disclosures: filing lines, affiliate notes, comment and rating prompts, citation boxes
    'abgelegt unter', 'veröffentlicht und wurde unter', 'this entry was posted', 'filed under', '^category\\s*:', 'last modified',
    'advertis(?:ing|er) disclosure', 'our advertisers', 'may (?:receive|earn) (?:a )?(?:compensation|commission)', 'permalink',
    'kommentieren zu können', 'keine kommentare', 'in den kommentaren', 'einen kommentar', 'leave a comment', 'view comments',
    'artikel bewerten', 'diesen button', 'suggested citation', 'zitiervorschlag', 'straight to your (?:phone|inbox)',
    'um den inhalt', 'meinung des autors', 'views expressed', 'könnte (?:dich|sie|euch) (?:auch )?interessieren', '^mehr themen',
    '^(?:titel|beitrags|header)(?:bild|foto)\\s*:', '(?:diesen |den )?(?:artikel|beitrag) teilen',
  ].join('|'),
  'i',
);

export interface ClassifyOptions {
  /** Treat short blocks at both ends as chrome (dates, bylines, "Photo: …" lines). */
  trimEdges: boolean;
}

/**
 * jusText-style classification (Pomikálek 2011, "Removing boilerplate and duplicate content from web corpora"):
 * each block is bad (link-dense, boilerplate phrase, chrome heading section), good (long, few links) or short;
 * short blocks are kept only when both neighbours among good/bad are good, and at the edges only if long.
 */
export function classifyBlocks(blocks: Block[], opts: ClassifyOptions): Block[] {
  type Cls = 'good' | 'bad' | 'short' | 'heading' | 'media';
  const cls: Cls[] = blocks.map((b) => {
    if (b.kind === 'image') return 'media';
    const ld = b.chars ? b.linkChars / b.chars : 0;
    if (b.kind === 'h') return ld > 0.6 && b.chars < 80 && b.level > 1 ? 'bad' : 'heading';
    if (b.chars < 200 && BOILER_TEXT.test(b.text)) return 'bad';
    if (b.chars < 300 && BOILER_ANYWHERE.test(b.text)) return 'bad';
    if (b.kind === 'li') return ld > 0.5 ? 'bad' : b.chars >= 80 ? 'good' : 'short';
    if (ld > 0.5 && b.chars < 400) return 'bad';
    if (ld > 0.7) return 'bad';
    if (b.kind === 'caption') return 'short';
    if (b.chars >= 80 && ld < 0.35) return 'good';
    if (b.chars >= 200) return 'good';
    return 'short';
  });

  // Chrome sections opened by a heading ("Related stories", "Comments").
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i] as Block;
    if (b.kind !== 'h' || !BOILER_HEADING.test(b.text)) continue;
    cls[i] = 'bad';
    // A heading boxed with its links (`<div class="related"><h3>Read also</h3><ul>…</ul></div>`): the section
    // ends at the first prose paragraph outside the box; a heading among the body's own children runs on.
    const box = b.el?.parentElement ?? null;
    const boxed = box !== null && blocks.some((x, k) => k !== i && x.el !== null && !box.contains(x.el));
    for (let j = i + 1; j < blocks.length; j++) {
      const n = blocks[j] as Block;
      const nEl = n.el ?? n.container ?? null;
      if (boxed && nEl && !box.contains(nEl) && cls[j] === 'good') break;
      if (n.kind === 'h' && n.level <= b.level && !BOILER_HEADING.test(n.text)) break;
      if (cls[j] === 'good' && n.chars > 300 && n.linkChars / n.chars < 0.1 && n.kind === 'p') break;
      cls[j] = 'bad';
    }
  }

  const keep = new Array<boolean>(blocks.length).fill(false);
  const firstGood = cls.indexOf('good');
  const lastGood = cls.lastIndexOf('good');
  if (firstGood < 0) {
    // No long block: a short article (brief, caption page); keep what is not chrome.
    return blocks.filter((_, i) => cls[i] !== 'bad');
  }
  for (let i = 0; i < blocks.length; i++) {
    const c = cls[i];
    if (c === 'good') keep[i] = true;
    else if (c === 'bad') keep[i] = false;
    else if (c === 'media') keep[i] = i > firstGood && i < lastGood;
    else if (c === 'heading') {
      // Headings belong to the article when a good block follows before the next heading.
      let j = i + 1;
      while (j < blocks.length && cls[j] !== 'good' && cls[j] !== 'heading' && cls[j] !== 'bad') j++;
      keep[i] = j < blocks.length && cls[j] === 'good' ? true : i < firstGood && (blocks[i] as Block).level <= 2 && opts.trimEdges === false;
    } else {
      // short: inside the article body keep it; at the edges only when it is not a one-liner.
      if (i > firstGood && i < lastGood) {
        const prevBad = nearest(cls, i, -1) === 'bad';
        const nextBad = nearest(cls, i, 1) === 'bad';
        keep[i] = !(prevBad && nextBad);
      } else {
        keep[i] = !opts.trimEdges || (blocks[i] as Block).chars >= 40;
      }
    }
  }
  // Calls to action at the edges: up to three kept text blocks from the end, two from the start.
  const trimPromo = (order: number[], limit: number): void => {
    let seen = 0;
    for (const i of order) {
      if (!keep[i]) continue;
      const b = blocks[i] as Block;
      if (b.kind === 'image') continue;
      if (++seen > limit) break;
      if ((b.chars < 300 && EDGE_PROMO.test(b.text)) || isDateline(b)) keep[i] = false;
    }
  };
  const idx = blocks.map((_, i) => i);
  trimPromo([...idx].reverse(), 3);
  trimPromo(idx, 2);
  return blocks.filter((_, i) => keep[i]);
}

/** A date / byline line printed above or below the text ("14. Juni 2019 | 15:49 | Von …", "2021-10-16 | News"):
 * short, holds a date, and reads as metadata — fields split by separators, or a clock time. */
function isDateline(b: Block): boolean {
  if (b.chars > 160 || b.kind === 'h') return false;
  if (!parseTextDate(b.text)) return false;
  return /\s[|•·]\s|\b\d{1,2}:\d{2}\b/.test(b.text);
}

function nearest(cls: string[], i: number, dir: 1 | -1): string | null {
  for (let j = i + dir; j >= 0 && j < cls.length; j += dir) {
    const c = cls[j];
    if (c === 'good' || c === 'bad') return c;
  }
  return null;
}

/** Collects and classifies the blocks of several roots (document order). */
export function blocksOf(roots: DomElement[], opts: ClassifyOptions): Block[] {
  const all = roots.flatMap((r) => collectBlocks(r));
  return classifyBlocks(all, opts);
}
