/**
 * `newsdesk demo` as a newcomer sees it: the real binary starts the local feed server and Newsdesk; within a minute
 * the reader lists 100+ sources and their real articles, in real Chromium. Screenshots go to $NEWSDESK_SCREENSHOTS
 * (default: a temp dir) to be looked at.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { accessibilityViolations, browserSkip, launchChromium } from './browser.ts';
import { freePort, startNewsdesk, tempDir, waitFor } from './helpers.ts';

const shots = process.env.NEWSDESK_SCREENSHOTS ?? tempDir('newsdesk-shots-');

test('the offline demo shows 100+ sources and their articles in the browser', { skip: browserSkip() }, async (t) => {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const demo = startNewsdesk(['demo', '--data-dir', join(tempDir(), 'demo')], { NEWSDESK_PORT: String(port) });
  try {
    const started = Date.now();
    await waitFor('100+ demo sources refreshed', 90_000, async () => {
      const html = await (await fetch(`${base}/sources`)).text();
      const ok = (html.match(/class="ok"/g) ?? []).length;
      return ok >= 100 ? ok : undefined;
    });
    const seconds = (Date.now() - started) / 1000;
    await waitFor('full text and analysis of every article', 120_000, async () => {
      const s = (await (await fetch(`${base}/api/v1/status`)).json()) as { articles: number; fullTextPending: number; analysisPending: number };
      return s.articles > 900 && s.fullTextPending === 0 && s.analysisPending === 0 ? true : undefined;
    });
    const ingestSeconds = (Date.now() - started) / 1000;
    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(`${base}/`);
      const items = page.locator('ol.items:not(.top) > li');
      assert.ok((await items.count()) >= 30, 'the home page lists articles');
      const first = items.first();
      assert.ok((await first.locator('h2 a').innerText()).length > 10, 'a real headline');
      assert.ok((await first.locator('.meta a').first().innerText()).length > 2, 'its source');
      assert.equal(await page.locator('main h1').innerText(), 'Latest news');
      await page.screenshot({ path: join(shots, 'demo-home.png') });

      // Top stories link to story pages with the original first, coverage and related stories.
      const topLinks = page.locator('ol.top h3 a');
      assert.ok((await topLinks.count()) >= 3, 'top stories are listed');
      const storyHrefs = await topLinks.evaluateAll((links) => links.map((a) => a.getAttribute('href')!));
      let withRelated = 0;
      for (const storyHref of storyHrefs) {
        assert.match(storyHref, /^\/stories\/[0-9A-Z]+$/);
        await page.goto(base + storyHref);
        assert.match((await page.locator('section.original h2').textContent()) ?? '', /^\s*First reported by /);
        assert.ok((await page.locator('ol.timeline > li').count()) >= 2, 'a timeline of independent articles');
        assert.match(await page.locator('ul.coverage').innerText(), /\d+ outlets/);
        if ((await page.locator('#related').count()) === 0) continue; // only stories with related news list any
        if (withRelated++ === 0) await page.screenshot({ path: join(shots, 'demo-story.png'), fullPage: true });
      }
      assert.ok(withRelated > 0, `related stories on some of the ${storyHrefs.length} top stories`);
      await page.goto(`${base}/`);

      await first.locator('h2 a').click();
      await page.waitForSelector('article.full');
      assert.ok((await page.locator('article.full p').count()) >= 2, 'article page shows the text');
      await page.screenshot({ path: join(shots, 'demo-article.png'), fullPage: false });

      // Copies are collapsed under their original: the list says so, the original names its copies.
      await page.goto(`${base}/`);
      const withCopies = page.locator('ol.items:not(.top) > li', { hasText: /\+\d+ cop(y|ies)/ });
      for (let pages = 0; (await withCopies.count()) === 0 && pages < 25; pages++) {
        const older = page.locator('a[rel="next"]');
        if ((await older.count()) === 0) break;
        await older.click();
        await page.waitForLoadState();
      }
      assert.ok((await withCopies.count()) >= 1, 'an original lists its collapsed copies');
      await withCopies.first().scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(shots, 'demo-copies.png') });
      await withCopies.first().locator('h2 a').click();
      await page.waitForSelector('#also');
      assert.ok((await page.locator('section[aria-labelledby="also"] li').count()) >= 1, 'also published by …');

      // Every listed article reads without the demo sites' chrome (teasers got their full text, chrome removed).
      const homeHtml = await (await fetch(`${base}/`)).text();
      const hrefs = [...homeHtml.matchAll(/href="(\/articles\/[0-9A-Z]+)"/g)].map((m) => m[1]!);
      assert.ok(hrefs.length >= 30);
      for (const href of hrefs) {
        const html = await (await fetch(base + href)).text();
        assert.doesNotMatch(html, /Sign up to read this article|Download our app|Subscribe to our newsletter/i, href);
      }

      await page.goto(`${base}/sources`);
      const rows = await page.locator('table.sources tbody tr').count();
      assert.ok(rows >= 100, `${rows} sources listed`);
      assert.ok((await page.locator('table.sources .err').count()) >= 1, 'the demo’s failing feeds show their errors');
      await page.screenshot({ path: join(shots, 'demo-sources.png') });
      assert.deepEqual(errors, [], 'no script errors');
      // Accessibility: one main landmark, a language, labelled search, and no WCAG 2.1 A/AA violation axe-core
      // finds on any kind of page.
      await page.goto(`${base}/`);
      assert.equal(await page.locator('main').count(), 1);
      assert.equal(await page.getAttribute('html', 'lang'), 'en');
      assert.equal(await page.locator('label[for="q"]').count(), 1);
      const sourceHref = await page.locator('ol.items:not(.top) .meta a').first().getAttribute('href');
      const violations: string[] = [];
      for (const path of ['/', storyHrefs[0]!, hrefs[0]!, '/sources', '/search?q=police', sourceHref!, '/no-such-page']) {
        await page.goto(base + path);
        for (const v of await accessibilityViolations(page)) violations.push(`${path}: ${v}`);
      }
      assert.deepEqual(violations, [], 'axe-core WCAG 2.1 A/AA');
    } finally {
      await browser.close();
    }
    t.diagnostic(`100 sources refreshed after ${seconds.toFixed(1)} s, all analyzed after ${ingestSeconds.toFixed(1)} s; screenshots in ${shots}`);
  } finally {
    assert.equal(await demo.stop(), 0, demo.output().slice(-2000));
  }
});

test('demo --keep goes on with the kept data and feed port: no source is added twice, moved feeds included', async () => {
  const dataDir = join(tempDir(), 'demo');
  const run = async (args: string[], then?: (base: string) => Promise<unknown>): Promise<string> => {
    const port = await freePort();
    const demo = startNewsdesk(['demo', '--data-dir', dataDir, ...args], { NEWSDESK_PORT: String(port) });
    try {
      const added = await waitFor('demo sources added', 60_000, async () => demo.output().match(/\d+ demo sources added/)?.[0]);
      await then?.(`http://127.0.0.1:${port}`);
      return added;
    } finally {
      assert.equal(await demo.stop(), 0, demo.output().slice(-2000));
    }
  };
  const first = await run([], (base) =>
    // Every feed fetched once, so the demo's moved feed (301) has its new URL stored.
    waitFor('demo feeds fetched', 90_000, async () => ((await (await fetch(`${base}/sources`)).text()).includes('>pending<') ? undefined : true)),
  );
  assert.match(first, /^1\d\d demo sources added$/);
  const serving = (base: string) => waitFor('serving', 30_000, async () => ((await fetch(`${base}/healthz`).catch(() => null))?.ok ? true : undefined));
  assert.equal(await run(['--keep'], serving), '0 demo sources added');
});

test('a SIGTERM during start-up still ends in a clean shutdown (exit 0), not a kill', async () => {
  const demo = startNewsdesk(['demo', '--data-dir', join(tempDir(), 'demo')], { NEWSDESK_PORT: String(await freePort()) });
  // The feed server is up; the database is not migrated yet.
  await waitFor('the demo starting', 60_000, async () => (/\d+ articles at http/.test(demo.output()) ? true : undefined));
  assert.equal(await demo.stop(), 0, demo.output().slice(-2000));
  assert.match(demo.output(), /SIGTERM, shutting down/);
});
