// Builds data/demo/corpus.jsonl.gz — the offline demo's feeds and articles — from
// ../shared/data/copies-dev/corpus.jsonl ONLY. gold.jsonl is never read: the demo must not leak which article is a
// copy of which. Deterministic: same input, same bytes out (no clocks, no randomness).
//
// Usage: node --import tsx scripts/build-demo-corpus.ts [input.jsonl] [output.jsonl.gz]

import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { gzipSync, constants as zlibConstants } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import type { DemoArticle, DemoFeed, DemoFeedEncoding, DemoFeedFormat, DemoFeedRole } from '../src/demo/corpus.ts';
import { serializeDemoCorpus } from '../src/demo/corpus.ts';

interface CorpusRow {
  id: string;
  source: string;
  url: string;
  published: string;
  title: string;
  text: string;
}

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const INPUT = resolve(process.argv[2] ?? resolve(ROOT, '../shared/data/copies-dev/corpus.jsonl'));
const OUTPUT = resolve(process.argv[3] ?? resolve(ROOT, 'data/demo/corpus.jsonl.gz'));

/** Singletons are pooled into "roundup" feeds of this many articles (aggregator-style feeds are real too). */
const ROUNDUP_SIZE = 4;

const COUNTRY_NAMES: Record<string, string> = {
  US: 'United States', GB: 'United Kingdom', CA: 'Canada', AU: 'Australia', NZ: 'New Zealand', IE: 'Ireland',
  IN: 'India', ZA: 'South Africa', AE: 'Middle East', AZ: 'Central Asia & Caucasus', KG: 'Central Asia & Caucasus',
  PH: 'Asia-Pacific', SG: 'Asia-Pacific', GR: 'Europe',
};

// Real outlets that appear in the corpus, by registrable domain: display name and country.
const KNOWN: Record<string, [string, string]> = {
  'reuters.com': ['Reuters', 'GB'], 'bbc.co.uk': ['BBC News', 'GB'], 'nytimes.com': ['The New York Times', 'US'],
  'theguardian.com': ['The Guardian', 'GB'], 'cnn.com': ['CNN', 'US'], 'foxnews.com': ['Fox News', 'US'],
  'nbcnews.com': ['NBC News', 'US'], 'abcnews.go.com': ['ABC News', 'US'], 'usatoday.com': ['USA Today', 'US'],
  'washingtonpost.com': ['The Washington Post', 'US'], 'latimes.com': ['Los Angeles Times', 'US'],
  'abc.net.au': ['ABC News (Australia)', 'AU'], 'cbc.ca': ['CBC News', 'CA'], 'stuff.co.nz': ['Stuff', 'NZ'],
  'odt.co.nz': ['Otago Daily Times', 'NZ'], 'thenational.ae': ['The National', 'AE'],
  'hindustantimes.com': ['Hindustan Times', 'IN'], 'indianexpress.com': ['The Indian Express', 'IN'],
  'telegraph.co.uk': ['The Telegraph', 'GB'], 'dailymail.co.uk': ['Daily Mail', 'GB'], 'mirror.co.uk': ['Daily Mirror', 'GB'],
  'metro.co.uk': ['Metro', 'GB'], 'itv.com': ['ITV News', 'GB'], 'news.sky.com': ['Sky News', 'GB'],
  'sky.com': ['Sky News', 'GB'], 'upi.com': ['UPI', 'US'], 'forbes.com': ['Forbes', 'US'],
  'huffingtonpost.com': ['HuffPost', 'US'], 'rollingstone.com': ['Rolling Stone', 'US'], 'people.com': ['People', 'US'],
  'hollywoodreporter.com': ['The Hollywood Reporter', 'US'], 'deadline.com': ['Deadline', 'US'],
  'scientificamerican.com': ['Scientific American', 'US'], 'nypost.com': ['New York Post', 'US'],
  'nydailynews.com': ['New York Daily News', 'US'], 'seattletimes.com': ['The Seattle Times', 'US'],
  'philly.com': ['Philly.com', 'US'], 'yahoo.com': ['Yahoo News', 'US'], 'espn.go.com': ['ESPN', 'US'],
  'inquirer.net': ['Philippine Daily Inquirer', 'PH'], 'trend.az': ['Trend News Agency', 'AZ'],
  'timesca.com': ['The Times of Central Asia', 'KG'], 'keeptalkinggreece.com': ['Keep Talking Greece', 'GR'],
  'ameinfo.com': ['AME Info', 'AE'], 'msn.co.nz': ['MSN New Zealand', 'NZ'], 'deseretnews.com': ['Deseret News', 'US'],
  'adn.com': ['Anchorage Daily News', 'US'], 'omaha.com': ['Omaha World-Herald', 'US'], 'newser.com': ['Newser', 'US'],
  'vulture.com': ['Vulture', 'US'], 'sbnation.com': ['SB Nation', 'US'], 'nbcsports.com': ['NBC Sports', 'US'],
  'whitehouse.gov': ['The White House', 'US'], 'examiner.com': ['Examiner.com', 'US'],
};

/** Plausible home countries for the corpus's synthetic local papers ("The Bayfield Herald"), picked by hash. */
const SYNTHETIC_COUNTRIES = ['US', 'US', 'US', 'GB', 'GB', 'CA', 'AU', 'NZ', 'IE', 'ZA', 'IN', 'SG'];

function hash(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619) >>> 0;
  return h;
}

function slug(s: string): string {
  return s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

/** "news.bbc.co.uk" → "bbc.co.uk"; blog hosts keep their full name (each blog is its own site). */
function registrableDomain(host: string): string {
  if (/\.(blogspot|wordpress|weebly)\./.test(host) || /\.(wordpress|weebly)\.com$/.test(host)) return host;
  if (host === 'news.sky.com') return host;
  if (host === 'abcnews.go.com' || host.endsWith('espn.go.com')) return host.replace(/^sports\./, '');
  const labels = host.split('.');
  const secondLevel = labels[labels.length - 2] ?? '';
  const tld = labels[labels.length - 1] ?? '';
  const keep = tld.length === 2 && ['co', 'com', 'net', 'org', 'ac', 'gov'].includes(secondLevel) ? 3 : 2;
  return labels.slice(-keep).join('.');
}

function countryOfHost(domain: string): string {
  const known = KNOWN[domain];
  if (known) return known[1];
  if (/\.uk$/.test(domain)) return 'GB';
  if (/\.nz$/.test(domain)) return 'NZ';
  if (/\.au$/.test(domain)) return 'AU';
  if (/\.ca$/.test(domain)) return 'CA';
  if (/\.ae$/.test(domain)) return 'AE';
  if (/\.in$/.test(domain)) return 'IN';
  return 'US'; // .com/.org/.gov and the blogspot.nl mirrors of US blogs
}

function isHostName(source: string): boolean {
  return source.includes('.') && !source.includes(' ');
}

interface Group {
  key: string;
  title: string;
  siteHost: string;
  country: string;
  articles: DemoArticle[];
}

function main(): void {
  const rows: CorpusRow[] = readFileSync(INPUT, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as CorpusRow);

  // 1. Group by outlet: real hosts by registrable domain (news.bbc.co.uk + bbc.co.uk = BBC), synthetic names as is.
  const groups = new Map<string, Group>();
  for (const row of rows) {
    let key: string;
    let title: string;
    let siteHost: string;
    let country: string;
    if (isHostName(row.source)) {
      key = registrableDomain(row.source);
      title = KNOWN[key]?.[0] ?? key;
      siteHost = key;
      country = countryOfHost(key);
    } else {
      key = row.source;
      title = /^[a-z]+$/.test(row.source) ? row.source.replace(/^./, (c) => c.toUpperCase()) : row.source;
      siteHost = new URL(row.url).host;
      // All-lower-case one-word names are the corpus's content farms; their kind lives on .com in the US.
      country = /^[a-z]+$/.test(row.source) ? 'US' : SYNTHETIC_COUNTRIES[hash(row.source) % SYNTHETIC_COUNTRIES.length]!;
    }
    const group = groups.get(key) ?? { key, title, siteHost, country, articles: [] };
    group.articles.push({ id: row.id, url: row.url, published: row.published, title: row.title, text: row.text, source: row.source });
    groups.set(key, group);
  }

  // 2. Outlets with ≥ 2 articles become feeds; single-article outlets are pooled per country into roundups.
  const own = [...groups.values()].filter((g) => g.articles.length >= 2).sort((a, b) => a.key.localeCompare(b.key));
  const singles = [...groups.values()].filter((g) => g.articles.length < 2).sort((a, b) => a.key.localeCompare(b.key));
  const byCountry = new Map<string, Group[]>();
  for (const g of singles) byCountry.set(g.country, [...(byCountry.get(g.country) ?? []), g]);
  const roundups: Group[] = [];
  for (const [country, list] of [...byCountry.entries()].sort((a, b) => a[0].localeCompare(b[0]))) {
    for (let i = 0; i < list.length; i += ROUNDUP_SIZE) {
      const chunk = list.slice(i, i + ROUNDUP_SIZE);
      const n = i / ROUNDUP_SIZE + 1;
      const name = COUNTRY_NAMES[country] ?? country;
      roundups.push({
        key: `roundup-${country.toLowerCase()}-${n}`,
        title: `${name} Press Roundup ${n}`,
        siteHost: `roundup-${country.toLowerCase()}-${n}.example`,
        country,
        articles: chunk.flatMap((g) => g.articles),
      });
    }
  }
  const all = [...own, ...roundups];

  // 3. Give each feed its flavour. Formats rotate rss2/atom/json; summary-only rotates on a different stride so it
  //    crosses all three formats. A few feeds take the hard cases of issue 6.
  const feeds: DemoFeed[] = all.map((g, i) => {
    const format: DemoFeedFormat = (['rss2', 'atom', 'json'] as const)[i % 3]!;
    const fullText = Math.floor(i / 3) % 3 !== 0;
    const articles = [...g.articles].sort((a, b) => b.published.localeCompare(a.published) || a.id.localeCompare(b.id));
    return {
      id: slug(g.key),
      title: g.title,
      siteHost: g.siteHost,
      country: g.country,
      language: 'en',
      category: COUNTRY_NAMES[g.country] ?? g.country,
      format,
      encoding: 'utf-8' as DemoFeedEncoding,
      fullText,
      // Paywalls sit on summary-only outlets (that is what a paywall looks like from a feed reader).
      premium: !fullText && hash(g.key) % 3 === 0,
      role: 'regular' as DemoFeedRole,
      articles,
    };
  });

  const ids = new Set<string>();
  for (const f of feeds) {
    if (ids.has(f.id)) throw new Error(`duplicate feed id ${f.id}`);
    ids.add(f.id);
  }

  // Hard cases on real feeds (they keep their articles): pick deterministically among mid-sized feeds with the
  // characters each encoding case needs, so the odd bytes really occur.
  const used = new Set<string>();
  const pick = (want: (f: DemoFeed) => boolean): DemoFeed => {
    const f = feeds.find((x) => !used.has(x.id) && x.articles.length >= 3 && x.articles.length <= 12 && want(x));
    if (!f) throw new Error('no feed fits a hard case');
    used.add(f.id);
    return f;
  };
  const hasChars = (f: DemoFeed, re: RegExp) => f.articles.some((a) => re.test(a.text));
  const hard = (f: DemoFeed, patch: Partial<DemoFeed>, label: string) => {
    Object.assign(f, patch, { title: `Demo: ${label} — ${f.title}`, category: 'Demo: hard cases' });
  };
  hard(pick((f) => f.format === 'rss2'), { format: 'rdf', fullText: true }, 'legacy RSS 1.0 (RDF)');
  hard(pick((f) => f.format === 'rss2'), { format: 'rss091', fullText: false }, 'legacy RSS 0.91');
  hard(pick((f) => f.format === 'rss2' && hasChars(f, /[’“”—]/)), { encoding: 'windows-1252' }, 'windows-1252 feed');
  hard(pick((f) => f.format === 'rss2' && hasChars(f, /[©·½]/)), { encoding: 'iso-8859-1' }, 'ISO-8859-1 feed');
  hard(pick((f) => f.format === 'rss2'), { encoding: 'koi8-r' }, 'KOI8-R feed');
  hard(pick((f) => f.format === 'atom'), { role: 'moved' }, 'moved feed (301)');
  hard(pick((f) => f.format === 'rss2'), { role: 'rate-limited' }, 'rate-limited feed (429)');
  for (const f of feeds) if (used.has(f.id)) f.premium = false;

  // Feeds that never yield articles: extra sources, not carved out of the corpus.
  const empty = (id: string, label: string, role: DemoFeedRole): DemoFeed => ({
    id, title: `Demo: ${label}`, siteHost: `${id}.example`, country: 'US', language: 'en', category: 'Demo: hard cases',
    format: 'rss2', encoding: 'utf-8', fullText: true, premium: false, role, articles: [],
  });
  feeds.push(empty('demo-gone', 'gone feed (410)', 'gone'), empty('demo-failing', 'failing feed (500)', 'failing'));

  mkdirSync(dirname(OUTPUT), { recursive: true });
  const bytes = gzipSync(serializeDemoCorpus(feeds), { level: zlibConstants.Z_BEST_COMPRESSION });
  writeFileSync(OUTPUT, bytes);
  const articleCount = feeds.reduce((n, f) => n + f.articles.length, 0);
  const count = (p: (f: DemoFeed) => boolean) => feeds.filter(p).length;
  console.log(
    `${OUTPUT}: ${feeds.length} feeds (${count((f) => f.articles.length > 0)} with articles; ` +
      `rss2 ${count((f) => f.format === 'rss2')}, atom ${count((f) => f.format === 'atom')}, json ${count((f) => f.format === 'json')}, ` +
      `legacy ${count((f) => f.format === 'rdf' || f.format === 'rss091')}; summary-only ${count((f) => !f.fullText)}; ` +
      `premium ${count((f) => f.premium)}), ${articleCount} articles from ${rows.length} rows, ${bytes.length} bytes`,
  );
}

main();
