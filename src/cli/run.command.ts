/**
 * Long-running commands: `start` (all in one), `serve` (HTTP only), `worker` (scheduler + jobs only), and
 * `migrate`. Each stops gracefully on SIGINT/SIGTERM: in-flight refreshes and jobs finish (or are released).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { databaseLocation } from '../config/index.ts';
import { migrateToLatest, openDatabase } from '../storage/index.ts';
import { importOpml } from '../services/sources.service.ts';
import type { CliContext, RegisterCommand, Runtime } from './context.ts';

/** The bundled default sources (100+ real outlets). */
export const DEFAULT_SOURCES_OPML = fileURLToPath(new URL('../../data/sources.opml', import.meta.url));

/** Loads the default sources when the database has no feed yet. Returns how many were added. */
export async function loadDefaultSources(rt: Runtime): Promise<number> {
  if (!rt.config.loadDefaultSources || (await rt.storage.feeds.count()) > 0) return 0;
  const r = await importOpml(rt.storage, readFileSync(DEFAULT_SOURCES_OPML, 'utf8'));
  if (!r.ok) throw new Error(`bundled default sources: ${r.error.message}`);
  rt.logger.info({ added: r.value.added }, 'loaded the default sources');
  return r.value.added;
}

/**
 * Starts (`start`: build the runtime, load sources…), then serves and/or works until a signal, then shuts down in
 * order: stop taking work, finish it, close. The signal handlers are installed before start-up, so a SIGTERM that
 * arrives while the database migrates still ends in a clean shutdown (once started) rather than a kill.
 */
export async function runUntilSignal(
  ctx: CliContext,
  start: () => Promise<Runtime>,
  parts: { http: boolean; workers: boolean },
): Promise<void> {
  const signalled = ctx.untilSignal();
  const rt = await start();
  const server = parts.http ? await rt.serve() : null;
  const stopWorkers = parts.workers ? await rt.startWorkers() : null;
  if (server) ctx.io.stderr.write(`newsdesk: serving ${server.url}\n`);
  if (stopWorkers) ctx.io.stderr.write('newsdesk: workers running (scheduler + jobs)\n');
  const signal = await signalled;
  ctx.io.stderr.write(`newsdesk: ${signal}, shutting down…\n`);
  await server?.close();
  await stopWorkers?.();
  await rt.close();
}

export const registerRun: RegisterCommand = (program, ctx) => {
  program
    .command('start')
    .description('migrate, load the default sources on first run, serve the reader and run the workers in one process')
    .action(async () =>
      runUntilSignal(
        ctx,
        async () => {
          const rt = await ctx.runtime();
          await loadDefaultSources(rt);
          return rt;
        },
        { http: true, workers: true },
      ),
    );

  program
    .command('serve')
    .description('serve the reader and the APIs (no background work)')
    .action(async () => runUntilSignal(ctx, () => ctx.runtime(), { http: true, workers: false }));

  program
    .command('worker')
    .description('run the feed scheduler and the job workers (no HTTP); run N of them on PostgreSQL to scale out')
    .action(async () => runUntilSignal(ctx, () => ctx.runtime(), { http: false, workers: true }));

  program
    .command('migrate')
    .description('bring the database schema up to date and exit')
    .action(async () => {
      const database = await openDatabase({ url: databaseLocation(ctx.config()) });
      try {
        const applied = await migrateToLatest(database.db);
        ctx.io.stdout.write(applied.length ? `applied: ${applied.join(', ')}\n` : 'database schema is up to date\n');
      } finally {
        await database.close();
      }
    });
};
