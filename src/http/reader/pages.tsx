/** Reader pages (server-rendered): latest articles, a source's articles, an article, sources, search. */
import { raw } from 'hono/html';
import type { ArticleListItem, FeedRow } from '../../storage/index.ts';
import type { StoryView, TopStory } from '../../services/stories.service.ts';
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

function TopStories({ top, now }: { top: TopStory[]; now: number }) {
  if (top.length === 0) return null;
  return (
    <section aria-labelledby="top">
      <h2 id="top" class="section">Top stories</h2>
      <ol class="items top">
        {top.map((t) => (
          <li class="item">
            <h3>
              <a href={`/stories/${t.story.id}`}>{t.lead.title}</a>
            </h3>
            <div class="meta">
              {t.rank.outlets} outlets{t.rank.countries > 1 ? ` in ${t.rank.countries} countries` : ''}
              {' · '}first by {t.lead.feed_title}
              {' · '}
              <time datetime={isoTime(t.story.last_published_at)}>updated {timeAgo(t.story.last_published_at, now)}</time>
            </div>
            <p class="outlets">{t.outletNames.slice(0, 6).join(' · ')}{t.outletNames.length > 6 ? ` and ${t.outletNames.length - 6} more` : ''}</p>
          </li>
        ))}
      </ol>
    </section>
  );
}

export interface HomeProps {
  top: TopStory[];
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
      <TopStories top={p.top} now={p.now} />
      {p.items.length > 0 ? <h2 class="section">Latest</h2> : null}
      <ArticleList items={p.items} now={p.now} nextHref={p.nextHref} />
    </Layout>
  );
}

export function StoryPage({ view, now }: { view: StoryView; now: number }) {
  const { story, coverage, articles, original } = view;
  const title = original?.title ?? story.title;
  return (
    <Layout title={title}>
      <article class="story">
        <p class="meta">Story · {coverage.outlets.length} outlets · {coverage.articles} articles{coverage.copies ? ` (${coverage.copies} copies collapsed)` : ''}</p>
        <h1>{title}</h1>
        {original ? (
          <section class="original" aria-labelledby="orig">
            <h2 id="orig" class="section">
              First reported by {original.feed_title}
            </h2>
            <p class="meta">
              <time datetime={isoTime(original.published_at ?? original.sort_at)}>{timeAgo(original.published_at ?? original.sort_at, now)}</time>
              {' · '}
              <a href={`/articles/${original.id}`}>Read the article</a>
            </p>
            <p class="excerpt">{excerpt(original.text, 600)}</p>
          </section>
        ) : null}
        <section aria-labelledby="coverage">
          <h2 id="coverage" class="section">Coverage</h2>
          <ul class="coverage">
            <li>
              <strong>{coverage.outlets.length}</strong> outlets
            </li>
            <li>
              <strong>{coverage.countries.length}</strong> countries{coverage.countries.length ? `: ${coverage.countries.map((c) => c.country).join(', ')}` : ''}
            </li>
            <li>
              first reported <time datetime={coverage.firstReported ?? undefined}>{coverage.firstReported ? timeAgo(Date.parse(coverage.firstReported), now) : 'unknown'}</time>
            </li>
          </ul>
          <h3>Timeline</h3>
          <ol class="items timeline">
            {coverage.timeline.map((e) => {
              const a = articles.get(e.articleId);
              if (!a) return null;
              return (
                <li class="item">
                  <h4>
                    <a href={`/articles/${a.id}`}>{a.title}</a>
                  </h4>
                  <div class="meta">
                    <a href={`/sources/${a.feed_id}`}>{a.feed_title}</a>
                    {a.feed_country ? <span class="chip">{a.feed_country}</span> : null}
                    {' · '}
                    <time datetime={isoTime(a.published_at ?? a.sort_at)}>{timeAgo(a.published_at ?? a.sort_at, now)}</time>
                    {e.newOutlet ? null : <span class="chip">follow-up</span>}
                  </div>
                  {e.copies.length > 0 ? (
                    <details>
                      <summary>
                        Also published by {e.copies.length} {e.copies.length === 1 ? 'outlet' : 'outlets'}
                      </summary>
                      <ul>
                        {e.copies.map((id) => {
                          const c = articles.get(id);
                          return c ? (
                            <li>
                              <a href={`/articles/${c.id}`}>{c.feed_title}</a>
                              {c.copy_kind ? <span class="chip">{c.copy_kind}</span> : null}
                            </li>
                          ) : null;
                        })}
                      </ul>
                    </details>
                  ) : null}
                </li>
              );
            })}
          </ol>
        </section>
        {view.related.length > 0 ? (
          <section aria-labelledby="related">
            <h2 id="related" class="section">Related stories</h2>
            <ul>
              {view.related.map((r) => (
                <li>
                  <a href={`/stories/${r.story.id}`}>{r.story.title}</a>{' '}
                  <span class="meta">
                    {r.story.article_count} articles{r.sameStoryline ? ' · same storyline' : ''}
                  </span>
                </li>
              ))}
            </ul>
          </section>
        ) : null}
      </article>
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
  storyId: string | null;
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
        {p.storyId ? (
          <p class="meta">
            <a href={`/stories/${p.storyId}`}>Full coverage of this story →</a>
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

export function SourcesPage(p: { feeds: FeedRow[]; counts: Map<string, { articles: number; copies: number; spun: number }>; now: number }) {
  const failing = p.feeds.filter((f) => f.last_error).length;
  return (
    <Layout title="Sources" section="sources">
      <h1>Sources</h1>
      <p>
        {p.feeds.length} sources, {failing} with errors.
      </p>
      {/* Scrolls sideways on a phone; focusable so the keyboard can scroll it too (WCAG 2.1.1). */}
      <div class="scroll-x" role="region" aria-label="Sources table" tabindex={0}>
        <table class="sources">
          <caption class="skip">Every source with its last fetch and last error</caption>
          <thead>
            <tr>
              <th scope="col">Source</th>
              <th scope="col">Country</th>
              <th scope="col">Articles</th>
              <th scope="col">
                <abbr title="Share of this source's articles that copy another outlet's original (spun: machine-reworded)">Copies</abbr>
              </th>
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
                <td>{p.counts.get(f.id)?.articles ?? 0}</td>
                <td>
                  <CopyRate counts={p.counts.get(f.id)} />
                </td>
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
      </div>
    </Layout>
  );
}

/** "42 % (spun 30 %)": a content farm stands out. */
function CopyRate({ counts }: { counts: { articles: number; copies: number; spun: number } | undefined }) {
  if (!counts || counts.articles === 0) return <span class="meta">–</span>;
  const pct = (n: number) => Math.round((100 * n) / counts.articles);
  const rate = pct(counts.copies);
  return (
    <span class={rate >= 50 ? 'err' : undefined}>
      {rate} %{counts.spun > 0 ? ` (spun ${pct(counts.spun)} %)` : ''}
    </span>
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
