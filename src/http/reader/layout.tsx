/** The reader's page frame: header with navigation and search, main landmark, footer. Server-rendered (hono/jsx). */
import type { Child } from 'hono/jsx';

/** The reader's stylesheet, served at /assets/reader.css (external, so the CSP needs no 'unsafe-inline'). */
export const readerCss = `
:root{--fg:#1b1b1f;--muted:#5b5f6a;--line:#e3e5ea;--bg:#fff;--accent:#0b57d0;--warn:#8a1c00;--chip:#f1f3f6}
@media (prefers-color-scheme:dark){:root{--fg:#e9eaee;--muted:#a6abb6;--line:#2c2f36;--bg:#131418;--accent:#8ab4f8;--warn:#ffb4a0;--chip:#23262d}}
*{box-sizing:border-box}body{margin:0;font:16px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);background:var(--bg)}
a{color:var(--accent)}a:focus-visible,button:focus-visible,input:focus-visible{outline:3px solid var(--accent);outline-offset:2px}
.skip{position:absolute;left:-9999px}.skip:focus{left:1rem;top:1rem;background:var(--bg);padding:.5rem}
header.site{border-bottom:1px solid var(--line);padding:.75rem 1rem;display:flex;gap:1.25rem;align-items:center;flex-wrap:wrap}
header.site .brand{font-weight:700;font-size:1.2rem;text-decoration:none;color:var(--fg)}
header.site nav a{margin-right:1rem;text-decoration:none}header.site nav a[aria-current=page]{font-weight:600;text-decoration:underline}
header.site form{margin-left:auto}header.site input{padding:.35rem .5rem;border:1px solid var(--line);border-radius:6px;background:var(--bg);color:var(--fg);min-width:14rem}
main{max-width:60rem;margin:0 auto;padding:1rem}
h1{font-size:1.6rem;margin:.5rem 0 1rem}
.notice{border:1px solid var(--line);border-left:4px solid var(--warn);padding:.75rem 1rem;margin:1rem 0;border-radius:6px}
ol.items{list-style:none;padding:0;margin:0}ol.items li{padding:.8rem 0;border-bottom:1px solid var(--line)}
.item h2{font-size:1.1rem;margin:0 0 .2rem}.item h2 a{color:var(--fg);text-decoration:none}.item h2 a:hover{text-decoration:underline}
.meta{color:var(--muted);font-size:.875rem}.meta a{color:var(--muted)}
.excerpt{margin:.3rem 0 0;color:var(--fg)}
.chip{display:inline-block;background:var(--chip);border-radius:999px;padding:0 .5rem;font-size:.8rem;margin-left:.35rem}
article.full{font-size:1.08rem;line-height:1.65}article.full img{max-width:100%;height:auto}article.full figure{margin:1rem 0}
article.full blockquote{border-left:3px solid var(--line);margin-left:0;padding-left:1rem;color:var(--muted)}
table.sources{border-collapse:collapse;width:100%;font-size:.9rem}table.sources th,table.sources td{text-align:left;white-space:normal;padding:.4rem .5rem;border-bottom:1px solid var(--line);vertical-align:top}
.scroll-x{overflow-x:auto}.err{color:var(--warn)}table.sources time{white-space:nowrap}.ok{color:#137333}
.pager{margin:1.5rem 0}h2.section{font-size:1.15rem;margin:1.5rem 0 .5rem;text-transform:uppercase;letter-spacing:.04em;color:var(--muted)}
.item h3,.item h4{font-size:1.1rem;margin:0 0 .2rem}.item h3 a,.item h4 a{color:var(--fg);text-decoration:none}.item h3 a:hover,.item h4 a:hover{text-decoration:underline}
ol.top .item h3{font-size:1.25rem}.outlets{margin:.25rem 0 0;color:var(--muted);font-size:.9rem}
section.original{border:1px solid var(--line);border-radius:8px;padding:.25rem 1rem 1rem;margin:1rem 0}
ul.coverage{list-style:none;padding:0;display:flex;gap:1.5rem;flex-wrap:wrap}details summary{cursor:pointer;color:var(--muted);font-size:.9rem}footer{color:var(--muted);font-size:.8rem;text-align:center;padding:2rem 1rem}
`;

export interface LayoutProps {
  title: string;
  /** Which nav entry is current. */
  section?: 'home' | 'sources' | 'search';
  query?: string;
  children?: Child;
}

export function Layout(props: LayoutProps) {
  const current = (s: LayoutProps['section']) => (props.section === s ? 'page' : undefined);
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{props.title === 'Newsdesk' ? 'Newsdesk' : `${props.title} · Newsdesk`}</title>
        <link rel="stylesheet" href="/assets/reader.css" />
      </head>
      <body>
        <a class="skip" href="#main">Skip to content</a>
        <header class="site">
          <a class="brand" href="/">Newsdesk</a>
          <nav aria-label="Main">
            <a href="/" aria-current={current('home')}>Latest</a>
            <a href="/sources" aria-current={current('sources')}>Sources</a>
          </nav>
          <form action="/search" method="get" role="search">
            <label class="skip" for="q">Search articles</label>
            <input id="q" type="search" name="q" placeholder="Search articles" value={props.query ?? ''} />
          </form>
        </header>
        <main id="main">{props.children}</main>
        <footer>Newsdesk — self-hosted news, each story once.</footer>
      </body>
    </html>
  );
}
