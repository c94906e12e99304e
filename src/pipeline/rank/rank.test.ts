import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rankTopStories, summarizeCoverage, type CoverageArticle } from './index.ts';

const NOW = '2025-03-01T12:00:00Z';
const at = (hoursAgo: number): string => new Date(Date.parse(NOW) - hoursAgo * 3_600_000).toISOString();

function art(id: string, storyId: string, source: string, hoursAgo: number | null, extra: Partial<CoverageArticle> = {}): CoverageArticle {
  return { id, storyId, source, date: hoursAgo === null ? null : at(hoursAgo), lang: 'en', ...extra };
}

test('ranking formula: freshness · (ln(1+outlets) + 0.5 ln(1+countries) + 0.25 ln(1+owners) + 0.5 ln(1+velocity))', () => {
  const articles = [
    art('a1', 'A', 'bbc', 1, { country: 'GB', owner: 'bbc' }),
    art('a2', 'A', 'lemonde', 13, { country: 'FR', owner: 'lemonde' }),
  ];
  const [a] = rankTopStories(articles, { now: NOW });
  assert.ok(a);
  // Newest independent article 1 h old, half-life 12 h; velocity counts the 1 article of the last 6 h.
  const expected = Math.pow(2, -1 / 12) * (Math.log(3) + 0.5 * Math.log(3) + 0.25 * Math.log(3) + 0.5 * Math.log(2));
  assert.ok(Math.abs(a.score - expected) < 1e-12, `${a.score} vs ${expected}`);
  assert.deepEqual([a.outlets, a.countries, a.owners, a.velocity], [2, 2, 2, 1]);
});

test('copies count once: a syndicated story does not beat independent coverage', () => {
  const wire = [art('w0', 'W', 'ap', 2, { country: 'US' })];
  for (let i = 1; i <= 30; i++) wire.push(art(`w${i}`, 'W', `paper${i}`, 2, { country: 'US', copyOf: 'w0' }));
  const independent = ['reuters', 'bbc', 'dw'].map((s, i) => art(`i${i}`, 'I', s, 2, { country: ['US', 'GB', 'DE'][i] }));
  const ranked = rankTopStories([...wire, ...independent], { now: NOW });
  assert.deepEqual(ranked.map((r) => r.storyId), ['I', 'W']);
  assert.equal(ranked[1]!.outlets, 1);
  assert.equal(ranked[1]!.articles, 31);
});

test('freshness: an old story with the same coverage ranks below a fresh one; editions filter by language/country', () => {
  const articles = [
    art('o1', 'OLD', 'bbc', 30), art('o2', 'OLD', 'cnn', 30),
    art('n1', 'NEW', 'bbc', 1), art('n2', 'NEW', 'cnn', 1),
    art('f1', 'FR', 'lemonde', 1, { lang: 'fr', country: 'FR' }), art('f2', 'FR', 'liberation', 1, { lang: 'fr-FR', country: 'FR' }),
  ];
  assert.deepEqual(rankTopStories(articles, { now: NOW, edition: { lang: 'en' } }).map((r) => r.storyId), ['NEW', 'OLD']);
  assert.deepEqual(rankTopStories(articles, { now: NOW, edition: { lang: 'fr' } }).map((r) => r.storyId), ['FR']);
  assert.deepEqual(rankTopStories(articles, { now: NOW, edition: { country: 'fr' } }).map((r) => r.storyId), ['FR']);
  assert.equal(rankTopStories(articles, { now: NOW, limit: 1 }).length, 1);
  assert.throws(() => rankTopStories(articles, { now: 'not a date' }), RangeError);
});

test('coverage: original first, outlets, countries, timeline with copies collapsed', () => {
  const articles = [
    art('c2', 'S', 'paper', 3, { country: 'US', copyOf: 'o1', title: 'copy' }),
    art('o2', 'S', 'bbc', 4, { country: 'GB', title: 'second' }),
    art('o1', 'S', 'ap', 5, { country: 'US', title: 'first' }),
    art('c3', 'S', 'blog', 1, { copyOf: 'c2' }),
    art('u1', 'S', 'undated', null),
    art('x', 'OTHER', 'ap', 5),
  ];
  const c = summarizeCoverage(articles, 'S');
  assert.equal(c.original?.id, 'o1');
  assert.equal(c.firstReported, at(5));
  assert.deepEqual(c.timeline.map((e) => [e.articleId, e.copies, e.newOutlet]), [
    ['o1', ['c2', 'c3'], true],
    ['o2', [], true],
    ['u1', [], true],
  ]);
  assert.deepEqual(c.countries, [{ country: 'US', outlets: 2 }, { country: 'GB', outlets: 1 }]);
  assert.deepEqual(c.outlets.map((o) => [o.source, o.articles, o.copies]), [['ap', 1, 0], ['bbc', 1, 0], ['paper', 0, 1], ['blog', 0, 1], ['undated', 1, 0]]);
  assert.equal(c.articles, 5);
  assert.equal(c.copies, 2);
  assert.equal(summarizeCoverage([], 'none').original, null);
});
