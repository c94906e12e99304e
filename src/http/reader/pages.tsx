/** Reader pages (server-rendered): latest articles, a source's articles, an article, sources, search. */
import { raw } from 'hono/html';
import type { ArticleListItem, FeedRow } from '../../storage/index.ts';
import { Layout } from './layout.tsx';
import { excerpt, hostOf, isoTime, timeAgo } from './format.ts';

function ArticleItem({ a, now }: { a: ArticleListItem; now: number }) {
  return (
    <li class="item">
      <h2>
        <a href={`/articles/${a.id}`}>{a.title}</a>
      </h2>
      <div class="meta">
        <a href={`/sources/${a.feed_id}`}>{a.feed_title}</a>
        {' · '}
        <time datetime={isoTime(a.published_at ?? a.sort_at)}>{timeAgo(a.published_at ?? a.sort_at, now)}</time>
        {a.feed_premium ? <span class="chip">Premium</span> : null}
        {a.copies > 0 ? <span class="chip">+{a.copies} {a.copies === 1 ? 'copy' : 'copies'}</span> : null}
      </div>
      {a.text ? <p class="excerpt">{excerpt(a.text)}</p> : null}
    </li>
  );
}

export function ArticleList({ items, now, nextHref }: { items: ArticleListItem[]; now: number; nextHref?: string | null }) {
  return (
    <>
      <ol class="items">
        {items.map((a) => (
          <ArticleItem a={a} now={now} />
        ))}
      </ol>
      {nextHref ? (
        <p class="pager">
          <a href={nextHref} rel="next">
            Older articles →
          </a>
        </p>
      ) : null}
    </>
  );
}

export interface HomeProps {
  items: ArticleListItem[];
  now: number;
  nextHref: string | null;
  feedCount: number;
  failingFeeds: number;
}

export function HomePage(p: HomeProps) {
  const nothingFetched = p.items.length === 0;
  return (
    <Layout title="Newsdesk" section="home">
      <h1>Latest news</h1>
      {nothingFetched ? (
        <div class="notice" role="status">
          {p.feedCount === 0 ? (
            <p>No sources yet. Add one with <code>newsdesk sources add &lt;url&gt;</code> or import an OPML file.</p>
          ) : p.failingFeeds > 0 ? (
            <p>
              Nothing could be fetched yet: {p.failingFeeds} of {p.feedCount} sources failed (see <a href="/sources">Sources</a>{' '}
              for each error). Without internet access, try the offline demo: <code>npm run demo</code>.
            </p>
          ) : (
            <p>
              Fetching {p.feedCount} sources… articles appear here as they arrive. No internet access? Try the offline demo:{' '}
              <code>npm run demo</code>.
            </p>
          )}
        </div>
      ) : null}
      <ArticleList items={p.items} now={p.now} nextHref={p.nextHref} />
    </Layout>
  );
}

export function SourcePage(p: { feed: FeedRow; items: ArticleListItem[]; now: number; nextHref: string | null }) {
  return (
    <Layout title={p.feed.title} section="sources">
      <h1>{p.feed.title}</h1>
      <p class="meta">
        {p.feed.site_url ? <a href={p.feed.site_url}>{hostOf(p.feed.site_url)}</a> : null}
        {p.feed.country ? <span class="chip">{p.feed.country}</span> : null}
        {p.feed.language ? <span class="chip">{p.feed.language}</span> : null}
        {p.feed.premium ? <span class="chip">Premium</span> : null}
      </p>
      {p.feed.last_error ? (
        <p class="notice">
          Last refresh failed ({p.feed.last_error_kind}): {p.feed.last_error}
        </p>
      ) : null}
      {p.items.length === 0 ? <p>No articles from this source yet.</p> : null}
      <ArticleList items={p.items} now={p.now} nextHref={p.nextHref} />
    </Layout>
  );
}

export interface ArticleView {
  id: string;
  title: string;
  url: string | null;
  author: string | null;
  published_at: number | null;
  sort_at: number;
  content_html: string | null;
  text: string;
  feed_id: string;
  feed_title: string;
  copy_of: string | null;
}

export function ArticlePage(p: {
  article: ArticleView;
  now: number;
  copies: Array<{ id: string; title: string; url: string | null; feed_title: string; copy_kind: string | null }>;
  original: { id: string; title: string; feed_title: string } | null;
}) {
  const a = p.article;
  return (
    <Layout title={a.title}>
      <article class="full">
        <h1>{a.title}</h1>
        <p class="meta">
          <a href={`/sources/${a.feed_id}`}>{a.feed_title}</a>
          {a.author ? ` · ${a.author}` : ''}
          {' · '}
          <time datetime={isoTime(a.published_at ?? a.sort_at)}>{timeAgo(a.published_at ?? a.sort_at, p.now)}</time>
          {a.url ? (
            <>
              {' · '}
              <a href={a.url} rel="noopener noreferrer">
                Original page
              </a>
            </>
          ) : null}
        </p>
        {p.original ? (
          <p class="notice">
            A copy of <a href={`/articles/${p.original.id}`}>{p.original.title}</a> ({p.original.feed_title}).
          </p>
        ) : null}
        {/* content_html was passed through the allow-list sanitizer before it was stored. */}
        {a.content_html ? raw(a.content_html) : <p>{a.text}</p>}
      </article>
      {p.copies.length > 0 ? (
        <section aria-labelledby="also">
          <h2 id="also">Also published by</h2>
          <ul>
            {p.copies.map((c) => (
              <li>
                <a href={`/articles/${c.id}`}>{c.feed_title}</a>
                {c.copy_kind ? <span class="chip">{c.copy_kind}</span> : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </Layout>
  );
}

export function SourcesPage(p: { feeds: FeedRow[]; counts: Map<string, number>; now: number }) {
  const failing = p.feeds.filter((f) => f.last_error).length;
  return (
    <Layout title="Sources" section="sources">
      <h1>Sources</h1>
      <p>
        {p.feeds.length} sources, {failing} with errors.
      </p>
      <table class="sources">
        <caption class="skip">Every source with its last fetch and last error</caption>
        <thead>
          <tr>
            <th scope="col">Source</th>
            <th scope="col">Country</th>
            <th scope="col">Articles</th>
            <th scope="col">Last fetch</th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {p.feeds.map((f) => (
            <tr>
              <td>
                <a href={`/sources/${f.id}`}>{f.title}</a>
                {f.premium ? <span class="chip">Premium</span> : null}
                <div class="meta">{f.category ?? ''}</div>
              </td>
              <td>{f.country ?? ''}</td>
              <td>{p.counts.get(f.id) ?? 0}</td>
              <td>
                <time datetime={isoTime(f.last_checked_at)}>{f.last_checked_at ? timeAgo(f.last_checked_at, p.now) : 'never'}</time>
              </td>
              <td>
                {f.disabled ? (
                  <span class="err">disabled{f.last_error ? `: ${f.last_error}` : ''}</span>
                ) : f.last_error ? (
                  <span class="err">
                    {f.last_error_kind}: {f.last_error}
                    {f.error_count > 1 ? ` (${f.error_count} times)` : ''}
                  </span>
                ) : f.last_success_at ? (
                  <span class="ok">OK</span>
                ) : (
                  <span class="meta">pending</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Layout>
  );
}

export function SearchPage(p: { query: string; items: ArticleListItem[]; now: number }) {
  return (
    <Layout title={p.query ? `Search: ${p.query}` : 'Search'} section="search" query={p.query}>
      <h1>Search</h1>
      {p.query ? <p>{p.items.length === 0 ? 'No articles match.' : `${p.items.length} ${p.items.length === 1 ? 'article matches' : 'articles match'} “${p.query}”.`}</p> : null}
      <ArticleList items={p.items} now={p.now} />
    </Layout>
  );
}

export function NotFoundPage({ what }: { what: string }) {
  return (
    <Layout title="Not found">
      <h1>Not found</h1>
      <p>{what}</p>
      <p>
        <a href="/">Back to the latest news</a>
      </p>
    </Layout>
  );
}
