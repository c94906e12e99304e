/**
 * Top stories and coverage: pure functions over plain arrays of article summaries (the store hands them in).
 */

/** One article as ranking sees it: which story it is in, who published it, when, and whether it is a copy. */
export interface CoverageArticle {
  id: string;
  storyId: string;
  /** The outlet (feed/site) — stable id or name. */
  source: string;
  /** ISO-3166 country of the outlet, if known. */
  country?: string | null;
  /** Owner / media group of the outlet, if known (two outlets of one group are not independent). */
  owner?: string | null;
  /** ISO-8601 publication time, or null when unknown. */
  date: string | null;
  /** Id of the original when this article is a copy (syndicated, spun…), else null/absent. */
  copyOf?: string | null;
  lang?: string | null;
  title?: string;
  url?: string | null;
}

/** An edition: everyone reading it sees the same ranking. Unset fields do not filter. */
export interface Edition {
  /** Primary language subtag ("en"); articles with another language are left out. Articles without lang stay in. */
  lang?: string;
  /** Only outlets of this country count (a regional edition). Articles without country are left out. */
  country?: string;
}

export interface TopStoriesOptions {
  /** Reference time (ISO-8601 or epoch ms) for freshness and velocity; pure: never read from the clock. */
  now: string | number;
  edition?: Edition;
  /** Freshness halves every this many hours since the story's newest independent article. Default 12. */
  halfLifeHours?: number;
  /** Velocity counts independent articles in this many hours before `now`. Default 6. */
  velocityWindowHours?: number;
  /** Freshness of a story with no dated article. Default 0.25. */
  undatedFreshness?: number;
  /** At most this many stories. Default 50. */
  limit?: number;
}

export interface RankedStory {
  storyId: string;
  score: number;
  /** Distinct outlets with an independent (non-copy) article in the story. */
  outlets: number;
  countries: number;
  owners: number;
  /** Independent articles in the last `velocityWindowHours`. */
  velocity: number;
  /** 2^(−age/halfLife) of the newest independent article (undatedFreshness when none is dated). */
  freshness: number;
  /** Newest independent article's date, or null. */
  latest: string | null;
  articles: number;
}

const HOUR = 3_600_000;

function toMs(date: string | number | null | undefined): number | null {
  if (date === null || date === undefined) return null;
  const ms = typeof date === 'number' ? date : Date.parse(date);
  return Number.isFinite(ms) ? ms : null;
}

function inEdition(a: CoverageArticle, edition: Edition | undefined): boolean {
  if (!edition) return true;
  if (edition.lang && a.lang && a.lang.toLowerCase().split(/[-_]/)[0] !== edition.lang.toLowerCase()) return false;
  if (edition.country && (a.country ?? '').toUpperCase() !== edition.country.toUpperCase()) return false;
  return true;
}

/**
 * Ranks stories for an edition ("top stories"): the same list for every reader of that edition.
 *
 * score = freshness · [ ln(1 + outlets) + 0.5·ln(1 + countries) + 0.25·ln(1 + owners) + 0.5·ln(1 + velocity) ]
 *
 * - outlets: distinct sources with an independent article — copies (copyOf set) add nothing, so one wire story
 *   syndicated by forty sites counts once, under its original's outlet;
 * - countries, owners: diversity of those outlets (an unknown country/owner counts as the outlet itself for owners,
 *   and not at all for countries);
 * - velocity: independent articles in the last `velocityWindowHours` (a story breaking now rises);
 * - freshness: exponential decay 2^(−age/halfLife) of the newest independent article, as in the time-decayed
 *   news ranking of Del Corso, Gullì & Romani 2005 ("Ranking a stream of news", WWW).
 * Logarithms give diminishing returns (the 30th outlet says less than the 2nd). Articles dated after `now` count
 * as age 0. Ties: newer latest first, then story id.
 *
 * @param articles every article of the candidate stories (any order); copies may point at articles of other stories
 * @returns at most `limit` stories, best first; stories with no article in the edition are left out
 */
export function rankTopStories(articles: readonly CoverageArticle[], options: TopStoriesOptions): RankedStory[] {
  const now = toMs(options.now);
  if (now === null) throw new RangeError(`rankTopStories: invalid now ${String(options.now)}`);
  const halfLife = options.halfLifeHours ?? 12;
  const window = (options.velocityWindowHours ?? 6) * HOUR;
  const undated = options.undatedFreshness ?? 0.25;
  const byStory = new Map<string, CoverageArticle[]>();
  for (const a of articles) {
    if (!inEdition(a, options.edition)) continue;
    let list = byStory.get(a.storyId);
    if (!list) byStory.set(a.storyId, (list = []));
    list.push(a);
  }
  const ranked: RankedStory[] = [];
  for (const [storyId, list] of byStory) {
    const independent = list.filter((a) => !a.copyOf);
    const counted = independent.length > 0 ? independent : list.slice(0, 1);
    const outlets = new Set(counted.map((a) => a.source));
    const countries = new Set(counted.map((a) => a.country?.toUpperCase()).filter((c): c is string => !!c));
    const owners = new Set(counted.map((a) => a.owner ?? `outlet:${a.source}`));
    let latest: number | null = null;
    let velocity = 0;
    for (const a of counted) {
      const ms = toMs(a.date);
      if (ms === null) continue;
      if (latest === null || ms > latest) latest = ms;
      if (ms <= now && now - ms <= window) velocity++;
    }
    const freshness = latest === null ? undated : Math.pow(2, -Math.max(0, now - latest) / HOUR / halfLife);
    const coverage =
      Math.log1p(outlets.size) + 0.5 * Math.log1p(countries.size) + 0.25 * Math.log1p(owners.size) + 0.5 * Math.log1p(velocity);
    ranked.push({
      storyId, score: freshness * coverage, outlets: outlets.size, countries: countries.size, owners: owners.size,
      velocity, freshness, latest: latest === null ? null : new Date(latest).toISOString(), articles: list.length,
    });
  }
  ranked.sort((a, b) => b.score - a.score || (b.latest ?? '').localeCompare(a.latest ?? '') || a.storyId.localeCompare(b.storyId));
  return ranked.slice(0, options.limit ?? 50);
}

export interface CoverageOutlet {
  source: string;
  country: string | null;
  owner: string | null;
  /** Independent articles of this outlet in the story. */
  articles: number;
  /** Copies this outlet published (of others' originals). */
  copies: number;
  /** Its first article's date (null when undated). */
  firstDate: string | null;
}

export interface TimelineEntry {
  articleId: string;
  source: string;
  date: string | null;
  title: string | null;
  /** Copies of this article, collapsed under it (ids). */
  copies: string[];
  /** True for the first article of an outlet not seen earlier in the timeline. */
  newOutlet: boolean;
}

export interface StoryCoverage {
  storyId: string;
  /** The first report: earliest dated independent article (input order among undated / ties); null if empty. */
  original: CoverageArticle | null;
  firstReported: string | null;
  outlets: CoverageOutlet[];
  /** Countries by number of outlets, most first. */
  countries: Array<{ country: string; outlets: number }>;
  /** Independent articles in date order (undated last, input order), each with its copies collapsed. */
  timeline: TimelineEntry[];
  articles: number;
  copies: number;
}

/**
 * Coverage of one story ("full coverage"): who reported it first (the original), which outlets and countries, and
 * a timeline of independent articles with copies collapsed under the article they copy. A copy whose original is
 * not in the story is shown as its own timeline entry (the original is elsewhere).
 *
 * @param articles the story's articles (others are ignored when `storyId` is given; otherwise all must share one)
 */
export function summarizeCoverage(articles: readonly CoverageArticle[], storyId?: string): StoryCoverage {
  const id = storyId ?? articles[0]?.storyId ?? '';
  const list = articles.filter((a) => a.storyId === id);
  const byId = new Map(list.map((a) => [a.id, a]));
  const order = list
    .map((a, i) => ({ a, i, ms: toMs(a.date) ?? Infinity }))
    .sort((x, y) => x.ms - y.ms || x.i - y.i)
    .map((x) => x.a);
  const isCollapsed = (a: CoverageArticle): boolean => !!a.copyOf && byId.has(a.copyOf) && a.copyOf !== a.id;
  const heads = order.filter((a) => !isCollapsed(a));
  const copiesOf = new Map<string, string[]>();
  for (const a of order) {
    if (!isCollapsed(a)) continue;
    // Follow copy chains to the head so a copy of a copy sits under the original.
    let head = a;
    for (let hops = 0; hops < 16 && isCollapsed(head); hops++) head = byId.get(head.copyOf!)!;
    const l = copiesOf.get(head.id) ?? [];
    l.push(a.id);
    copiesOf.set(head.id, l);
  }
  const outlets = new Map<string, CoverageOutlet>();
  for (const a of order) {
    let o = outlets.get(a.source);
    if (!o) {
      o = { source: a.source, country: a.country ?? null, owner: a.owner ?? null, articles: 0, copies: 0, firstDate: a.date ?? null };
      outlets.set(a.source, o);
    }
    if (a.copyOf) o.copies++;
    else o.articles++;
  }
  const countryCount = new Map<string, number>();
  for (const o of outlets.values()) if (o.country) countryCount.set(o.country, (countryCount.get(o.country) ?? 0) + 1);
  const seen = new Set<string>();
  const timeline = heads.map((a) => {
    const newOutlet = !seen.has(a.source);
    seen.add(a.source);
    return { articleId: a.id, source: a.source, date: a.date, title: a.title ?? null, copies: copiesOf.get(a.id) ?? [], newOutlet };
  });
  const original = order.find((a) => !a.copyOf) ?? order[0] ?? null;
  return {
    storyId: id,
    original,
    firstReported: original?.date ?? null,
    outlets: [...outlets.values()],
    countries: [...countryCount].map(([country, n]) => ({ country, outlets: n })).sort((a, b) => b.outlets - a.outlets || a.country.localeCompare(b.country)),
    timeline,
    articles: list.length,
    copies: list.filter((a) => !!a.copyOf).length,
  };
}
