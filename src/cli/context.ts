/**
 * What every CLI command receives from the composition root (main.ts): streams, the environment-derived
 * config loader, and a way to build the runtime dependencies lazily (commands such as `parse-feed` never open
 * a database).
 */
import type { Command } from 'commander';
import type { Config } from '../config/index.ts';

export interface CliIo {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  stdin: NodeJS.ReadableStream;
}

export interface CliContext {
  io: CliIo;
  /** Effective config (throws ConfigError → exit 2). */
  config(): Config;
  /** Sets the process exit code the command ends with (default 0). */
  setExitCode(code: number): void;
}

/** One CLI command module: adds its sub-command(s) to the program. */
export type RegisterCommand = (program: Command, ctx: CliContext) => void;
