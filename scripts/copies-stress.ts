// Stress test for copy detection on texts and transformations the copies dev set was NOT built from.
//
// Reads the news-clustering dev set (ECB+ train+dev topics: 772 articles in 66 gold stories) at run time, removes
// the articles that already reuse each other's text (ECB+ holds real wire re-prints: same-story pairs sharing
// ≥ 15% of their word 4-grams are merged and one article of each group is kept), and builds IN MEMORY a corpus of:
// - originals (a share of the articles) and their copies, made by this script's own transformations — a spinner
//   with a hand-written paraphrase table (multi-word phrases, function-word phrases, adjective/adverb swaps,
//   names mangled through the table, numbers re-formatted "5" → "five", "1,200" → "1200"), sentence reordering,
//   dropped and inserted filler sentences, spin rates 15–70% of content words; syndicated copies with wire
//   headers/footers, mid-text ads and related links, teasers cut at a sentence or mid-sentence, re-flowed
//   paragraphs, duplicated paragraphs, and copies of copies;
// - the other articles of each story as independent same-story articles (hard negatives);
// - skewed clocks: a share of the copies (default a quarter) are published 1–12 h BEFORE their original.
// Then it runs the online detector the CLI uses (`detectCopies`) and prints link P/R/F1, recall and attribution per
// transformation kind and rate, the same-story false-link rate and attribution accuracy (copies-score.mjs rules).
//
// Usage: node --import tsx scripts/copies-stress.ts [--seed 1] [--set <ecbplus-traindev.jsonl.gz>]
//          [--share 0.5] [--skew 0.25] [--max-copies 3] [--dump <dir>] [--json]
// --share: share of the (deduplicated, ≥ 60-word) articles made originals; --skew: share of copies published
// before their original; --max-copies: copies per original (1..n, uniform); --dump writes corpus.jsonl and
// gold.jsonl (copies-dev format) for ../shared/tools/copies-score.mjs. Deterministic for a given seed.

import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { detectCopies } from '../src/pipeline/copies/index.ts';
import type { CopyArticle } from '../src/pipeline/copies/index.ts';
import { mulberry32 } from '../src/lib/random.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = parseArgs(process.argv.slice(2));
const SET = resolve(args.set ?? resolve(ROOT, '../shared/data/news-clustering/ecbplus-traindev.jsonl.gz'));
const SEED = Number(args.seed ?? 1);
const SHARE = Number(args.share ?? 0.5);
const SKEW = Number(args.skew ?? 0.25);
const MAX_COPIES = Number(args['max-copies'] ?? 3);

function parseArgs(a: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i < a.length; i++) {
    if (!a[i]!.startsWith('--')) continue;
    const k = a[i]!.slice(2);
    out[k] = a[i + 1] && !a[i + 1]!.startsWith('--') ? a[++i]! : 'true';
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Randomness: every run with one seed builds the same corpus.
const rand = mulberry32(Math.imul(SEED, 0x9e3779b1));
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
const between = (lo: number, hi: number): number => lo + rand() * (hi - lo);

// ---------------------------------------------------------------------------------------------------------------
// The spinner's thesaurus: paraphrase-style, hand-written (not WordNet), many entries multi-word on either side and
// some rewriting closed-class words ("after" → "subsequent to", "because of" → "owing to").
const PHRASES: Record<string, string[]> = {
  'according to': ['as reported by', 'in line with'], 'because of': ['owing to', 'on account of', 'due to'],
  'in order to': ['so as to', 'to be able to'], 'as well as': ['along with', 'together with'],
  'a lot of': ['plenty of', 'loads of'], 'at least': ['no fewer than', 'a minimum of'],
  'more than': ['in excess of', 'upward of', 'over'], 'in the wake of': ['following', 'right after'],
  'at the time': ['back then', 'then'], 'on the other hand': ['conversely', 'then again'],
  'as a result': ['consequently', 'thus'], 'in addition': ['furthermore', 'what is more'],
  'there is': ['there exists', "there's"], 'there are': ['there exist', "there're"], 'it is': ["it's", 'this is'],
  'was not': ["wasn't", 'was never'], 'did not': ["didn't", 'failed to'], 'does not': ["doesn't"],
  'will be': ['is going to be', 'shall be'], 'has been': ['was', 'has actually been'], 'have been': ['were'],
  'after': ['following', 'subsequent to', 'once'], 'before': ['prior to', 'ahead of', 'earlier than'],
  'about': ['regarding', 'concerning', 'approximately'], 'during': ['throughout', 'in the course of'],
  'because': ['since', 'as'], 'but': ['however', 'yet', 'though'], 'although': ['even though', 'though'],
  'while': ['whilst', 'even as'], 'with': ['alongside', 'together with'], 'without': ['lacking', 'minus'],
  'near': ['close to', 'next to'], 'against': ['versus', 'opposing'], 'among': ['amongst', 'amid'],
  'also': ['additionally', 'in addition', 'too'], 'said': ['stated', 'mentioned', 'told reporters'],
  'says': ['states', 'notes', 'claims'], 'will': ['is going to', 'shall'], 'can': ['is able to', 'may'],
  'could': ['might', 'may'], 'would': ['could', 'might'], 'must': ['has to', 'needs to'],
  'new': ['brand-new', 'fresh', 'latest'], 'big': ['huge', 'sizable'], 'large': ['massive', 'substantial'],
  'small': ['tiny', 'modest'], 'major': ['significant', 'key'], 'important': ['crucial', 'vital'],
  'recent': ['latest', 'current'], 'former': ['ex', 'onetime'], 'early': ['initial', 'premature'],
  'first': ['initial', 'opening', 'very first'], 'last': ['final', 'previous', 'past'], 'high': ['elevated', 'lofty'],
  'several': ['a number of', 'various'], 'many': ['numerous', 'lots of'], 'very': ['extremely', 'really'],
  'still': ['nevertheless', 'even now'], 'already': ['previously', 'by now'], 'only': ['just', 'merely'],
  'just': ['only', 'simply'], 'now': ['currently', 'at this point'], 'recently': ['lately', 'not long ago'],
  'quickly': ['rapidly', 'swiftly'], 'reportedly': ['allegedly', 'supposedly'], 'officially': ['formally'],
  'finally': ['ultimately', 'at last'], 'later': ['subsequently', 'afterwards'], 'again': ['once more', 'yet again'],
  'around': ['roughly', 'about'], 'nearly': ['almost', 'close to'], 'currently': ['presently', 'right now'],
  'announced': ['revealed', 'made public', 'declared'], 'killed': ['slain', 'left dead'],
  'died': ['passed away', 'lost their life'], 'arrested': ['detained', 'taken into custody'],
  'reported': ['indicated', 'disclosed'], 'told': ['informed', 'notified'], 'confirmed': ['verified', 'corroborated'],
  'released': ['put out', 'unveiled'], 'called': ['referred to as', 'named'], 'left': ['departed', 'exited'],
  'hit': ['struck', 'slammed'], 'took': ['grabbed', 'seized'], 'began': ['started', 'kicked off'],
  'started': ['began', 'launched'], 'found': ['discovered', 'located'], 'help': ['assist', 'aid'],
  'added': ['continued', 'went on to say'], 'expected': ['anticipated', 'projected'], 'won': ['claimed', 'secured'],
  'make': ['create', 'produce'], 'get': ['obtain', 'receive'], 'use': ['utilize', 'employ'], 'need': ['require'],
  'want': ['desire', 'wish'], 'try': ['attempt'], 'give': ['provide', 'supply'], 'keep': ['retain', 'maintain'],
  'including': ['such as', 'among them'], 'people': ['individuals', 'folks', 'persons'],
  'police': ['law enforcement', 'cops'], 'officials': ['authorities', 'functionaries'],
  'year': ['twelve months', 'calendar year'], 'week': ['seven days'], 'home': ['house', 'residence'],
  'car': ['vehicle', 'automobile'], 'man': ['guy', 'gentleman'], 'woman': ['lady'], 'children': ['kids', 'youngsters'],
  'company': ['firm', 'business'], 'statement': ['declaration', 'press release'], 'report': ['account', 'write-up'],
  'movie': ['film', 'motion picture'], 'film': ['movie', 'feature'], 'star': ['celebrity', 'luminary'],
  'death': ['passing', 'demise'], 'fire': ['blaze', 'inferno'], 'attack': ['assault', 'strike'],
  'earthquake': ['quake', 'tremor', 'temblor'], 'team': ['squad', 'side'], 'game': ['match', 'contest'],
  'city': ['town', 'municipality'], 'country': ['nation', 'land'], 'government': ['administration', 'regime'],
  'president': ['head of state', 'leader'], 'deal': ['agreement', 'pact'], 'time': ['period', 'occasion'],
  'news': ['reports', 'tidings'], 'problem': ['issue', 'difficulty'], 'role': ['part', 'position'],
  'job': ['position', 'post'], 'record': ['tally', 'mark'], 'victims': ['casualties', 'those affected'],
  'injured': ['wounded', 'hurt'], 'suspect': ['alleged perpetrator', 'accused'], 'shooting': ['gunfire', 'shootout'],
  'hospital': ['medical center', 'infirmary'], 'phone': ['handset', 'device'], 'launch': ['debut', 'rollout'],
  'house': ['home', 'dwelling'], 'family': ['relatives', 'household'], 'friends': ['pals', 'buddies'],
  'show': ['program', 'series'], 'season': ['campaign', 'term'], 'coach': ['trainer', 'manager'],
  'win': ['victory', 'triumph'], 'dead': ['deceased', 'lifeless'], 'area': ['region', 'zone'],
  'building': ['structure', 'edifice'], 'officer': ['agent', 'official'], 'court': ['tribunal', 'bench'],
  'week-long': ['seven-day'], 'night': ['evening', 'nighttime'], 'morning': ['forenoon', 'early hours'],
  'told reporters': ['informed journalists'], 'rehab': ['rehabilitation', 'treatment'], 'prison': ['jail', 'lockup'],
  'price': ['value', 'cost'], 'brown': ['tan', 'chocolate'], 'young': ['youthful', 'juvenile'], 'king': ['monarch'],
  'black': ['dark', 'ebony'], 'white': ['pale', 'snowy'], 'green': ['verdant', 'leafy'], 'hill': ['mound', 'knoll'],
  'wood': ['timber', 'lumber'], 'stone': ['rock', 'pebble'], 'bush': ['shrub', 'thicket'], 'gates': ['doors', 'portals'],
  'apple': ['pome'], 'page': ['sheet', 'leaf'], 'rich': ['wealthy', 'affluent'], 'reid': ['reed'],
  'long': ['lengthy', 'extended'], 'little': ['small', 'tiny'], 'good': ['fine', 'decent'], 'great': ['terrific'],
};

/** Fallback words by suffix class, for content words the table lacks (real spinners produce such odd words). */
const POOL: Record<string, string[]> = {
  ly: ['notably', 'markedly', 'duly', 'aptly', 'squarely', 'overtly', 'plainly', 'fitly', 'readily', 'outwardly'],
  ed: ['bestowed', 'rendered', 'effected', 'procured', 'tendered', 'vested', 'beheld', 'summoned', 'averred', 'ceded'],
  ing: ['pertaining', 'abiding', 'effecting', 'procuring', 'bestowing', 'wielding', 'tending', 'heeding', 'forging'],
  s: ['entities', 'parties', 'tidings', 'matters', 'proceedings', 'quarters', 'dealings', 'holdings', 'accounts'],
  x: ['entity', 'matter', 'affair', 'quarter', 'venture', 'pursuit', 'occasion', 'notion', 'fixture', 'endeavour',
    'ample', 'salient', 'bygone', 'fervent', 'stalwart', 'erstwhile', 'hallowed', 'ardent', 'staunch', 'wily'],
};

/** Words the spinner never rewrites: closed-class words not in PHRASES (a spinner keeps grammar glue). */
const KEEP = new Set(
  ('a an the this that these those its it his her he she him they them their we us our you your i me my who whom ' +
    'whose which what where when why how of to in on at by for from into as than and or nor if so is are was were ' +
    'be been being am has had have do does did not no any each every some such both either neither there here').split(' '),
);

const SMALL = 'zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty'.split(' ');
const TENS = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];

/** "5" → "five", "33" → "thirty-three", "1,200" → "1200", "$5 million" kept, "10%" → "10 percent". */
function respellNumber(tok: string): string {
  if (/^\d{1,2}$/.test(tok)) {
    const n = Number(tok);
    return n <= 20 ? SMALL[n]! : TENS[Math.floor(n / 10)]! + (n % 10 ? '-' + SMALL[n % 10]! : '');
  }
  if (/^\d{1,3}(,\d{3})+$/.test(tok)) return tok.replace(/,/g, '');
  if (/^\d+%$/.test(tok)) return tok.slice(0, -1) + ' percent';
  return tok;
}

function matchCase(src: string, out: string): string {
  if (src === src.toUpperCase() && src.length > 1 && /[A-Z]/.test(src)) return out.toUpperCase();
  if (/^[A-Z]/.test(src)) return out.replace(/(^|[\s-])([a-z])/g, (_, p: string, c: string) => p + c.toUpperCase());
  return out;
}

function poolWord(w: string): string {
  const cls = w.endsWith('ly') ? 'ly' : w.endsWith('ed') ? 'ed' : w.endsWith('ing') ? 'ing' : w.endsWith('s') ? 's' : 'x';
  return pick(POOL[cls]!);
}

/** Spin settings: `rate` = share of replaceable words rewritten; the rest are structural edits. */
interface SpinOptions {
  rate: number;
  /** Rewrite capitalized words through the table ("Price" → "Value"), keeping (mostly) the capital. */
  names: boolean;
  numbers: boolean;
  /** Use the fallback pool for content words the table lacks (reaches high rates). */
  pool: boolean;
}

const PHRASE_KEYS = Object.keys(PHRASES).sort((a, b) => b.length - a.length);
const PHRASE_RE = new RegExp(`\\b(${PHRASE_KEYS.map((k) => k.replace(/[-]/g, '\\-')).join('|')})\\b`, 'gi');

/** Spins one sentence: multi-word phrases first, then single words from the table or the pool, then numbers. */
function spinSentence(s: string, o: SpinOptions): string {
  const protect: string[] = [];
  // Placeholders are private-use characters (no digits, no letters), so later passes cannot rewrite them.
  const hold = (x: string): string => String.fromCharCode(0xe000 + protect.push(x) - 1);
  let out = s.replace(PHRASE_RE, (m: string, _g: string, offset: number) => {
    const capitalized = /^[A-Z]/.test(m);
    const isName = capitalized && offset > 0;
    if (isName && !o.names) return m;
    if (rand() >= o.rate) return m;
    const rep = pick(PHRASES[m.toLowerCase()]!);
    // Name mangling keeps the capital most of the time; sometimes the spinner's output loses it.
    return hold(isName && rand() < 0.2 ? rep : matchCase(m, rep));
  });
  out = out.replace(/\b[A-Za-z][a-z]{2,}\b/g, (w: string, offset: number) => {
    const lower = w.toLowerCase();
    if (KEEP.has(lower) || PHRASES[lower]) return w;
    const isName = /^[A-Z]/.test(w) && offset > 0;
    if (isName || /^[A-Z]/.test(w)) return w; // untabled names and sentence-initial words stay
    if (!o.pool || rand() >= o.rate) return w;
    return hold(poolWord(lower));
  });
  if (o.numbers) {
    out = out.replace(/\d[\d,]*%?/g, (n: string) => (rand() < Math.max(0.5, o.rate) ? hold(respellNumber(n)) : n));
  }
  return out.replace(/[\ue000-\uf8ff]/g, (c: string) => protect[c.charCodeAt(0) - 0xe000]!);
}

// ---------------------------------------------------------------------------------------------------------------
// Text structure helpers: paragraphs are blank-line separated; sentences split on . ! ? followed by a capital.
const paragraphsOf = (text: string): string[] => text.split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean);
const sentencesOf = (p: string): string[] => p.split(/(?<=[.!?]["”']?)\s+(?=["“A-Z0-9])/).filter(Boolean);
const join = (ps: string[]): string => ps.join('\n\n');

const FILLERS = [
  'This is a developing story and it will be updated as more information becomes available.',
  'Stay with us for the latest on this story as it unfolds.',
  'It is not the first time such a thing has happened in the region.',
  'Many readers have been following the case closely on social media.',
  'Experts say it may be some time before the full picture is known.',
  'The news has sparked a lively debate online.',
  'We have reached out for comment and will update this article if we hear back.',
];

/** Structural edits: swap adjacent sentences inside paragraphs, drop sentences, insert filler sentences. */
function restructure(text: string, strength: number): string {
  return join(
    paragraphsOf(text).map((p) => {
      let ss = sentencesOf(p);
      for (let i = 0; i + 1 < ss.length; i++) {
        if (rand() < strength) [ss[i], ss[i + 1]] = [ss[i + 1]!, ss[i]!];
      }
      if (ss.length > 1) ss = ss.filter(() => rand() >= strength * 0.5);
      if (rand() < strength) ss.splice(Math.floor(rand() * (ss.length + 1)), 0, pick(FILLERS));
      return ss.join(' ');
    }),
  );
}

function spin(text: string, o: SpinOptions): string {
  return join(paragraphsOf(text).map((p) => sentencesOf(p).map((s) => spinSentence(s, o)).join(' ')));
}

const AGENCIES = ['Newswire Service', 'Global Press Agency', 'Metro Wire', 'Coastal News Network', 'United Dispatch'];
const CITIES = ['LOS ANGELES', 'NEW YORK', 'LONDON', 'WASHINGTON', 'SAN FRANCISCO', 'CHICAGO'];

/** Syndicated copy in another site's wire chrome: dateline, byline, mid-text ads and related links, footer. */
function wireWrap(text: string, otherTitles: string[]): string {
  const agency = pick(AGENCIES);
  const ps = paragraphsOf(text);
  const out: string[] = [`By ${pick(['Staff Reporter', 'Wire Staff', 'Our Correspondent'])} | ${agency}`];
  if (rand() < 0.5) out.push(`Updated ${1 + Math.floor(rand() * 12)}:${rand() < 0.5 ? '15' : '45'} pm`);
  ps.forEach((p, i) => {
    out.push(i === 0 ? `${pick(CITIES)} (${agency}) — ${p}` : p);
    if (i < ps.length - 1 && rand() < 0.3) out.push(pick(['ADVERTISEMENT', `READ MORE: ${pick(otherTitles)}`, 'Story continues below']));
  });
  out.push(`Reporting by ${pick(['J. Smith', 'A. Gomez', 'K. Patel'])}; Editing by ${pick(['L. Chen', 'M. Okafor'])}`);
  out.push(`© 2026 ${agency}. All rights reserved. This material may not be published, broadcast, rewritten or redistributed.`);
  if (rand() < 0.5) out.push('Related', pick(otherTitles), pick(otherTitles));
  return join(out);
}

/** Teaser or paywall scrape: the first 25–75% of the sentences, or cut mid-sentence, with a continuation link. */
function teaser(text: string, midSentence: boolean): string {
  const words = text.split(/(\s+)/);
  const ps = paragraphsOf(text);
  const all = ps.flatMap((p, i) => sentencesOf(p).map((s, j) => ({ s, para: i, first: j === 0 })));
  const keep = between(0.25, 0.75);
  let body: string;
  if (midSentence) {
    body = words.slice(0, Math.max(1, Math.floor(words.length * keep))).join('').trim() + '…';
  } else {
    const n = Math.max(1, Math.round(all.length * keep));
    const parts: string[] = [];
    for (const x of all.slice(0, n)) {
      if (x.first || parts.length === 0) parts.push(x.s);
      else parts[parts.length - 1] += ' ' + x.s;
    }
    body = join(parts);
  }
  return body + '\n\n' + pick(['Continue reading »', '[…]', 'Read the full story at the source.', 'Subscribe to keep reading.']);
}

/** Careless scraper: paragraphs duplicated out of place, or the whole body twice with a header in between. */
function duplicateParagraphs(text: string): string {
  const ps = paragraphsOf(text);
  if (rand() < 0.3) return join([...ps, pick(['Advertisement', 'Latest']), ...ps]);
  const out = [...ps];
  for (const p of ps) if (rand() < 0.5) out.splice(Math.floor(between(0, out.length + 1)), 0, p);
  if (out.length === ps.length) out.push(ps[0]!);
  return join(out);
}

/** Re-flowed syndication: one block, or one sentence per line; typographic quotes and dashes. */
function reflow(text: string): string {
  const typographic = (s: string) => s.replace(/"([^"]*)"/g, '“$1”').replace(/ - /g, ' – ').replace(/'/g, '’');
  const ss = paragraphsOf(text).flatMap(sentencesOf);
  return typographic(rand() < 0.5 ? ss.join(' ') : ss.join('\n\n'));
}

// ---------------------------------------------------------------------------------------------------------------
// Transformation kinds. A kind's label names what was done (and the rate for spinning).
interface Kind {
  readonly label: string;
  readonly make: (text: string, ctx: { otherTitles: string[] }) => string;
}
const RATES = [0.15, 0.3, 0.5, 0.7];
const KINDS: Kind[] = [
  { label: 'wire-wrapped', make: (t, c) => wireWrap(t, c.otherTitles) },
  { label: 'teaser-sentences', make: (t) => teaser(t, false) },
  { label: 'teaser-midword', make: (t) => teaser(t, true) },
  { label: 'paragraphs-duplicated', make: (t) => duplicateParagraphs(t) },
  { label: 'reflowed', make: (t) => reflow(t) },
  { label: 'numbers+names', make: (t) => spin(t, { rate: 0.7, names: true, numbers: true, pool: false }) },
  { label: 'restructured', make: (t) => restructure(t, 0.35) },
  ...RATES.map((r) => ({ label: `spin@${r}`, make: (t: string) => spin(t, { rate: r, names: true, numbers: true, pool: true }) })),
  ...RATES.map((r) => ({
    label: `spin+restructure@${r}`,
    make: (t: string) => restructure(spin(t, { rate: r, names: true, numbers: true, pool: true }), 0.3),
  })),
  {
    label: 'spin@0.5+wrapped+dup',
    make: (t, c) => duplicateParagraphs(wireWrap(spin(t, { rate: 0.5, names: true, numbers: true, pool: true }), c.otherTitles)),
  },
];

// ---------------------------------------------------------------------------------------------------------------
interface Row { id: string; title: string; text: string; cluster: string }
interface Gold { id: string; copyOf: string | null; kind: string; family: string; story: string; skew: boolean }

function loadRows(): Row[] {
  return gunzipSync(readFileSync(SET))
    .toString('utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Row);
}

/** One article per group of same-story articles that reuse each other's text (word 4-gram containment ≥ 0.15). */
function independentArticles(rows: Row[]): Row[] {
  const grams = rows.map((r) => {
    const w = r.text.toLowerCase().match(/[a-z0-9]+/g) ?? [];
    const s = new Set<string>();
    for (let i = 0; i + 4 <= w.length; i++) s.add(w.slice(i, i + 4).join(' '));
    return s;
  });
  const parent = rows.map((_, i) => i);
  const find = (x: number): number => (parent[x] === x ? x : (parent[x] = find(parent[x]!)));
  for (let i = 0; i < rows.length; i++) {
    for (let j = i + 1; j < rows.length; j++) {
      if (rows[i]!.cluster !== rows[j]!.cluster) continue;
      const [a, b] = grams[i]!.size <= grams[j]!.size ? [grams[i]!, grams[j]!] : [grams[j]!, grams[i]!];
      if (a.size === 0) continue;
      let n = 0;
      for (const g of a) if (b.has(g)) n++;
      if (n / a.size >= 0.15) parent[find(i)] = find(j);
    }
  }
  const kept = new Map<number, Row>();
  for (let i = 0; i < rows.length; i++) {
    const root = find(i);
    const cur = kept.get(root);
    if (!cur || rows[i]!.text.length > cur.text.length) kept.set(root, rows[i]!);
  }
  return [...kept.values()];
}

function buildCorpus(rows: Row[]): { corpus: CopyArticle[]; gold: Gold[] } {
  const corpus: CopyArticle[] = [];
  const gold: Gold[] = [];
  const t0 = Date.parse('2026-03-01T00:00:00Z');
  const HOUR = 3_600_000;
  // Related-link headlines come from full articles only: a headline-only stub quoted inside a wrapper IS contained in it.
  const titles = rows.filter((r) => r.text.split(/\s+/).length >= 60).map((r) => r.title);
  let farm = 0;
  for (const r of rows) {
    const text = join(r.text.split('\n').map((l) => l.trim()).filter(Boolean));
    const published = t0 + Math.floor(rand() * 72 * HOUR);
    corpus.push({ id: r.id, source: `outlet-${r.id}`, url: `https://outlet-${r.id}.example/${r.id}`, published, title: r.title, text });
    const words = text.split(/\s+/).length;
    const isOriginal = words >= 60 && rand() < SHARE;
    gold.push({ id: r.id, copyOf: null, kind: isOriginal ? 'original' : 'independent-same-story', family: r.id, story: r.cluster, skew: false });
    if (!isOriginal) continue;
    const n = 1 + Math.floor(rand() * MAX_COPIES);
    let prevCopy: string | null = null;
    for (let c = 0; c < n; c++) {
      const kind = pick(KINDS);
      // A third of later copies are made from an earlier copy (a farm spinning a wire re-print): gold is still r.
      const base = prevCopy && rand() < 0.33 ? corpus.find((x) => x.id === prevCopy)!.text : text;
      const copyText = kind.make(base, { otherTitles: titles });
      const skew = rand() < SKEW;
      const id = `${r.id}~c${c}`;
      const src = `farm-${farm++ % 97}`;
      const title = rand() < 0.3 ? `${r.title} - ${src}` : r.title;
      const when = skew ? published - Math.floor(between(1, 12) * HOUR) : published + Math.floor(between(0.5, 48) * HOUR);
      corpus.push({ id, source: src, url: `https://${src}.example/${id}`, published: when, title, text: copyText });
      gold.push({ id, copyOf: r.id, kind: kind.label, family: r.id, story: r.cluster, skew });
      prevCopy = id;
    }
  }
  return { corpus, gold };
}

// ---------------------------------------------------------------------------------------------------------------
// Scoring: the rules of ../shared/tools/copies-score.mjs (family links, union-find recall, chain-end attribution).
function score(gold: Gold[], pred: Map<string, string | null>) {
  const G = new Map(gold.map((g) => [g.id, g]));
  const parent = new Map(gold.map((g) => [g.id, g.id]));
  const find = (x: string): string => {
    while (parent.get(x) !== x) x = parent.get(x)!;
    return x;
  };
  let nPred = 0;
  let nCorrect = 0;
  const sameStoryBad = new Set<string>();
  const wrong: string[] = [];
  for (const [d, p] of pred) {
    if (!p) continue;
    nPred++;
    if (G.get(d)!.family === G.get(p)!.family) {
      nCorrect++;
      parent.set(find(d), find(p));
    } else {
      wrong.push(`${d} → ${p} (${G.get(d)!.kind} → ${G.get(p)!.kind})`);
      if (G.get(d)!.story === G.get(p)!.story) {
        sameStoryBad.add(d);
        sameStoryBad.add(p);
      }
    }
  }
  const famsByStory = new Map<string, Set<string>>();
  for (const g of gold) famsByStory.set(g.story, (famsByStory.get(g.story) ?? new Set()).add(g.family));
  const ssCand = gold.filter((g) => famsByStory.get(g.story)!.size > 1);
  const terminal = (d: string): string | null => {
    const seen = new Set([d]);
    let x = d;
    while (pred.get(x)) {
      x = pred.get(x)!;
      if (seen.has(x)) return null;
      seen.add(x);
    }
    return x;
  };
  const perKind = new Map<string, { n: number; det: number; attr: number }>();
  let detected = 0;
  let attrOk = 0;
  let skewN = 0;
  let skewOk = 0;
  const copies = gold.filter((g) => g.copyOf);
  for (const g of copies) {
    const k = perKind.get(g.kind) ?? { n: 0, det: 0, attr: 0 };
    perKind.set(g.kind, k);
    k.n++;
    if (g.skew) skewN++;
    if (find(g.id) !== find(g.copyOf!)) continue;
    detected++;
    k.det++;
    if (terminal(g.id) === g.copyOf) {
      attrOk++;
      k.attr++;
      if (g.skew) skewOk++;
    }
  }
  const P = nPred ? nCorrect / nPred : 0;
  const R = copies.length ? detected / copies.length : 0;
  return {
    docs: gold.length, copies: copies.length, links: nPred, P, R, F1: P + R ? (2 * P * R) / (P + R) : 0,
    sameStoryFalseLinkRate: ssCand.length ? ssCand.filter((g) => sameStoryBad.has(g.id)).length / ssCand.length : 0,
    attribution: detected ? attrOk / detected : 0, skew: { n: skewN, ok: skewOk }, wrong,
    perKind: [...perKind].sort(([a], [b]) => a.localeCompare(b)).map(([kind, v]) => ({ kind, ...v })),
  };
}

const rows = independentArticles(loadRows());
const { corpus, gold } = buildCorpus(rows);
if (args.dump) {
  mkdirSync(args.dump, { recursive: true });
  const iso = (a: CopyArticle) => ({ ...a, published: new Date(a.published as number).toISOString() });
  writeFileSync(resolve(args.dump, 'corpus.jsonl'), corpus.map((a) => JSON.stringify(iso(a))).join('\n') + '\n');
  writeFileSync(resolve(args.dump, 'gold.jsonl'), gold.map((g) => JSON.stringify(g)).join('\n') + '\n');
}
const verdicts = detectCopies(corpus);
const s = score(gold, new Map(verdicts.map((v) => [v.id, v.copyOf])));
if (args.json) console.log(JSON.stringify(s));
else {
  const pct = (x: number) => (100 * x).toFixed(1).padStart(5);
  console.log(`seed ${SEED}: ${rows.length} independent articles, ${s.docs} documents, ${s.copies} copies, ${s.links} links`);
  console.log(`link P ${pct(s.P)}  R ${pct(s.R)}  F1 ${pct(s.F1)}   same-story false links ${pct(s.sameStoryFalseLinkRate)}%   attribution ${pct(s.attribution)}%   skewed ${s.skew.ok}/${s.skew.n}`);
  for (const k of s.perKind) {
    console.log(`  ${k.kind.padEnd(24)} n=${String(k.n).padStart(3)}  recall ${pct(k.det / k.n)}%  attribution ${pct(k.det ? k.attr / k.det : 0)}%`);
  }
  for (const w of s.wrong.slice(0, 20)) console.log(`  wrong link: ${w}`);
  console.log(`SUMMARY seed=${SEED} P=${pct(s.P).trim()} R=${pct(s.R).trim()} F1=${pct(s.F1).trim()} sameStoryFP=${pct(s.sameStoryFalseLinkRate).trim()}% attribution=${pct(s.attribution).trim()}%`);
}
