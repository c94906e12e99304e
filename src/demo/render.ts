// Renders demo feeds (RSS 2.0, RSS 1.0/RDF, RSS 0.91, Atom 1.0, JSON Feed 1.1), article pages in site chrome, and
// OPML. Pure string building: no I/O, so the server stays a thin router and these are easy to test.

import iconv from 'iconv-lite';
import type { DemoArticle, DemoFeed, DemoFeedEncoding } from './corpus.ts';

/** An article as served: its shifted date and its local page URL. */
export interface ServedArticle {
  article: DemoArticle;
  /** Shifted publication time. */
  published: Date;
  /** Absolute URL of the article's HTML page on the demo server. */
  pageUrl: string;
}

/** A feed as served: URLs are absolute on the demo server. */
export interface ServedFeed {
  feed: DemoFeed;
  /** URL the OPML lists (for a moved feed: the old URL that answers 301). */
  url: string;
  /** URL that serves the body (differs from `url` only for a moved feed). */
  bodyUrl: string;
  /** The site's home page (has `<link rel="alternate">` to the feed). */
  siteUrl: string;
  /** Newest first. */
  articles: ServedArticle[];
}

/** A rendered response body with its Content-Type. */
export interface RenderedBody {
  contentType: string;
  body: Uint8Array<ArrayBuffer>;
}

/** Stable GUID of an article, independent of the server's port (so re-runs on another port do not duplicate). */
export function articleGuid(article: DemoArticle): string {
  return `urn:newsdesk-demo:article:${article.id}`;
}

/** Escapes text for XML/HTML element content and attribute values; drops characters XML 1.0 forbids. */
export function escapeXml(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

/** Splits corpus text (paragraphs separated by blank lines) into trimmed, non-empty paragraphs. */
export function paragraphs(text: string): string[] {
  return text.split(/\n\s*\n/).map((p) => p.replace(/\s+/g, ' ').trim()).filter((p) => p !== '');
}

/** The article body as HTML paragraphs: `<p>…</p><p>…</p>`. */
export function articleHtml(article: DemoArticle): string {
  return paragraphs(article.text).map((p) => `<p>${escapeXml(p)}</p>`).join('\n');
}

/**
 * A teaser: the opening text, cut at a word boundary. Short leading paragraphs (datelines such as
 * "August 8, 2012-4:43 pm") are skipped when a real paragraph follows, as a site's standfirst would.
 * @param maxChars upper bound on length in UTF-16 code units, ellipsis included.
 */
export function teaser(article: DemoArticle, maxChars = 240): string {
  const paras = paragraphs(article.text);
  const start = paras.findIndex((p) => p.length >= 80);
  const first = paras.slice(Math.max(0, start)).join(' ') || article.title;
  if (first.length <= maxChars) return first;
  const cut = first.slice(0, maxChars - 1);
  const space = cut.lastIndexOf(' ');
  return (space > maxChars / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.]+$/, '') + '…';
}

/** The outlet's own name: hard-case feeds carry a "Demo: … — " prefix in their title that their site would not. */
export function siteName(feed: DemoFeed): string {
  return feed.title.replace(/^Demo: .*? — /, '');
}

/** RFC 822 date as RSS 2.0 wants it, e.g. "Sun, 29 Nov 2026 06:10:00 GMT". */
function rfc822(d: Date): string {
  return d.toUTCString();
}

function cdata(html: string): string {
  return `<![CDATA[${html.replace(/]]>/g, ']]]]><![CDATA[>')}]]>`;
}

/**
 * Encodes an XML document into `encoding`; characters the charset cannot represent become numeric character
 * references, which every XML parser decodes whatever the charset (so nothing is lost, and the bytes that can be
 * native — é, ’, — in windows-1252 — really are).
 */
export function encodeXml(xml: string, encoding: DemoFeedEncoding): Uint8Array {
  if (encoding === 'utf-8') return new TextEncoder().encode(xml);
  let out = '';
  const cache = new Map<string, boolean>();
  for (const ch of xml) {
    if (ch.charCodeAt(0) < 0x80) {
      out += ch;
      continue;
    }
    let ok = cache.get(ch);
    if (ok === undefined) {
      ok = iconv.decode(iconv.encode(ch, encoding), encoding) === ch;
      cache.set(ch, ok);
    }
    out += ok ? ch : `&#${ch.codePointAt(0)};`;
  }
  return iconv.encode(out, encoding);
}

/** Text shown as the channel description; the odd-encoding feeds say so in characters native to their charset. */
function feedDescription(feed: DemoFeed): string {
  switch (feed.encoding) {
    case 'windows-1252':
      return `Served as windows-1252: “smart quotes”, an em dash — a café, €5 and naïve façades.`;
    case 'iso-8859-1':
      return `Served as ISO-8859-1: café, naïve façade, Müller, 1½ and © in single bytes.`;
    case 'koi8-r':
      return `Демонстрационная лента в кодировке KOI8-R. Latest news from ${siteName(feed)}.`;
    default:
      return `Latest news from ${siteName(feed)}.`;
  }
}

function xmlDeclaration(encoding: DemoFeedEncoding): string {
  return `<?xml version="1.0" encoding="${encoding}"?>\n`;
}

function renderRss2(s: ServedFeed, now: Date): string {
  const f = s.feed;
  // CDATA keeps content:encoded readable in UTF-8 feeds (the common real-world shape); in the odd-encoding feeds
  // the HTML is escaped instead, because numeric references are not decoded inside CDATA.
  const useCdata = f.encoding === 'utf-8';
  const items = s.articles.map(({ article, published, pageUrl }) => {
    const full = articleHtml(article);
    return [
      '<item>',
      `<title>${escapeXml(article.title)}</title>`,
      `<link>${escapeXml(pageUrl)}</link>`,
      `<guid isPermaLink="false">${articleGuid(article)}</guid>`,
      `<pubDate>${rfc822(published)}</pubDate>`,
      `<description>${escapeXml(teaser(article))}</description>`,
      f.fullText ? `<content:encoded>${useCdata ? cdata(full) : escapeXml(full)}</content:encoded>` : '',
      '</item>',
    ].filter((l) => l !== '').join('\n');
  });
  return (
    xmlDeclaration(f.encoding) +
    `<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:atom="http://www.w3.org/2005/Atom">\n` +
    `<channel>\n<title>${escapeXml(f.title)}</title>\n<link>${escapeXml(s.siteUrl)}</link>\n` +
    `<description>${escapeXml(feedDescription(f))}</description>\n<language>${f.language}</language>\n` +
    `<lastBuildDate>${rfc822(s.articles[0]?.published ?? now)}</lastBuildDate>\n` +
    `<atom:link rel="self" type="application/rss+xml" href="${escapeXml(s.bodyUrl)}"/>\n<ttl>15</ttl>\n` +
    items.join('\n') +
    '\n</channel>\n</rss>\n'
  );
}

function renderRdf(s: ServedFeed): string {
  const f = s.feed;
  const lis = s.articles.map(({ article }) => `<rdf:li rdf:resource="${articleGuid(article)}"/>`).join('\n');
  const items = s.articles.map(({ article, published, pageUrl }) =>
    [
      `<item rdf:about="${articleGuid(article)}">`,
      `<title>${escapeXml(article.title)}</title>`,
      `<link>${escapeXml(pageUrl)}</link>`,
      `<description>${escapeXml(teaser(article))}</description>`,
      `<dc:date>${published.toISOString()}</dc:date>`,
      `<content:encoded>${escapeXml(articleHtml(article))}</content:encoded>`,
      '</item>',
    ].join('\n'),
  );
  return (
    xmlDeclaration('utf-8') +
    `<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"` +
    ` xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:content="http://purl.org/rss/1.0/modules/content/">\n` +
    `<channel rdf:about="${escapeXml(s.bodyUrl)}">\n<title>${escapeXml(f.title)}</title>\n<link>${escapeXml(s.siteUrl)}</link>\n` +
    `<description>${escapeXml(feedDescription(f))}</description>\n<dc:language>${f.language}</dc:language>\n` +
    `<items>\n<rdf:Seq>\n${lis}\n</rdf:Seq>\n</items>\n</channel>\n` +
    items.join('\n') +
    '\n</rdf:RDF>\n'
  );
}

function renderRss091(s: ServedFeed): string {
  const f = s.feed;
  // RSS 0.91 items have no guid and no date: identity falls back to the link, the date to fetch time. The DOCTYPE
  // is what real 0.91 feeds carry; a safe parser must not fetch it.
  const items = s.articles.map(({ article, pageUrl }) =>
    `<item>\n<title>${escapeXml(article.title)}</title>\n<link>${escapeXml(pageUrl)}</link>\n` +
    `<description>${escapeXml(teaser(article, 500))}</description>\n</item>`,
  );
  return (
    xmlDeclaration('utf-8') +
    `<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" "http://my.netscape.com/publish/formats/rss-0.91.dtd">\n` +
    `<rss version="0.91">\n<channel>\n<title>${escapeXml(f.title)}</title>\n<link>${escapeXml(s.siteUrl)}</link>\n` +
    `<description>${escapeXml(feedDescription(f))}</description>\n<language>${f.language}</language>\n` +
    items.join('\n') +
    '\n</channel>\n</rss>\n'
  );
}

function renderAtom(s: ServedFeed, now: Date): string {
  const f = s.feed;
  const entries = s.articles.map(({ article, published, pageUrl }) =>
    [
      '<entry>',
      `<title>${escapeXml(article.title)}</title>`,
      `<id>${articleGuid(article)}</id>`,
      `<link rel="alternate" type="text/html" href="${escapeXml(pageUrl)}"/>`,
      `<published>${published.toISOString()}</published>`,
      `<updated>${published.toISOString()}</updated>`,
      `<summary type="text">${escapeXml(teaser(article))}</summary>`,
      f.fullText ? `<content type="html">${escapeXml(articleHtml(article))}</content>` : '',
      '</entry>',
    ].filter((l) => l !== '').join('\n'),
  );
  return (
    xmlDeclaration('utf-8') +
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${f.language}">\n` +
    `<title>${escapeXml(f.title)}</title>\n<subtitle>${escapeXml(feedDescription(f))}</subtitle>\n` +
    `<id>urn:newsdesk-demo:feed:${f.id}</id>\n<updated>${(s.articles[0]?.published ?? now).toISOString()}</updated>\n` +
    `<link rel="self" type="application/atom+xml" href="${escapeXml(s.bodyUrl)}"/>\n` +
    `<link rel="alternate" type="text/html" href="${escapeXml(s.siteUrl)}"/>\n` +
    `<author><name>${escapeXml(f.title)}</name></author>\n` +
    entries.join('\n') +
    '\n</feed>\n'
  );
}

function renderJsonFeed(s: ServedFeed): string {
  const f = s.feed;
  return JSON.stringify(
    {
      version: 'https://jsonfeed.org/version/1.1',
      title: f.title,
      home_page_url: s.siteUrl,
      feed_url: s.bodyUrl,
      description: feedDescription(f),
      language: f.language,
      authors: [{ name: f.title }],
      items: s.articles.map(({ article, published, pageUrl }) => ({
        id: articleGuid(article),
        url: pageUrl,
        title: article.title,
        summary: teaser(article),
        // JSON Feed requires content_html or content_text: summary-only feeds give the teaser as text.
        ...(f.fullText ? { content_html: articleHtml(article) } : { content_text: teaser(article) }),
        date_published: published.toISOString(),
      })),
    },
    null,
    2,
  );
}

/** Content-Type header for a feed's format and encoding. */
export function feedContentType(feed: DemoFeed): string {
  switch (feed.format) {
    case 'atom':
      return 'application/atom+xml; charset=utf-8';
    case 'json':
      return 'application/feed+json; charset=utf-8';
    case 'rdf':
      return 'application/rdf+xml; charset=utf-8';
    default:
      return `application/rss+xml; charset=${feed.encoding}`;
  }
}

/** File extension used in a feed's URL path. */
export function feedExtension(feed: DemoFeed): string {
  return feed.format === 'atom' ? 'atom' : feed.format === 'json' ? 'json' : 'xml';
}

/**
 * Renders a feed body in its format and encoding.
 * @param now used only for the feed-level updated date of a feed without articles.
 */
export function renderFeed(s: ServedFeed, now: Date): RenderedBody {
  const f = s.feed;
  let text: string;
  switch (f.format) {
    case 'atom':
      text = renderAtom(s, now);
      break;
    case 'json':
      text = renderJsonFeed(s);
      break;
    case 'rdf':
      text = renderRdf(s);
      break;
    case 'rss091':
      text = renderRss091(s);
      break;
    default:
      text = renderRss2(s, now);
  }
  const encoding = f.format === 'rss2' ? f.encoding : 'utf-8';
  // A copy into a fresh ArrayBuffer: iconv-lite hands back a pooled Buffer, which Response bodies must not alias.
  return { contentType: feedContentType(f), body: new Uint8Array(encodeXml(text, encoding)) };
}

const NAV = ['World', 'Politics', 'Business', 'Technology', 'Science', 'Sport', 'Culture', 'Opinion'];

function siteChromeTop(s: ServedFeed): string {
  const f = s.feed;
  return `<div id="cookie-consent" class="cookie-banner" role="dialog">
<p>We use cookies and similar technologies to personalise content and ads, and to analyse our traffic. By clicking “Accept all” you agree to this. <a href="/privacy">Privacy policy</a></p>
<button type="button">Accept all</button> <button type="button">Manage preferences</button>
</div>
<div class="app-banner"><strong>Download our app</strong> — get breaking news alerts from ${escapeXml(siteName(f))} on your phone. <a href="/app">Get the app</a></div>
<header class="site-header">
<a class="logo" href="${escapeXml(s.siteUrl)}">${escapeXml(siteName(f))}</a>
<nav class="main-nav" aria-label="Sections"><ul>
${NAV.map((n) => `<li><a href="${escapeXml(s.siteUrl)}section/${n.toLowerCase()}">${n}</a></li>`).join('\n')}
</ul></nav>
<a class="subscribe-button" href="/subscribe">Subscribe</a> <a class="login" href="/login">Log in</a>
</header>`;
}

function siteFooter(s: ServedFeed): string {
  const f = s.feed;
  return `<footer class="site-footer">
<nav aria-label="Footer"><ul>
<li><a href="/about">About us</a></li><li><a href="/contact">Contact</a></li><li><a href="/careers">Careers</a></li>
<li><a href="/terms">Terms of use</a></li><li><a href="/privacy">Privacy policy</a></li><li><a href="/cookies">Cookie settings</a></li>
<li><a href="${escapeXml(s.bodyUrl)}">RSS</a></li>
</ul></nav>
<p>© ${escapeXml(siteName(f))}. All rights reserved. Demo page served by Newsdesk from the ECB+ corpus (CC BY 3.0).</p>
</footer>`;
}

/**
 * The full HTML page of one article, wrapped in realistic site chrome (cookie notice, app banner, navigation,
 * "Sign up to read this article", inline ad and "Read more" inside the body, "Related stories", newsletter box,
 * footer). The real text is the `<p>`s of `<article>`; everything else is boilerplate an extractor must drop.
 * @param related other articles of the same feed to link under "Related stories" (a few suffice).
 */
export function renderArticlePage(s: ServedFeed, item: ServedArticle, related: readonly ServedArticle[]): string {
  const f = s.feed;
  const a = item.article;
  const iso = item.published.toISOString();
  const paras = paragraphs(a.text);
  const readMore = related[0];
  const body = paras
    .map((p, i) => {
      let html = `<p>${escapeXml(p)}</p>`;
      if (i === 1 && paras.length > 3) html += `\n<div class="ad-slot" aria-hidden="true">Advertisement</div>`;
      if (i === 2 && readMore && paras.length > 4) {
        html += `\n<aside class="inline-related"><strong>Read more:</strong> <a href="${escapeXml(readMore.pageUrl)}">${escapeXml(readMore.article.title)}</a></aside>`;
      }
      return html;
    })
    .join('\n');
  return `<!DOCTYPE html>
<html lang="${f.language}">
<head>
<meta charset="utf-8">
<title>${escapeXml(a.title)} | ${escapeXml(siteName(f))}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="description" content="${escapeXml(teaser(a, 160))}">
<meta property="og:type" content="article">
<meta property="og:title" content="${escapeXml(a.title)}">
<meta property="og:description" content="${escapeXml(teaser(a, 200))}">
<meta property="og:site_name" content="${escapeXml(siteName(f))}">
<meta property="og:url" content="${escapeXml(item.pageUrl)}">
<meta property="article:published_time" content="${iso}">
<link rel="canonical" href="${escapeXml(item.pageUrl)}">
<link rel="alternate" type="${feedContentType(f).split(';')[0]}" title="${escapeXml(f.title)}" href="${escapeXml(s.bodyUrl)}">
<script type="application/ld+json">${JSON.stringify({
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    headline: a.title,
    datePublished: iso,
    publisher: { '@type': 'Organization', name: siteName(f) },
    isBasedOn: a.url,
  }).replace(/</g, '\\u003c')}</script>
</head>
<body>
${siteChromeTop(s)}
<main id="main">
<nav class="breadcrumb"><a href="${escapeXml(s.siteUrl)}">Home</a> › <a href="${escapeXml(s.siteUrl)}section/world">World</a></nav>
<div class="paywall-prompt"><h2>Sign up to read this article</h2><p>Create a free account to keep reading, or subscribe for unlimited access to ${escapeXml(siteName(f))}.</p><a href="/register">Sign up</a> <a href="/login">Log in</a></div>
<article class="story">
<header>
<h1>${escapeXml(a.title)}</h1>
<p class="meta"><time datetime="${iso}">${item.published.toUTCString()}</time></p>
</header>
<div class="story-body">
${body}
</div>
<p class="source-note">Originally published at <a href="${escapeXml(a.url)}">${escapeXml(a.url)}</a>.</p>
</article>
<div class="share"><a href="/share/facebook">Share on Facebook</a> <a href="/share/x">Share on X</a> <a href="/share/email">Email</a></div>
<aside class="related-stories"><h2>Related stories</h2><ul>
${related.map((r) => `<li><a href="${escapeXml(r.pageUrl)}">${escapeXml(r.article.title)}</a></li>`).join('\n')}
</ul></aside>
<section class="newsletter"><h2>Get our morning briefing</h2><p>The day's top stories in your inbox every morning. Sign up for our free newsletter.</p>
<form action="/newsletter" method="post"><input type="email" name="email" placeholder="Your email address"><button type="submit">Sign up</button></form></section>
<div class="comments"><a href="#comments">Comments (${(a.id.charCodeAt(3) % 40) + 2})</a></div>
</main>
${siteFooter(s)}
</body>
</html>
`;
}

/** The site's home page: a list of its articles and `<link rel="alternate">` to its feed (autodiscovery). */
export function renderSitePage(s: ServedFeed): string {
  const f = s.feed;
  return `<!DOCTYPE html>
<html lang="${f.language}"><head><meta charset="utf-8"><title>${escapeXml(f.title)}</title>
<link rel="alternate" type="${feedContentType(f).split(';')[0]}" title="${escapeXml(f.title)}" href="${escapeXml(s.url)}">
</head><body>
${siteChromeTop(s)}
<main><h1>${escapeXml(f.title)}</h1><ul>
${s.articles.map((x) => `<li><a href="${escapeXml(x.pageUrl)}">${escapeXml(x.article.title)}</a> <time datetime="${x.published.toISOString()}"></time></li>`).join('\n')}
</ul></main>
${siteFooter(s)}
</body></html>
`;
}

/** Namespace of the Newsdesk OPML attributes (country, language, premium). */
export const NEWSDESK_OPML_NS = 'https://newsdesk.invalid/ns/opml';

/**
 * OPML 2.0 listing feeds grouped by `category` (one nested outline per category, in first-seen order).
 * Each feed outline carries `type="rss"`, `text`, `title`, `xmlUrl`, `htmlUrl` and the namespaced
 * `newsdesk:country`, `newsdesk:language`, `newsdesk:premium`.
 */
export function renderOpml(feeds: readonly ServedFeed[], title: string, now: Date): string {
  const byCategory = new Map<string, ServedFeed[]>();
  for (const s of feeds) byCategory.set(s.feed.category, [...(byCategory.get(s.feed.category) ?? []), s]);
  const outlines = [...byCategory.entries()].map(([category, list]) => {
    const inner = list.map((s) => {
      const f = s.feed;
      const type = f.format === 'atom' ? 'atom' : f.format === 'json' ? 'json' : 'rss';
      return (
        `      <outline type="${type}" text="${escapeXml(f.title)}" title="${escapeXml(f.title)}" xmlUrl="${escapeXml(s.url)}"` +
        ` htmlUrl="${escapeXml(s.siteUrl)}" newsdesk:country="${f.country}" newsdesk:language="${f.language}"` +
        (f.premium ? ' newsdesk:premium="true"' : '') +
        '/>'
      );
    });
    return `    <outline text="${escapeXml(category)}" title="${escapeXml(category)}">\n${inner.join('\n')}\n    </outline>`;
  });
  return (
    `<?xml version="1.0" encoding="utf-8"?>\n<opml version="2.0" xmlns:newsdesk="${NEWSDESK_OPML_NS}">\n` +
    `  <head>\n    <title>${escapeXml(title)}</title>\n    <dateCreated>${now.toUTCString()}</dateCreated>\n  </head>\n` +
    `  <body>\n${outlines.join('\n')}\n  </body>\n</opml>\n`
  );
}
