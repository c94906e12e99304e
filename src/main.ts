/**
 * Composition root: the only place that reads process.env and wires config → dependencies → a CLI command.
 */
import { loadConfig, type Config } from './config/index.ts';
import { runCli } from './cli/program.ts';

/** Runs `newsdesk <argv>`; resolves to the process exit code. */
export async function main(argv: string[]): Promise<number> {
  const configFile = optionValue(argv, '--config') ?? optionValue(argv, '-c');
  let config: Config | undefined;
  return runCli(argv, {
    io: { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin },
    config: () => (config ??= loadConfig(process.env, configFile)),
  });
}

function optionValue(argv: string[], name: string): string | undefined {
  const i = argv.indexOf(name);
  if (i >= 0) return argv[i + 1];
  const eq = argv.find((a) => a.startsWith(name + '='));
  return eq?.slice(name.length + 1);
}
