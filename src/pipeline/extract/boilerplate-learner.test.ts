import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BoilerplateLearner, removeLearntBoilerplate } from './index.ts';

const SIGNUP = 'Sign up to read this article and get our newsletter every morning.';
const APP = 'Download the Gazette app for breaking news alerts.';
const QUOTE = '"We will not give up," the mayor said after the vote on Monday evening.';
const body = (i: number) => `Article ${i} has its own first paragraph about topic number ${i} in the city.`;

test('a segment on most pages of a host becomes boilerplate after minPages pages', () => {
  const l = new BoilerplateLearner();
  l.observe('https://www.gazette.example/a/1', [body(1), SIGNUP]);
  l.observe('https://gazette.example/a/2', [body(2), SIGNUP]);
  assert.equal(l.isBoilerplate('https://gazette.example/a/3', SIGNUP), false, 'two pages are not enough');
  l.observe('https://gazette.example/a/3', [body(3), SIGNUP]);
  assert.equal(l.isBoilerplate('https://gazette.example/a/4', SIGNUP), true);
  assert.equal(l.isBoilerplate('https://gazette.example/a/4', body(3)), false);
  // Per host: another site is unaffected.
  assert.equal(l.isBoilerplate('https://other.example/x', SIGNUP), false);
});

test('a paragraph quoted by two articles is kept; so is one quoted on a small share of pages', () => {
  const l = new BoilerplateLearner();
  for (let i = 0; i < 20; i++) l.observe(`https://gazette.example/a/${i}`, [body(i), SIGNUP, ...(i === 4 || i === 9 ? [QUOTE] : [])]);
  assert.equal(l.isBoilerplate('https://gazette.example/new', QUOTE), false);
  const l2 = new BoilerplateLearner();
  for (let i = 0; i < 20; i++) l2.observe(`https://gazette.example/a/${i}`, [body(i), ...(i % 7 === 0 ? [QUOTE] : [])]);
  assert.equal(l2.isBoilerplate('https://gazette.example/new', QUOTE), false, '3 of 20 pages is under the 30% share');
});

test('the same page observed twice counts once', () => {
  const l = new BoilerplateLearner();
  for (let i = 0; i < 5; i++) l.observe('https://gazette.example/a/1#top', [body(1), SIGNUP]);
  assert.equal(l.isBoilerplate('https://gazette.example/a/2', SIGNUP), false);
});

test('state survives a JSON round trip', () => {
  const l = new BoilerplateLearner({ minPages: 2 });
  l.observe('https://gazette.example/1', [body(1), APP]);
  l.observe('https://gazette.example/2', [body(2), APP]);
  const restored = BoilerplateLearner.fromJSON(JSON.parse(JSON.stringify(l)));
  assert.equal(restored.isBoilerplate('https://gazette.example/3', APP), true);
  restored.observe('https://gazette.example/2', [body(2), APP]); // already seen: no change
  assert.deepEqual(JSON.parse(JSON.stringify(restored)), JSON.parse(JSON.stringify(l)));
  assert.throws(() => BoilerplateLearner.fromJSON({ version: 2 }), TypeError);
});

test('removeLearntBoilerplate cleans text and HTML of an article online', () => {
  const l = new BoilerplateLearner();
  let last = { text: '', html: '', removed: 0 };
  for (let i = 0; i < 4; i++) {
    last = removeLearntBoilerplate(l, `https://gazette.example/a/${i}`, {
      text: `${body(i)}\n\n${SIGNUP}${i === 3 ? `\n\n${QUOTE}` : ''}`,
      html: `<p>${body(i)}</p><p>${SIGNUP}</p>${i === 3 ? `<p>${QUOTE}</p>` : ''}`,
    });
  }
  assert.equal(last.removed, 1);
  assert.equal(last.text, `${body(3)}\n\n${QUOTE}`);
  assert.ok(!last.html.includes('Sign up'));
  assert.ok(last.html.includes(body(3)));
  assert.ok(last.html.includes('the mayor said'));
});

test('segment count per host is capped', () => {
  const l = new BoilerplateLearner({ maxSegmentsPerHost: 50 });
  for (let i = 0; i < 40; i++) l.observe(`https://gazette.example/a/${i}`, [body(i), `${body(i)} again`, SIGNUP]);
  const st = l.toJSON();
  assert.ok(Object.keys(st.hosts['gazette.example']?.segments ?? {}).length <= 50);
  assert.equal(l.isBoilerplate('https://gazette.example/z', SIGNUP), true, 'frequent segments survive eviction');
});
