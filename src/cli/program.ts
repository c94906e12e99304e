/**
 * The `newsdesk` command line: one commander program, one module per command (`*.command.ts`).
 * `runCli` never calls process.exit: it returns the exit code (0 ok, 1 failure, 2 usage/config error).
 */
import { Command, CommanderError } from 'commander';
import { ConfigError } from '../config/index.ts';
import type { CliContext, RegisterCommand } from './context.ts';
import { registerConfig } from './config.command.ts';
import { registerDemo } from './demo.command.ts';
import { registerRefresh } from './refresh.command.ts';
import { registerRun } from './run.command.ts';
import { registerSanitize } from './sanitize.command.ts';
import { registerParseFeed } from './parse-feed.command.ts';
import { makeRegisterExtract } from './extract.command.ts';
import { fetchPage } from './fetch-page.ts';
import { registerCopies } from './copies.command.ts';
import { registerCluster } from './cluster.command.ts';
import { registerSources } from './sources.command.ts';

/** Every command, in the order `--help` lists them. */
const commands: RegisterCommand[] = [
  registerRun,
  registerDemo,
  registerSources,
  registerRefresh,
  registerParseFeed,
  (program, ctx) => makeRegisterExtract({ fetchPage: (url) => fetchPage(ctx.config(), url) })(program, ctx),
  registerSanitize,
  registerCopies,
  registerCluster,
  registerConfig,
];

export async function runCli(argv: string[], ctx: Omit<CliContext, 'setExitCode'>): Promise<number> {
  let exitCode = 0;
  const full: CliContext = { ...ctx, setExitCode: (c) => (exitCode = c) };
  const program = new Command()
    .name('newsdesk')
    .description('Newsdesk: a self-hosted news aggregator — every source in one place, each story once.')
    .option('-c, --config <file>', 'JSON config file (keys as in `newsdesk config`)')
    .showHelpAfterError()
    .exitOverride()
    .configureOutput({
      writeOut: (s) => ctx.io.stdout.write(s),
      writeErr: (s) => ctx.io.stderr.write(s),
    });
  for (const register of commands) register(program, full);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.help' || err.code === 'commander.version') return 0;
      return err.exitCode === 0 ? 0 : 2;
    }
    if (err instanceof ConfigError) {
      ctx.io.stderr.write(`newsdesk: configuration error\n${err.message}\n`);
      return 2;
    }
    throw err;
  }
}
