/**
 * The storage contract: one behavioural suite that every engine runs (after hono's common router suite).
 * `runStorageContract('sqlite')` and `runStorageContract('postgres')` are called from the *.test.ts files.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { migrateToLatest } from './migrate.ts';
import { createRepos, type Repos } from './index.ts';
import type { ArticleInput } from './repos/articles.repo.ts';
import { openTestDatabase, postgresUnavailable, type TestDatabase } from './testing.ts';
import type { DialectName } from './database.ts';

function entry(key: string, overrides: Partial<ArticleInput> = {}): ArticleInput {
  return {
    guid: key,
    entryKey: key,
    url: `https://news.example/${key}`,
    canonicalUrl: `https://news.example/${key}`,
    title: `Title ${key}`,
    author: null,
    publishedAt: 1_700_000_000_000,
    updatedAt: null,
    summary: null,
    contentHtml: `<p>Body ${key}</p>`,
    text: `Body ${key}`,
    language: 'en',
    contentHash: `hash-${key}`,
    imageUrl: null,
    fullTextStatus: 'feed',
    ...overrides,
  };
}

export function runStorageContract(engine: DialectName): void {
  describe(`storage contract (${engine})`, async () => {
    const skip = engine === 'postgres' ? await postgresUnavailable() : null;
    let t: TestDatabase;
    let repos: Repos;

    before(async () => {
      if (skip) return;
      t = await openTestDatabase(engine);
      repos = createRepos(t.database);
    });
    after(async () => {
      if (!skip) await t.cleanup();
    });

    test('migrations run from empty and are idempotent', { skip: skip ?? false }, async () => {
      const fresh = await openTestDatabase(engine, { migrate: false });
      try {
        const applied = await migrateToLatest(fresh.database.db);
        assert.ok(applied.includes('0001-initial'));
        assert.deepEqual(await migrateToLatest(fresh.database.db), []);
      } finally {
        await fresh.cleanup();
      }
    });

    test('a feed is stored once per URL and removal cascades to its articles', { skip: skip ?? false }, async () => {
      const a = await repos.feeds.add({ feedUrl: 'https://a.example/feed', title: 'A', country: 'gb', premium: true });
      assert.equal(a.created, true);
      assert.equal(a.feed.country, 'GB');
      assert.equal(a.feed.premium, 1);
      const again = await repos.feeds.add({ feedUrl: 'https://a.example/feed', title: 'Other' });
      assert.equal(again.created, false);
      assert.equal(again.feed.id, a.feed.id);
      await repos.articles.upsertEntries(a.feed.id, [entry('x1')]);
      assert.equal(await repos.articles.count(a.feed.id), 1);
      assert.equal(await repos.feeds.remove(a.feed.id), true);
      assert.equal(await repos.articles.count(a.feed.id), 0);
      assert.equal(await repos.feeds.get(a.feed.id), undefined);
    });

    test('due feeds are claimed once, oldest first, with a per-host cap', { skip: skip ?? false }, async () => {
      const ids: string[] = [];
      for (let i = 0; i < 3; i++) ids.push((await repos.feeds.add({ feedUrl: `https://same.example/f${i}` })).feed.id);
      const other = (await repos.feeds.add({ feedUrl: 'https://other.example/f' })).feed.id;
      const now = Date.now();
      const first = await repos.feeds.claimDue(now, 10, 2, now + 60_000);
      const claimed = first.map((f) => f.id);
      assert.equal(claimed.filter((id) => ids.includes(id)).length, 2, 'per-host cap');
      assert.ok(claimed.includes(other));
      const second = await repos.feeds.claimDue(now, 10, 2, now + 60_000);
      assert.deepEqual(second.map((f) => f.id), [ids.find((id) => !claimed.includes(id))], 'no feed claimed twice');
      for (const id of [...ids, other]) await repos.feeds.remove(id);
    });

    test('success and failure are written on the feed row; moved and gone feeds', { skip: skip ?? false }, async () => {
      const { feed } = await repos.feeds.add({ feedUrl: 'https://s.example/rss' });
      await repos.feeds.recordFailure(feed.id, { kind: 'timeout', message: 'timed out after 20000 ms', nextCheckAt: 123 });
      await repos.feeds.recordFailure(feed.id, { kind: 'http', message: 'HTTP 500', nextCheckAt: 456 });
      let row = (await repos.feeds.get(feed.id))!;
      assert.equal(row.error_count, 2);
      assert.equal(row.last_error_kind, 'http');
      assert.equal(row.next_check_at, 456);
      await repos.feeds.recordSuccess(feed.id, { etag: '"e1"', lastModified: null, nextCheckAt: 789, title: 'From feed', entriesPerDay: 12 });
      row = (await repos.feeds.get(feed.id))!;
      assert.equal(row.error_count, 0);
      assert.equal(row.last_error, null);
      assert.equal(row.etag, '"e1"');
      assert.equal(row.title, 'From feed', 'feed title fills a URL-only title');
      assert.equal(row.entries_per_day, 12);
      assert.equal(await repos.feeds.updateUrl(feed.id, 'https://s.example/new'), true);
      assert.equal((await repos.feeds.get(feed.id))!.feed_url, 'https://s.example/new');
      // The old URL still finds the moved feed: adding it again subscribes to nothing new.
      assert.deepEqual(await repos.feeds.add({ feedUrl: 'https://s.example/rss' }), { feed: (await repos.feeds.get(feed.id))!, created: false });
      const other = (await repos.feeds.add({ feedUrl: 'https://s.example/other' })).feed;
      assert.equal(await repos.feeds.updateUrl(other.id, 'https://s.example/rss'), false, 'another feed had that URL');
      assert.equal(await repos.feeds.updateUrl(feed.id, 'https://s.example/rss'), true, 'a move back is fine');
      assert.equal((await repos.feeds.getByUrl('https://s.example/new'))!.id, feed.id);
      await repos.feeds.remove(other.id);
      await repos.feeds.recordFailure(feed.id, { kind: 'gone', message: 'HTTP 410 Gone', nextCheckAt: 0, disable: true });
      assert.equal((await repos.feeds.get(feed.id))!.disabled, 1);
      assert.equal((await repos.feeds.claimDue(Date.now(), 100, 10, Date.now())).some((f) => f.id === feed.id), false);
      await repos.feeds.remove(feed.id);
    });

    test('entries are stored once per (feed, key); a changed entry updates in place', { skip: skip ?? false }, async () => {
      const { feed } = await repos.feeds.add({ feedUrl: 'https://e.example/rss', title: 'E' });
      const first = await repos.articles.upsertEntries(feed.id, [entry('1'), entry('2'), entry('2')]);
      assert.deepEqual(first.map((r) => r.status), ['inserted', 'inserted', 'unchanged']);
      const again = await repos.articles.upsertEntries(feed.id, [entry('1'), entry('2', { contentHash: 'new', text: 'Body changed' })]);
      assert.deepEqual(again.map((r) => r.status), ['unchanged', 'updated']);
      assert.equal(again[1]!.id, first[1]!.id);
      assert.equal(await repos.articles.count(feed.id), 2);
      assert.equal((await repos.articles.get(first[1]!.id))!.text, 'Body changed');
      // A feed that churns GUIDs: a new key with a known URL is the same article.
      const churned = await repos.articles.upsertEntries(feed.id, [entry('1-new-guid', { url: 'https://news.example/1', canonicalUrl: 'https://news.example/1' })]);
      assert.equal(churned[0]!.id, first[0]!.id);
      assert.equal(churned[0]!.status, 'updated');
      await repos.articles.upsertEntries(feed.id, [entry('1-newer-guid', { canonicalUrl: 'https://news.example/1', contentHash: 'x' })]);
      assert.equal(await repos.articles.count(feed.id), 2, 'no new rows for churned GUIDs');
      // The same key in another feed is another article.
      const other = await repos.feeds.add({ feedUrl: 'https://e2.example/rss' });
      assert.equal((await repos.articles.upsertEntries(other.feed.id, [entry('1')]))[0]!.status, 'inserted');
      await repos.feeds.remove(feed.id);
      await repos.feeds.remove(other.feed.id);
    });

    test('listing is newest first, keyset-paginated, and collapses copies', { skip: skip ?? false }, async () => {
      const { feed } = await repos.feeds.add({ feedUrl: 'https://l.example/rss', title: 'L' });
      const base = 1_700_000_000_000;
      const rows = await repos.articles.upsertEntries(
        feed.id,
        [0, 1, 2, 3, 4].map((i) => entry(`l${i}`, { publishedAt: base + i * 1000 })),
        base + 10_000,
      );
      await repos.articles.setCopy(rows[3]!.id, rows[0]!.id, 'syndicated', 0.98);
      await repos.articles.setCopy(rows[4]!.id, rows[0]!.id, 'spun', 0.8);
      assert.deepEqual((await repos.articles.countByFeed()).get(feed.id), { articles: 5, copies: 2, spun: 1 });
      await repos.articles.setCopy(rows[4]!.id, null, null, null);
      const page1 = await repos.articles.list({ limit: 2, feedId: feed.id });
      assert.deepEqual(page1.map((a) => a.title), ['Title l4', 'Title l2']);
      const last = page1[1]!;
      const page2 = await repos.articles.list({ limit: 10, feedId: feed.id, before: { sortAt: last.sort_at, id: last.id } });
      assert.deepEqual(page2.map((a) => a.title), ['Title l1', 'Title l0']);
      assert.equal(page2[1]!.copies, 1);
      const all = await repos.articles.list({ limit: 10, feedId: feed.id, collapseCopies: false });
      assert.equal(all.length, 5);
      assert.deepEqual((await repos.articles.copiesOf(rows[0]!.id)).map((c) => c.id), [rows[3]!.id]);
      // A date in the future sorts at fetch time.
      const future = await repos.articles.upsertEntries(feed.id, [entry('future', { publishedAt: base + 10 ** 9 })], base + 20_000);
      assert.equal((await repos.articles.get(future[0]!.id))!.sort_at, base + 20_000);
      await repos.feeds.remove(feed.id);
    });

    test('full-text search finds words in title and text, Unicode included', { skip: skip ?? false }, async () => {
      const { feed } = await repos.feeds.add({ feedUrl: 'https://q.example/rss', title: 'Q' });
      await repos.articles.upsertEntries(feed.id, [
        entry('q1', { title: 'Earthquake shakes Kathmandu', text: 'A strong earthquake struck Nepal on Saturday.' }),
        entry('q2', { title: 'Élections municipales', text: 'Les électeurs de Zürich votent dimanche.' }),
        entry('q3', { title: 'Markets', text: 'Stocks rose.' }),
      ]);
      assert.deepEqual((await repos.articles.search('earthquake nepal')).map((a) => a.title), ['Earthquake shakes Kathmandu']);
      assert.deepEqual((await repos.articles.search('Zürich')).map((a) => a.title), ['Élections municipales']);
      assert.deepEqual(await repos.articles.search('"; DROP TABLE articles; --'), []);
      assert.deepEqual(await repos.articles.search('   '), []);
      await repos.articles.upsertEntries(feed.id, [entry('q3', { text: 'Stocks rose in Kathmandu.', contentHash: 'h2' })]);
      assert.equal((await repos.articles.search('kathmandu')).length, 2, 'index follows updates');
      await repos.feeds.remove(feed.id);
      assert.deepEqual(await repos.articles.search('kathmandu'), [], 'index follows deletes');
    });

    test('stories: attach, counters, merge with redirect, recent, articles with outlets', { skip: skip ?? false }, async () => {
      const { feed } = await repos.feeds.add({ feedUrl: 'https://st.example/rss', title: 'ST', country: 'de' });
      const base = 1_700_000_000_000;
      const rows = await repos.articles.upsertEntries(feed.id, [0, 1, 2].map((i) => entry(`s${i}`, { publishedAt: base + i * 1000 })), base + 10_000);
      await repos.stories.create({ id: 'story-a', title: 'A', language: 'en', publishedAt: base });
      await repos.stories.create({ id: 'story-b', title: 'B', language: 'en', publishedAt: base });
      await repos.stories.attach('story-a', rows[0]!.id);
      await repos.stories.attach('story-a', rows[1]!.id);
      await repos.stories.attach('story-b', rows[2]!.id);
      let a = (await repos.stories.resolve('story-a'))!;
      assert.equal(a.story.article_count, 2);
      assert.equal(a.story.first_published_at, base);
      assert.equal(a.story.last_published_at, base + 1000);
      assert.equal(a.story.title, 'Title s0', 'named by its lead (first-published) article');
      // A copy that arrived first does not name the story once it is known to be a copy: the original does.
      await repos.articles.setCopy(rows[0]!.id, rows[1]!.id, 'spun', 0.8);
      await repos.stories.refreshCounters('story-a');
      assert.equal((await repos.stories.resolve('story-a'))!.story.title, 'Title s1');
      await repos.articles.setCopy(rows[0]!.id, null, null, null);
      assert.deepEqual((await repos.stories.recent(base + 500, 10)).map((s) => s.id).sort(), ['story-a', 'story-b']);
      await repos.stories.merge('story-b', 'story-a');
      const redirected = (await repos.stories.resolve('story-b'))!;
      assert.equal(redirected.redirected, true);
      assert.equal(redirected.story.id, 'story-a');
      a = (await repos.stories.resolve('story-a'))!;
      assert.equal(a.story.article_count, 3);
      const articles = await repos.stories.articlesOf(['story-a']);
      assert.deepEqual(articles.map((x) => x.title), ['Title s0', 'Title s1', 'Title s2']);
      assert.equal(articles[0]!.feed_country, 'DE');
      assert.deepEqual((await repos.stories.recent(0, 10)).map((s) => s.id), ['story-a'], 'merged stories are not listed');
      await repos.stories.setStoryline('story-a', { id: 'line-1', title: 'Line' });
      assert.equal(await repos.engineState.load('x'), undefined);
      await repos.engineState.save('x', '{"a":1}');
      await repos.engineState.save('x', '{"a":2}');
      assert.equal(await repos.engineState.load('x'), '{"a":2}');
      assert.deepEqual((await repos.stories.inStoryline('line-1')).map((s) => s.id), ['story-a']);
      await repos.feeds.remove(feed.id);
    });

    test('stories: related stories replace per story, read both ways and through merges', { skip: skip ?? false }, async () => {
      const { feed } = await repos.feeds.add({ feedUrl: 'https://rel.example/rss', title: 'REL' });
      const rows = await repos.articles.upsertEntries(feed.id, ['r0', 'r1', 'r2', 'r3'].map((k) => entry(k)));
      for (const [i, row] of rows.entries()) {
        await repos.stories.create({ id: `rel-${i}`, title: `R${i}`, language: 'en', publishedAt: 1 });
        await repos.stories.attach(`rel-${i}`, row.id);
      }
      await repos.stories.setRelated('rel-0', [
        { storyId: 'rel-1', similarity: 0.2, sameStoryline: false },
        { storyId: 'rel-0', similarity: 1, sameStoryline: true }, // itself: skipped
        { storyId: 'gone', similarity: 0.9, sameStoryline: false }, // not stored: skipped
        { storyId: 'rel-2', similarity: 0.1, sameStoryline: true },
      ]);
      const ids = async (id: string) => (await repos.stories.related(id, 5)).map((r) => r.story.id);
      assert.deepEqual(await ids('rel-0'), ['rel-2', 'rel-1'], 'same storyline first, then similarity');
      assert.deepEqual(await ids('rel-1'), ['rel-0'], 'read both ways');
      await repos.stories.setRelated('rel-0', [{ storyId: 'rel-3', similarity: 0.5, sameStoryline: false }]);
      assert.deepEqual(await ids('rel-0'), ['rel-3'], 'a new list replaces the old one');
      await repos.stories.merge('rel-3', 'rel-1');
      assert.deepEqual(await ids('rel-0'), ['rel-1'], 'a merged story is followed to the one it went into');
      await repos.stories.merge('rel-1', 'rel-0');
      assert.deepEqual(await ids('rel-0'), [], 'a story is never related to itself, even through merges');
      await repos.feeds.remove(feed.id);
    });

    test('leases: one holder at a time, renewed by it, taken over after the TTL, released', { skip: skip ?? false }, async () => {
      const es = repos.engineState;
      const t0 = 1_000_000;
      assert.equal(await es.tryLease('x', 'A', 1000, t0), true);
      assert.equal(await es.tryLease('x', 'B', 1000, t0 + 500), false);
      assert.equal(await es.tryLease('x', 'A', 1000, t0 + 900), true, 'renewed');
      assert.equal(await es.tryLease('x', 'B', 1000, t0 + 1800), false, 'the renewal counts from t0 + 900');
      assert.equal(await es.tryLease('x', 'B', 1000, t0 + 2000), true, 'taken over after the TTL');
      assert.equal(await es.tryLease('x', 'A', 1000, t0 + 2100), false);
      await es.releaseLease('x', 'A');
      assert.equal(await es.tryLease('x', 'A', 1000, t0 + 2200), false, 'only the holder can release');
      await es.releaseLease('x', 'B');
      assert.equal(await es.tryLease('x', 'A', 1000, t0 + 2300), true);
      const racers = await Promise.all(['r1', 'r2', 'r3', 'r4', 'r5'].map((h) => es.tryLease('race', h, 60_000, t0)));
      assert.equal(racers.filter(Boolean).length, 1, 'racing for a free lease, exactly one wins');
    });

    test('analysis queue: pending articles oldest first, analysis stored, fingerprints listed', { skip: skip ?? false }, async () => {
      const { feed } = await repos.feeds.add({ feedUrl: 'https://an.example/rss', title: 'AN', siteUrl: 'https://an.example/' });
      const base = 1_600_000_000_000;
      const rows = await repos.articles.upsertEntries(
        feed.id,
        [entry('p1', { publishedAt: base + 2000 }), entry('p0', { publishedAt: base }), entry('p2', { publishedAt: base + 3000, fullTextStatus: 'pending' })],
        base + 10_000,
      );
      const pending = (await repos.articles.pendingAnalysis(10)).filter((p) => p.feed_id === feed.id);
      assert.deepEqual(pending.map((p) => p.title), ['Title p0', 'Title p1'], 'oldest first; full text pending waits');
      assert.equal(pending[0]!.feed_site_url, 'https://an.example/');
      await repos.articles.setAnalysis(rows[1]!.id, { fingerprint: '{"v":1}', copyOf: null, kind: null, similarity: 0, updateOf: null });
      await repos.articles.setAnalysis(rows[0]!.id, { fingerprint: '{"v":1}', copyOf: rows[1]!.id, kind: 'syndicated', similarity: 0.97, updateOf: null });
      assert.equal((await repos.articles.pendingAnalysis(10)).filter((p) => p.feed_id === feed.id).length, 0);
      const analyzed = (await repos.articles.analyzedSince(base - 1)).filter((a) => a.feed_id === feed.id);
      assert.deepEqual(analyzed.map((a) => [a.title, a.copy_of === rows[1]!.id, a.copy_kind]), [
        ['Title p0', false, null],
        ['Title p1', true, 'syndicated'],
      ]);
      await repos.feeds.remove(feed.id);
    });

    test('users, sessions, follows and read/saved state', { skip: skip ?? false }, async () => {
      const now = Date.now();
      const user = await repos.users.create({ email: 'Ada@Example.org', passwordHash: 'x' });
      assert.equal((await repos.users.getByEmail('ada@example.org'))!.id, user.id);
      await assert.rejects(repos.users.create({ email: 'ada@example.org', passwordHash: 'y' }));
      await repos.users.createSession({ id: 's1', userId: user.id, csrfToken: 'c', expiresAt: now + 1000 });
      await repos.users.createSession({ id: 's0', userId: user.id, csrfToken: 'c', expiresAt: now - 1 });
      assert.equal((await repos.users.getSession('s1', now))!.user_id, user.id);
      assert.equal(await repos.users.getSession('s0', now), undefined);
      assert.equal(await repos.users.deleteExpiredSessions(now), 1);
      const { feed } = await repos.feeds.add({ feedUrl: 'https://u.example/rss' });
      await repos.users.follow(user.id, feed.id);
      await repos.users.follow(user.id, feed.id);
      assert.deepEqual(await repos.users.followedFeedIds(user.id), [feed.id]);
      const [a] = await repos.articles.upsertEntries(feed.id, [entry('u1')]);
      await repos.users.setRead(user.id, [a!.id], now);
      await repos.users.setSaved(user.id, a!.id, now);
      assert.deepEqual((await repos.users.articleState(user.id, [a!.id])).get(a!.id), { read: true, saved: true });
      await repos.users.setRead(user.id, [a!.id], null);
      assert.deepEqual((await repos.users.articleState(user.id, [a!.id])).get(a!.id), { read: false, saved: true });
      // Copies are one story: reading a copy marks its original and the other copies read, and a copy that
      // arrives later is read already; marking unread clears the whole group.
      const [orig, copy1, copy2, other] = await repos.articles.upsertEntries(feed.id, ['o', 'c1', 'c2', 'x'].map((k) => entry(k)));
      await repos.articles.setCopy(copy1!.id, orig!.id, 'syndicated', 0.99);
      await repos.users.setRead(user.id, [copy1!.id], now);
      await repos.articles.setCopy(copy2!.id, orig!.id, 'spun', 0.7);
      const state = await repos.users.articleState(user.id, [orig!.id, copy1!.id, copy2!.id, other!.id]);
      assert.deepEqual([orig, copy1, copy2, other].map((r) => state.get(r!.id)!.read), [true, true, true, false]);
      await repos.users.setRead(user.id, [orig!.id], null);
      const after = await repos.users.articleState(user.id, [orig!.id, copy1!.id, copy2!.id]);
      assert.deepEqual([...after.values()].map((v) => v.read), [false, false, false]);
      await repos.users.unfollow(user.id, feed.id);
      assert.deepEqual(await repos.users.followedFeedIds(user.id), []);
      await repos.feeds.remove(feed.id);
    });
  });
}
