/** `newsdesk refresh [--all | <source-url>…]`: fetch now and exit, one line per source with its outcome. */
import pLimit from 'p-limit';
import type { FeedRow } from '../storage/index.ts';
import type { RefreshOutcome } from '../pipeline/ingest.ts';
import { withRuntime, type RegisterCommand } from './context.ts';

/** One human line per outcome: "ok  <url>  3 new, 1 updated" / "error  <url>  timeout: …". */
export function describeOutcome(o: RefreshOutcome): string {
  if (!o.ok) return `error  ${o.feedUrl}  ${o.error.kind}: ${o.error.message}`;
  if (o.notModified) return `ok     ${o.feedUrl}  not modified`;
  return `ok     ${o.feedUrl}  ${o.inserted} new, ${o.updated} updated`;
}

export const registerRefresh: RegisterCommand = (program, ctx) => {
  program
    .command('refresh [source-urls...]')
    .description('fetch sources now and exit (exit 0 even when some fail; each line says what happened)')
    .option('--all', 'refresh every enabled source')
    .option('--concurrency <n>', 'sources fetched at once', '8')
    .action(async (urls: string[], opts: { all?: boolean; concurrency: string }) => {
      if (!opts.all && urls.length === 0) {
        ctx.io.stderr.write('newsdesk refresh: give source URLs or --all\n');
        ctx.setExitCode(2);
        return;
      }
      await withRuntime(ctx, async (rt) => {
        let feeds: FeedRow[];
        if (opts.all) feeds = (await rt.storage.feeds.list()).filter((f) => !f.disabled);
        else {
          feeds = [];
          for (const url of urls) {
            const f = (await rt.storage.feeds.getByUrl(url)) ?? (await rt.storage.feeds.get(url));
            if (f) feeds.push(f);
            else {
              ctx.io.stdout.write(`error  ${url}  unknown source (add it with: newsdesk sources add ${url})\n`);
              ctx.setExitCode(1);
            }
          }
        }
        const limit = pLimit(Math.max(1, Number(opts.concurrency) || 8));
        let failed = 0;
        await Promise.all(
          feeds.map((f) =>
            limit(async () => {
              const o = await rt.refresh(f);
              if (!o.ok) failed++;
              ctx.io.stdout.write(describeOutcome(o) + '\n');
            }),
          ),
        );
        ctx.io.stderr.write(`refreshed ${feeds.length} sources, ${failed} failed\n`);
      });
    });
};
