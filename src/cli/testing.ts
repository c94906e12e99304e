/**
 * Runs one CLI command module in-process for tests: captured stdout/stderr, the exit code it set, optional stdin.
 * Commands that need no runtime (the pure engines: parse-feed, extract, sanitize, copies, cluster) run as they do
 * under `newsdesk`; asking for config or a runtime fails the test loudly.
 */
import { PassThrough } from 'node:stream';
import { Command } from 'commander';
import type { CliContext, RegisterCommand } from './context.ts';

export interface CommandRun {
  out: string;
  err: string;
  code: number;
}

export async function runCommand(register: RegisterCommand, args: string[], stdinText?: string): Promise<CommandRun> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const stdin = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (d) => (out += d));
  stderr.on('data', (d) => (err += d));
  let code = 0;
  const ctx: CliContext = {
    io: { stdout, stderr, stdin },
    config: () => {
      throw new Error('this command must not need the config');
    },
    runtime: () => Promise.reject(new Error('this command must not need a runtime')),
    setExitCode: (c) => (code = c),
    untilSignal: () => new Promise(() => {}),
  };
  if (stdinText !== undefined) stdin.end(stdinText);
  const program = new Command().exitOverride().configureOutput({ writeOut: (s) => (out += s), writeErr: (s) => (err += s) });
  register(program, ctx);
  await program.parseAsync(args, { from: 'user' });
  return { out, err, code };
}
