/** `newsdesk sources add|list|remove`, `import <opml>`, `export`: manage the feeds. */
import { readFileSync } from 'node:fs';
import { Option } from 'commander';
import { addSource, exportOpml, importOpml, removeSource } from '../services/sources.service.ts';
import type { Fetcher } from '../pipeline/fetch/index.ts';
import { withRuntime, type RegisterCommand } from './context.ts';

/** The OPML text of a local file or an http(s) URL (fetched through the SSRF-safe client), or why not. */
async function readOpml(source: string, fetcher: Fetcher): Promise<string | { error: string }> {
  if (/^https?:\/\//i.test(source)) {
    const r = await fetcher.fetch({ url: source, accept: 'text/x-opml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5' });
    if (!r.ok) return { error: `cannot fetch ${source}: ${r.error.message}` };
    if (r.status !== 200) return { error: `cannot fetch ${source}: HTTP ${r.status}` };
    return new TextDecoder().decode(r.body);
  }
  try {
    return readFileSync(source, 'utf8');
  } catch (err) {
    return { error: `cannot read ${source}: ${(err as Error).message}` };
  }
}

export const registerSources: RegisterCommand = (program, ctx) => {
  const sources = program.command('sources').description('add, list or remove sources (feeds)');

  sources
    .command('add <url>')
    .description('add a source by its feed URL or its site URL (the feed is discovered)')
    .option('--title <title>', 'title to show instead of the feed’s own')
    .option('--category <path>', 'category path, e.g. "World/Europe"')
    .action(async (url: string, opts: { title?: string; category?: string }) => {
      await withRuntime(ctx, async (rt) => {
        const r = await addSource({ repos: rt.storage, fetcher: rt.fetcher, parseFeed: rt.ingest.parseFeed }, url, opts);
        if (!r.ok) {
          ctx.io.stderr.write(`newsdesk: ${r.error.message}\n`);
          ctx.setExitCode(1);
          return;
        }
        ctx.io.stdout.write(`${r.value.created ? 'added' : 'already present'}: ${r.value.feed.feed_url} (id ${r.value.feed.id})\n`);
      });
    });

  sources
    .command('list')
    .description('list sources with their status')
    .option('--json', 'print JSON lines')
    .action(async (opts: { json?: boolean }) => {
      await withRuntime(ctx, async (rt) => {
        for (const f of await rt.storage.feeds.list()) {
          if (opts.json) {
            ctx.io.stdout.write(JSON.stringify({ id: f.id, url: f.feed_url, title: f.title, category: f.category, country: f.country, errors: f.error_count, lastError: f.last_error }) + '\n');
          } else {
            const status = f.disabled ? 'disabled' : f.last_error ? `error (${f.last_error_kind}): ${f.last_error}` : f.last_success_at ? 'ok' : 'pending';
            ctx.io.stdout.write(`${f.id}  ${f.title}  <${f.feed_url}>  ${status}\n`);
          }
        }
      });
    });

  sources
    .command('set <id-or-url>')
    .description('change a source: full-text mode, title, category, premium, enabled')
    .addOption(new Option('--full-text <mode>', 'fetch the article page for full text').choices(['auto', 'always', 'never']))
    .option('--title <title>', 'title to show')
    .option('--category <path>', 'category path, e.g. "World/Europe"')
    .option('--premium', 'mark as premium (paywalled)')
    .option('--no-premium', 'mark as free')
    .option('--enable', 'enable (and refresh soon) a disabled source')
    .option('--disable', 'stop polling this source')
    .action(async (idOrUrl: string, opts: { fullText?: 'auto' | 'always' | 'never'; title?: string; category?: string; premium?: boolean; enable?: boolean; disable?: boolean }) => {
      await withRuntime(ctx, async (rt) => {
        const feed = (await rt.storage.feeds.get(idOrUrl)) ?? (await rt.storage.feeds.getByUrl(idOrUrl));
        if (!feed) {
          ctx.io.stderr.write(`newsdesk: no source ${idOrUrl}\n`);
          ctx.setExitCode(1);
          return;
        }
        await rt.storage.feeds.updateSettings(feed.id, {
          ...(opts.fullText ? { fullText: opts.fullText } : {}),
          ...(opts.title ? { title: opts.title } : {}),
          ...(opts.category !== undefined ? { category: opts.category } : {}),
          ...(opts.premium !== undefined ? { premium: opts.premium } : {}),
          ...(opts.enable ? { disabled: false } : opts.disable ? { disabled: true } : {}),
        });
        const row = (await rt.storage.feeds.get(feed.id))!;
        ctx.io.stdout.write(`${row.title}: full text ${row.full_text}, ${row.premium ? 'premium' : 'free'}, ${row.disabled ? 'disabled' : 'enabled'}\n`);
      });
    });

  sources
    .command('remove <id-or-url>')
    .description('remove a source and its articles')
    .action(async (idOrUrl: string) => {
      await withRuntime(ctx, async (rt) => {
        if (await removeSource(rt.storage, idOrUrl)) ctx.io.stdout.write(`removed ${idOrUrl}\n`);
        else {
          ctx.io.stderr.write(`newsdesk: no source ${idOrUrl}\n`);
          ctx.setExitCode(1);
        }
      });
    });

  program
    .command('import <opml-file-or-url>')
    .description('import sources from an OPML file or URL (all or nothing: a broken file imports nothing)')
    .action(async (source: string) => {
      await withRuntime(ctx, async (rt) => {
        const text = await readOpml(source, rt.fetcher);
        if (typeof text !== 'string') {
          ctx.io.stderr.write(`newsdesk: ${text.error}\n`);
          ctx.setExitCode(1);
          return;
        }
        const r = await importOpml(rt.storage, text);
        if (!r.ok) {
          ctx.io.stderr.write(`newsdesk: ${source}: ${r.error.message}\n`);
          ctx.setExitCode(1);
          return;
        }
        ctx.io.stdout.write(`imported ${r.value.total} sources: ${r.value.added} new, ${r.value.existing} already present\n`);
      });
    });

  program
    .command('export')
    .description('print every source as OPML 2.0 (categories as nested outlines)')
    .action(async () => {
      await withRuntime(ctx, async (rt) => {
        ctx.io.stdout.write(await exportOpml(rt.storage));
      });
    });
};
