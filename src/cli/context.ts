/**
 * What every CLI command receives from the composition root (main.ts): streams, the config, and a way to build
 * the runtime dependencies lazily (commands such as `parse-feed` never open a database).
 */
import type { Command } from 'commander';
import type { Config } from '../config/index.ts';
import type { Logger } from '../lib/logger.ts';
import type { Fetcher } from '../pipeline/fetch/index.ts';
import type { IngestDeps, RefreshOutcome } from '../pipeline/ingest.ts';
import type { Queue } from '../jobs/queue.ts';
import type { FeedRow, Storage } from '../storage/index.ts';

export interface CliIo {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  stdin: NodeJS.ReadableStream;
}

/** Everything a long-running command needs, built once by main.ts. */
export interface Runtime {
  config: Config;
  logger: Logger;
  storage: Storage;
  fetcher: Fetcher;
  queue: Queue;
  ingest: IngestDeps;
  /** Refreshes one feed through the whole pipeline (writes the outcome on the feed row). */
  refresh(feed: FeedRow): Promise<RefreshOutcome>;
  /** Starts the scheduler and the job workers; resolves the stop function (graceful). */
  startWorkers(): Promise<() => Promise<void>>;
  /** Serves the HTTP app; resolves the listening URL and a close function. */
  serve(): Promise<{ url: string; close(): Promise<void> }>;
  close(): Promise<void>;
}

export interface CliContext {
  io: CliIo;
  /** Effective config (throws ConfigError → exit 2). */
  config(): Config;
  /** Builds the runtime (opens and migrates the database). `overrides` replace config values (the demo's). */
  runtime(overrides?: Partial<Config>): Promise<Runtime>;
  /** Sets the process exit code the command ends with (default 0). */
  setExitCode(code: number): void;
  /** Resolves when the process is asked to stop (SIGINT/SIGTERM); the same promise on every call. */
  untilSignal(): Promise<string>;
}

/** One CLI command module: adds its sub-command(s) to the program. */
export type RegisterCommand = (program: Command, ctx: CliContext) => void;

/** Builds the runtime, runs `fn` with it, and closes it whatever happens (one-shot commands). */
export async function withRuntime<T>(ctx: CliContext, fn: (rt: Runtime) => Promise<T>): Promise<T> {
  const rt = await ctx.runtime();
  try {
    return await fn(rt);
  } finally {
    await rt.close();
  }
}
