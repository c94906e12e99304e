/** Reader routes: HTML pages over the repositories. Read-only for now; object ids come from the URL and are checked. */
import { Hono, type Context } from 'hono';
import type { Repos } from '../../storage/index.ts';
import { readerCss } from './layout.tsx';
import { createTopStoriesCache, storyView } from '../../services/stories.service.ts';
import { ArticlePage, HomePage, NotFoundPage, SearchPage, SourcePage, SourcesPage, StoryPage } from './pages.tsx';

const PAGE_SIZE = 40;

/** Cursor "<sortAt>.<id>" as used in ?before=; null when absent or malformed. */
function parseCursor(v: string | undefined): { sortAt: number; id: string } | null {
  const m = v?.match(/^(\d{1,16})\.([0-9A-Za-z]{1,64})$/);
  return m ? { sortAt: Number(m[1]), id: m[2]! } : null;
}

function nextHref(path: string, items: Array<{ sort_at: number; id: string }>): string | null {
  const last = items[items.length - 1];
  return items.length === PAGE_SIZE && last ? `${path}?before=${last.sort_at}.${last.id}` : null;
}

/** The reader's 404 page for a path no route serves (used by the app's notFound handler). */
export function notFoundPage(c: Context): Response | Promise<Response> {
  return c.html(<NotFoundPage what="There is no such page." />, 404);
}

export function readerRoutes(repos: Repos, options: { now?: (() => number) | undefined; topStoriesTtlMs?: number | undefined } = {}): Hono {
  const app = new Hono();
  const now = options.now ?? Date.now;
  const topStories = createTopStoriesCache(repos, options.topStoriesTtlMs);

  app.get('/assets/reader.css', (c) => {
    c.header('Cache-Control', 'public, max-age=3600');
    return c.body(readerCss, 200, { 'Content-Type': 'text/css; charset=utf-8' });
  });

  app.get('/', async (c) => {
    const before = parseCursor(c.req.query('before'));
    const items = await repos.articles.list({ limit: PAGE_SIZE, ...(before ? { before } : {}) });
    // An edition (?lang=en&country=GB) ranks the same for everyone reading it; the default edition is everything.
    const lang = c.req.query('lang')?.match(/^[a-z]{2,3}$/i)?.[0];
    const country = c.req.query('country')?.match(/^[a-z]{2}$/i)?.[0];
    const edition = lang || country ? { ...(lang ? { lang } : {}), ...(country ? { country } : {}) } : undefined;
    const top = before ? [] : await topStories({ now: now(), limit: 8, ...(edition ? { edition } : {}) });
    let feedCount = 0;
    let failingFeeds = 0;
    if (items.length === 0) {
      const feeds = await repos.feeds.list();
      feedCount = feeds.length;
      failingFeeds = feeds.filter((f) => f.last_error).length;
    }
    return c.html(<HomePage top={top} items={items} now={now()} nextHref={nextHref('/', items)} feedCount={feedCount} failingFeeds={failingFeeds} />);
  });

  app.get('/sources', async (c) => {
    const [feeds, counts] = await Promise.all([repos.feeds.list(), repos.articles.countByFeed()]);
    return c.html(<SourcesPage feeds={feeds} counts={counts} now={now()} />);
  });

  app.get('/sources/:id', async (c) => {
    const feed = await repos.feeds.get(c.req.param('id'));
    if (!feed) return c.html(<NotFoundPage what="There is no such source." />, 404);
    const before = parseCursor(c.req.query('before'));
    const items = await repos.articles.list({ limit: PAGE_SIZE, feedId: feed.id, collapseCopies: false, ...(before ? { before } : {}) });
    return c.html(<SourcePage feed={feed} items={items} now={now()} nextHref={nextHref(`/sources/${feed.id}`, items)} />);
  });

  app.get('/articles/:id', async (c) => {
    const article = await repos.articles.get(c.req.param('id'));
    if (!article) return c.html(<NotFoundPage what="There is no such article." />, 404);
    const [copies, original] = await Promise.all([
      repos.articles.copiesOf(article.id),
      article.copy_of ? repos.articles.get(article.copy_of) : Promise.resolve(undefined),
    ]);
    return c.html(
      <ArticlePage
        article={article}
        now={now()}
        copies={copies}
        original={original ? { id: original.id, title: original.title, feed_title: original.feed_title } : null}
        storyId={article.story_id}
      />,
    );
  });

  app.get('/stories/:id', async (c) => {
    const view = await storyView(repos, c.req.param('id'));
    if (!view) return c.html(<NotFoundPage what="There is no such story." />, 404);
    // A story merged into another keeps working as a link: permanent redirect to the surviving story.
    if (view.redirectedFrom) return c.redirect(`/stories/${view.story.id}`, 301);
    return c.html(<StoryPage view={view} now={now()} />);
  });

  app.get('/search', async (c) => {
    const query = (c.req.query('q') ?? '').slice(0, 200);
    const items = query ? await repos.articles.search(query, 50) : [];
    return c.html(<SearchPage query={query} items={items} now={now()} />);
  });

  return app;
}
