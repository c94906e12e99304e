/**
 * `newsdesk demo`: the offline demo. Starts the local feed server that replays the bundled corpus (100+ sources on
 * 127.0.0.1), then runs Newsdesk on its own SQLite data dir against it — reader, scheduler and workers in one
 * process. The fetcher may reach only the demo server's own loopback port.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { startDemoFeedServer } from '../demo/index.ts';
import { importOpml } from '../services/sources.service.ts';
import { runUntilSignal } from './run.command.ts';
import type { RegisterCommand } from './context.ts';

export const registerDemo: RegisterCommand = (program, ctx) => {
  program
    .command('demo')
    .description('offline demo: serve a bundled corpus of real news as 100+ local feeds and read it in Newsdesk')
    .option('--data-dir <dir>', 'data dir of the demo (wiped at start unless --keep)', './.demo-data')
    .option('--keep', 'keep the demo data dir from an earlier run')
    .option('--feed-port <port>', 'port of the local feed server (default: any free port; with --keep, the earlier run\'s)')
    .action(async (opts: { dataDir: string; keep?: boolean; feedPort?: string }) => {
      const dataDir = resolve(opts.dataDir);
      if (!opts.keep) rmSync(dataDir, { recursive: true, force: true });
      // The demo's sources are stored with the feed server's URL: a kept data dir needs the same port again, or
      // every source would be added a second time under a new URL.
      const portFile = join(dataDir, 'demo-feed-port');
      const port = Number(opts.feedPort ?? (opts.keep ? readSavedPort(portFile) : 0)) || 0;
      const feeds = await startDemoFeedServer({ port }).catch((err: NodeJS.ErrnoException) => {
        if (err.code !== 'EADDRINUSE') throw err;
        throw new Error(`the demo feed port ${port} is in use: stop what holds it or pass --feed-port`);
      });
      mkdirSync(dataDir, { recursive: true });
      writeFileSync(portFile, String(feeds.port));
      ctx.io.stderr.write(`newsdesk demo: ${feeds.feedCount} feeds, ${feeds.articleCount} articles at ${feeds.baseUrl}\n`);
      try {
        await runUntilSignal(
          ctx,
          async () => {
            const rt = await ctx.runtime({
              dataDir,
              databaseUrl: '',
              loadDefaultSources: false,
              fetchAllowPrivate: [`127.0.0.1:${feeds.port}`],
              // The local server answers at once: poll the demo often so the reader fills within seconds.
              schedulerBatchSize: 200,
              perHostConcurrency: 8,
            });
            const r = await importOpml(rt.storage, feeds.opml);
            if (!r.ok) throw new Error(`demo OPML: ${r.error.message}`);
            ctx.io.stderr.write(`newsdesk demo: ${r.value.added} demo sources added\n`);
            return rt;
          },
          { http: true, workers: true },
        );
      } finally {
        await feeds.close();
      }
    });
};

/** The feed server port an earlier demo run saved in its data dir, or 0. */
function readSavedPort(file: string): number {
  try {
    return Number(readFileSync(file, 'utf8').trim()) || 0;
  } catch {
    return 0;
  }
}
