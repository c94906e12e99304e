import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import {
  computeFingerprint,
  createCopyDetector,
  deserializeFingerprint,
  detectCopies,
  InMemoryFingerprintStore,
  serializeFingerprint,
  type CopyArticle,
  type CopyVerdict,
} from './index.ts';
import { packFingerprint, unpackFingerprint } from './fingerprint.ts';

const fixture = (name: string) => readFileSync(new URL(`./testdata/${name}`, import.meta.url), 'utf8');
const ORIGINAL = fixture('bridge-original.txt');
const INDEPENDENT = fixture('bridge-independent.txt');
const UNRELATED = fixture('library-original.txt');
const TITLE = 'Rail bridge over the Marrow River partly collapses';

let clock = Date.parse('2024-05-01T08:00:00Z');
function article(id: string, source: string, text: string, opts: Partial<CopyArticle> = {}): CopyArticle {
  clock += 3_600_000;
  return {
    id,
    source,
    url: `https://${source}.example/${id}`,
    published: new Date(clock).toISOString(),
    title: TITLE,
    text,
    ...opts,
  };
}
const at = (hoursAfterStart: number) => new Date(Date.parse('2024-05-01T08:00:00Z') + hoursAfterStart * 3_600_000).toISOString();
const paragraphs = (t: string) => t.trim().split(/\n\s*\n/);
const byId = (vs: CopyVerdict[]) => new Map(vs.map((v) => [v.id, v]));

/**
 * A toy synonym spinner (our own tiny thesaurus, odd word choices as content farms make): swaps every listed word
 * whose position passes `keep`, preserving capitalization; multi-word replacements change the word count.
 */
const THESAURUS: Record<string, string> = {
  old: 'antique', railway: 'railroad', bridge: 'overpass', river: 'waterway', partly: 'partially',
  collapsed: 'crumbled', night: 'nighttime', sending: 'dispatching', wagons: 'waggons', water: 'H2O liquid',
  forcing: 'compelling', closure: 'shutting', main: 'principal', line: 'course', least: 'minimum', weeks: 'hebdomads',
  officials: 'functionaries', said: 'stated', nobody: 'no person', hurt: 'injured', driver: 'motorist',
  slowed: 'decelerated', walk: 'perambulate', pace: 'tempo', flood: 'inundation', warning: 'admonition',
  told: 'informed', investigators: 'tec inquirers', felt: 'sensed', deck: 'platform', drop: 'fall', about: 'approximately',
  brakes: 'restraints', caught: 'grabbed', driven: 'piloted', years: 'twelvemonths', never: 'ne\'er', thought: 'idea-ed',
  regional: 'territorial', authority: 'potency', engineers: 'applied scientists', inspected: 'scrutinised',
  structure: 'construction', found: 'establish', corrosion: 'erosion', piers: 'wharves', repairs: 'mends',
  scheduled: 'regular', autumn: 'fall season', spokeswoman: 'voice', adding: 'appending', agency: 'bureau',
  publish: 'bring out', report: 'study', full: 'entire', divers: 'various', county: 'shire', fire: 'flame',
  service: 'servicing', spent: 'expended', most: 'near all', securing: 'procuring', carrying: 'transporting',
  timber: 'lumber', current: 'stream', drag: 'haul', running: 'operating', twice: 'doubly', usual: 'common',
  height: 'tallness', days: 'mean solar days', rain: 'precipitation', local: 'topical', businesses: 'concerns',
  depend: 'count', morning: 'forenoon', cost: 'price', dearly: 'fondly', replacement: 'successor', journey: 'trip',
  take: 'return', almost: 'virtually', longer: 'yearner', called: 'named', independent: 'autonomous',
  review: 'reappraisal', every: 'every last', safe: 'secure', decade: 'decennary', people: 'multitude',
  town: 'township', deserve: 'merit', know: 'cognise', signed: 'sign-language', expected: 'anticipated',
  reopen: 'resume', track: 'cart track', end: 'terminal', month: 'calendar month', falls: 'descends',
  forecast: 'prognosis', Hart: 'Deer', Osei: 'Osmo', Daniel: 'Dane', Clara: 'Clare', Mayor: 'Civic leader',
};
function spin(text: string, keep: (i: number) => boolean): string {
  let i = 0;
  return text.replace(/[A-Za-z]+/g, (w) => {
    const lower = w.toLowerCase();
    const syn = THESAURUS[w] ?? THESAURUS[lower];
    if (!syn || !keep(i++)) return w;
    return w[0] === w[0]!.toUpperCase() && lower !== w ? syn[0]!.toUpperCase() + syn.slice(1) : syn;
  });
}
const spinHeavy = (t: string) => spin(t, () => true);
const spinLight = (t: string) => spin(t, (i) => i % 3 === 0);

const HEADER = 'Skip to content\n\nHome · News · Sport · Weather · Opinion\n\nThe Valley Gazette | Wed, 01 May 2024\n\n';
const FOOTER = '\n\nRelated:\n\nFlood warnings extended for the lower valley\n\nShare this:\n\n© 2024 The Valley Gazette. All rights reserved.';

test('fingerprints are deterministic and survive a JSON round trip', () => {
  const fp = computeFingerprint({ title: TITLE, text: ORIGINAL });
  assert.deepEqual(computeFingerprint({ title: TITLE, text: ORIGINAL }), fp);
  assert.match(fp.exact, /^[0-9a-f]{16}$/);
  assert.match(fp.simhash, /^[0-9a-f]{16}$/);
  const back = deserializeFingerprint(JSON.parse(JSON.stringify(serializeFingerprint(fp))));
  assert.deepEqual(back, fp);
  assert.equal(deserializeFingerprint({ ...serializeFingerprint(fp), v: 999 }), null);
  // Paragraph breaks do not matter (scrapers re-flow text); words do.
  assert.equal(computeFingerprint({ title: '', text: ORIGINAL.replace(/\n\n/g, ' ') }).exact, fp.exact);
  assert.notEqual(computeFingerprint({ title: '', text: ORIGINAL.replace('nineteen', 'twenty') }).exact, fp.exact);
});

test('a verbatim copy on another site is syndicated from the original', () => {
  const d = createCopyDetector();
  assert.equal(d.detect(article('orig', 'eastbury-post', ORIGINAL)).verdict.kind, null);
  const r = d.detect(article('copy', 'wire-mirror', ORIGINAL));
  assert.deepEqual(r.verdict, { id: 'copy', copyOf: 'orig', kind: 'syndicated', similarity: 1 });
  assert.deepEqual(r.reattributed, [{ id: 'orig', copyOf: null, kind: 'original', similarity: 1 }]);
  assert.deepEqual(d.verdict('orig'), { id: 'orig', copyOf: null, kind: 'original', similarity: 1 });
});

test('a copy wrapped in another site\'s chrome is boilerplate-wrapped, even when its clock says it came first', () => {
  const vs = byId(
    detectCopies([
      article('wrapped', 'valley-gazette', HEADER + ORIGINAL + FOOTER, { published: at(1) }),
      article('orig', 'eastbury-post', ORIGINAL, { published: at(2) }),
    ]),
  );
  assert.equal(vs.get('wrapped')!.copyOf, 'orig');
  assert.equal(vs.get('wrapped')!.kind, 'boilerplate-wrapped');
  assert.equal(vs.get('orig')!.kind, 'original');
});

test('a truncated teaser is a truncated copy; published first, the full text still wins and is re-pointed', () => {
  const teaser = paragraphs(ORIGINAL).slice(0, 3).join(' ') + '\n\nContinue reading';
  const d = createCopyDetector();
  d.detect(article('teaser', 'scrape-hub', teaser, { published: at(1) }));
  d.detect(article('indep', 'valley-times', INDEPENDENT, { published: at(1.5) }));
  const r = d.detect(article('orig', 'eastbury-post', ORIGINAL, { published: at(2) }));
  assert.equal(r.verdict.kind, 'original');
  assert.deepEqual(
    r.reattributed.map((v) => [v.id, v.copyOf, v.kind]),
    [['teaser', 'orig', 'truncated']],
  );
  assert.equal(d.verdict('indep')!.copyOf, null);
});

test('large groups (past maxTournament) still re-point to a later-arriving original', () => {
  const teaser = paragraphs(ORIGINAL).slice(0, 2).join('\n\n');
  const vs = detectCopies(
    [
      article('teaser', 'scrape-hub', teaser, { published: at(1) }),
      article('wrapped', 'valley-gazette', HEADER + ORIGINAL + FOOTER, { published: at(2) }),
      article('orig', 'eastbury-post', ORIGINAL, { published: at(3) }),
    ],
    { maxTournament: 2 },
  );
  assert.deepEqual(
    vs.map((v) => [v.id, v.copyOf, v.kind]),
    [
      ['teaser', 'orig', 'truncated'],
      ['wrapped', 'orig', 'boilerplate-wrapped'],
      ['orig', null, 'original'],
    ],
  );
});

test('a body with its paragraphs doubled is paragraphs-repeated, whichever arrives first', () => {
  const ps = paragraphs(ORIGINAL);
  const doubled = ps.flatMap((p, i) => (i % 2 === 0 ? [p, p] : [p])).join('\n\n');
  for (const [tc, to] of [[1, 2], [2, 1]] as const) {
    const vs = byId(
      detectCopies([
        article('orig', 'eastbury-post', ORIGINAL, { published: at(to) }),
        article('rep', 'careless-scraper', doubled, { published: at(tc) }),
      ]),
    );
    assert.equal(vs.get('rep')!.copyOf, 'orig', `copy at ${tc}h, original at ${to}h`);
    assert.equal(vs.get('rep')!.kind, 'paragraphs-repeated');
  }
});

test('lightly and heavily spun copies are found and credited to the unspun original despite a skewed clock', () => {
  const light = spinLight(ORIGINAL);
  const heavy = spinHeavy(ORIGINAL);
  // The toy spinner really rewrites the text: most words of the original are gone from the heavy version.
  assert.ok(heavy.split(/\s+/).filter((w, i) => w !== ORIGINAL.split(/\s+/)[i]).length > 150);
  const vs = byId(
    detectCopies([
      article('heavy', 'content-farm', heavy, { published: at(1), title: spinHeavy(TITLE) }),
      article('indep', 'valley-times', INDEPENDENT, { published: at(1.5) }),
      article('orig', 'eastbury-post', ORIGINAL, { published: at(2) }),
      article('light', 'other-farm', light, { published: at(3), title: spinLight(TITLE) }),
      article('synd', 'wire-mirror', ORIGINAL, { published: at(4) }),
      article('lib', 'city-news', UNRELATED, { published: at(5), title: 'Branch libraries stay open' }),
    ]),
  );
  assert.deepEqual([vs.get('heavy')!.copyOf, vs.get('heavy')!.kind], ['orig', 'spun']);
  assert.deepEqual([vs.get('light')!.copyOf, vs.get('light')!.kind], ['orig', 'spun']);
  assert.deepEqual([vs.get('synd')!.copyOf, vs.get('synd')!.kind], ['orig', 'syndicated']);
  assert.equal(vs.get('orig')!.kind, 'original');
  assert.equal(vs.get('indep')!.copyOf, null);
  assert.equal(vs.get('lib')!.copyOf, null);
  assert.ok(vs.get('heavy')!.similarity >= 0.6 && vs.get('heavy')!.similarity < 1);
});

test('an independent article on the same event (shared names, numbers, a quote) is never linked', () => {
  const vs = detectCopies([
    article('orig', 'eastbury-post', ORIGINAL),
    article('indep', 'valley-times', INDEPENDENT),
    article('indep-spun', 'content-farm', spinLight(INDEPENDENT)),
  ]);
  const m = byId(vs);
  assert.equal(m.get('orig')!.copyOf, null);
  assert.equal(m.get('indep')!.copyOf, null);
  // The spun copy of the independent article belongs to the independent article, not to the other original.
  assert.equal(m.get('indep-spun')!.copyOf, 'indep');
  assert.equal(m.get('indep')!.kind, 'original');
  // Close on names, numbers and a shared quote, but far below the copy threshold.
  assert.ok(detectCopies([article('x', 'a', ORIGINAL), article('y', 'b', INDEPENDENT)])[1]!.similarity < 0.3);
});

test('a revision from the same source is an update, not a copy', () => {
  const revised = ORIGINAL + '\n\nUpdate: the authority has since published the inspection report.';
  const d = createCopyDetector();
  d.detect(article('v1', 'eastbury-post', ORIGINAL, { url: 'https://eastbury-post.example/bridge' }));
  const r = d.detect(article('v2', 'eastbury-post', revised, { url: 'https://eastbury-post.example/bridge' }));
  assert.equal(r.verdict.copyOf, null);
  assert.equal(r.verdict.kind, 'update');
  assert.equal(r.verdict.updateOf, 'v1');
  assert.deepEqual(r.reattributed, []);
  // A copy on another site later still goes to the group of the first version, not to the update.
  const c = d.detect(article('mirror', 'wire-mirror', ORIGINAL));
  assert.equal(c.verdict.copyOf, 'v1');
  assert.equal(d.verdict('v2')!.kind, 'update');
});

test('two copies from one content farm both point at the other source\'s original', () => {
  const vs = byId(
    detectCopies([
      article('orig', 'eastbury-post', ORIGINAL),
      article('farm1', 'content-farm', spinLight(ORIGINAL)),
      article('farm2', 'content-farm', spinHeavy(ORIGINAL)),
    ]),
  );
  assert.equal(vs.get('farm1')!.copyOf, 'orig');
  assert.equal(vs.get('farm2')!.copyOf, 'orig');
});

test('restore rebuilds the index from stored fingerprints so later copies are still found', () => {
  const first = createCopyDetector();
  const a = first.detect(article('orig', 'eastbury-post', ORIGINAL));
  const b = first.detect(article('lib', 'city-news', UNRELATED));
  const rows = [
    { id: 'orig', source: 'eastbury-post', url: 'u1', published: at(0), fingerprint: a.fingerprint, copyOf: null },
    { id: 'lib', source: 'city-news', url: 'u2', published: at(0), fingerprint: JSON.parse(JSON.stringify(b.fingerprint)), copyOf: null },
  ];
  const second = createCopyDetector(new InMemoryFingerprintStore());
  second.restore(rows);
  assert.equal(second.store.size, 2);
  const r = second.detect(article('copy', 'wire-mirror', HEADER + ORIGINAL + FOOTER));
  assert.equal(r.verdict.copyOf, 'orig');
  assert.equal(r.verdict.kind, 'boilerplate-wrapped');
});

test('detectCopies answers in input order and handles empty and unknown dates', () => {
  const vs = detectCopies([
    article('b', 'site-b', ORIGINAL, { published: null }),
    article('a', 'site-a', ORIGINAL, { published: at(0) }),
    article('e', 'site-e', '', { published: 'not a date' }),
    article('f', 'site-f', 'Read more', { published: at(1) }),
    article('g', 'site-g', 'Read more', { published: at(2) }),
  ]);
  assert.deepEqual(vs.map((v) => v.id), ['b', 'a', 'e', 'f', 'g']);
  assert.equal(vs[0]!.copyOf, 'a'); // the undated one is processed last and never wins on time
  assert.equal(vs[2]!.copyOf, null);
  assert.equal(vs[4]!.copyOf, null); // too short to call a copy, even verbatim
  assert.deepEqual(detectCopies([]), []);
});

test('the in-memory store answers candidates by key and stops using over-full buckets', () => {
  const store = new InMemoryFingerprintStore(3);
  const fp = computeFingerprint({ title: '', text: UNRELATED });
  const put = (id: string, keys: number[]) => store.put({ id, source: 's', url: '', published: 0, fingerprint: fp }, keys);
  put('a', [1, 2]);
  put('b', [2]);
  put('c', [2, 3]);
  assert.deepEqual([...store.candidates([2]).keys()].sort(), ['a', 'b', 'c']);
  assert.deepEqual(store.candidates([1, 2, 3]), new Map([['a', 2], ['b', 1], ['c', 2]]));
  put('d', [2]); // a fourth article in bucket 2: the key now says nothing and is dropped
  assert.deepEqual(store.candidates([2]).size, 0);
  assert.deepEqual([...store.candidates([1, 3]).keys()].sort(), ['a', 'c']);
  put('a', []); // replacing keeps the id once
  assert.equal(store.size, 4);
  assert.equal(store.get('a')!.id, 'a');
  assert.equal(store.get('zz'), undefined);
});

test('property: any text fingerprints without throwing, round-trips, and is a copy of itself', () => {
  fc.assert(
    fc.property(
      fc.oneof(fc.string({ maxLength: 400 }), fc.array(fc.constantFrom('the', 'of', 'Bridge', 'river', ',', '.', '12', '\n\n'), { maxLength: 120 }).map((w) => w.join(' '))),
      fc.string({ maxLength: 60 }),
      (text, title) => {
      const fp = computeFingerprint({ title, text });
      assert.deepEqual(deserializeFingerprint(JSON.parse(JSON.stringify(serializeFingerprint(fp)))), fp);
      const { repetition, ...rest } = unpackFingerprint(packFingerprint(fp));
      assert.deepEqual({ ...rest, repetition: fp.repetition }, fp);
      assert.ok(Math.abs(repetition - fp.repetition) < 1e-9);
      const [a, b] = detectCopies([
        { id: 'x', source: 's1', url: '', published: 1, title, text },
        { id: 'y', source: 's2', url: '', published: 2, title, text },
      ]);
      assert.equal(a!.copyOf, null);
      // Enough text to judge: the later verbatim copy points at the first; too little: never linked.
      assert.equal(b!.copyOf, fp.skeletonDistinct >= 8 ? 'x' : null);
      },
    ),
    { numRuns: 150 },
  );
});

test('a story copied many times keeps being found: near-identical copies do not fill the buckets', () => {
  const d = createCopyDetector(new InMemoryFingerprintStore(4), { maxTournament: 4 });
  d.detect(article('orig', 'eastbury-post', ORIGINAL, { published: at(0) }));
  for (let i = 0; i < 30; i++) {
    const chrome = `Site ${i} Home News Sport\n\nThe Paper number ${i}, read it daily\n\n`;
    const r = d.detect(article(`c${i}`, `mirror-${i}`, chrome + ORIGINAL, { published: at(1 + i) }));
    assert.equal(r.verdict.copyOf, 'orig', `copy ${i}`);
  }
});

test('a copy with its sentences reordered and a filler sentence inserted is still found', () => {
  // Shingles stop at sentence ends, so moving whole sentences breaks none of them.
  const reordered = paragraphs(ORIGINAL)
    .map((p) => {
      const ss = p.split(/(?<=[.!?])\s+/);
      return [...ss.slice(1), ss[0]!].join(' ');
    })
    .join('\n\n');
  const filler = 'This is a developing story and will be updated as more information becomes available.';
  const vs = byId(
    detectCopies([
      article('orig', 'eastbury-post', ORIGINAL),
      article('indep', 'valley-times', INDEPENDENT),
      article('shuffled', 'scrape-hub', `${filler}\n\n${reordered}`),
    ]),
  );
  assert.equal(vs.get('shuffled')!.copyOf, 'orig');
  assert.ok(vs.get('shuffled')!.similarity >= 0.9, `similarity ${vs.get('shuffled')!.similarity}`);
  assert.equal(vs.get('indep')!.copyOf, null);
});

test("a content farm's own copies do not make its synonyms look like ordinary usage", () => {
  // The farm has already re-posted spun copies of another article on the event (each recognised as a copy); its
  // next spin arrives BEFORE its original. The words only one side uses decide: independent writing (another
  // outlet's brief) uses the original's words, while the synonyms occur only in the farm's copies, which are
  // left out of the word counts.
  const brief =
    'Officials said the old railway bridge over the river partly collapsed overnight and the main line will stay ' +
    'closed for at least two weeks. Engineers inspected the structure last autumn and found corrosion on the piers, ' +
    'the regional authority said, adding that repairs had been scheduled. Local businesses that depend on the ' +
    'morning service said the closure would cost them dearly.';
  const vs = byId(
    detectCopies([
      article('brief', 'river-radio', brief, { published: at(0) }),
      article('indep', 'valley-times', INDEPENDENT, { published: at(0.5) }),
      ...[1, 2, 3].map((i) => article(`farm-indep-${i}`, `farm-${i}`, spinHeavy(INDEPENDENT), { published: at(0.5 + i / 10) })),
      article('heavy', 'farm-4', spinHeavy(ORIGINAL), { published: at(1), title: spinHeavy(TITLE) }),
      article('orig', 'eastbury-post', ORIGINAL, { published: at(2) }),
    ]),
  );
  assert.equal(vs.get('heavy')!.copyOf, 'orig');
  assert.equal(vs.get('orig')!.kind, 'original');
  assert.equal(vs.get('farm-indep-1')!.copyOf, 'indep');
  assert.equal(vs.get('brief')!.copyOf, null);
});
