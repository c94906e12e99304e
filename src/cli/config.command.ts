/** `newsdesk config`: prints the effective configuration as JSON, secrets redacted. */
import { redactConfig } from '../config/index.ts';
import type { RegisterCommand } from './context.ts';

export const registerConfig: RegisterCommand = (program, ctx) => {
  program
    .command('config')
    .description('print the effective configuration (environment, config file, *_FILE secrets), secrets redacted')
    .action(() => {
      ctx.io.stdout.write(JSON.stringify(redactConfig(ctx.config()), null, 2) + '\n');
    });
};
