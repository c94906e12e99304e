/**
 * Newsdesk's one configuration schema. Owns: every setting, its default, its environment variable.
 * Must not import anything but zod: the rest of the app receives typed slices of the parsed result.
 */
import { z } from 'zod';

const port = z.coerce.number().int().min(1).max(65535);

/** Every setting: key → zod type with default. Env var name is `NEWSDESK_` + SCREAMING_SNAKE of the key
 * (except `databaseUrl`, read from `DATABASE_URL`). */
export const configSchema = z.object({
  host: z.string().min(1).default('127.0.0.1'),
  port: port.default(8080),
  dataDir: z.string().min(1).default('./data'),
  /** `sqlite:` path or a `postgres://` URL; empty means `<dataDir>/newsdesk.sqlite`. */
  databaseUrl: z
    .string()
    .refine((v) => v === '' || /^(postgres(ql)?:\/\/|sqlite:)/.test(v), {
      message: 'must be a postgres:// or postgresql:// URL, or sqlite:<path>',
    })
    .default(''),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Comma-separated IPs/CIDRs the fetcher may reach even though they are not public (e.g. an intranet feed). */
  fetchAllowPrivate: z
    .string()
    .default('')
    .transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean)),
  fetchTimeoutMs: z.coerce.number().int().min(1000).max(300_000).default(20_000),
  fetchMaxBytes: z.coerce.number().int().min(1024).default(15 * 1024 * 1024),
  userAgent: z.string().default('Newsdesk/0.1 (+https://github.com/newsdesk; feed reader)'),
  /** Worker concurrency: jobs run at once by one worker process. */
  workerConcurrency: z.coerce.number().int().min(1).max(64).default(4),
  /** How many feeds one scheduler tick hands out. */
  schedulerBatchSize: z.coerce.number().int().min(1).max(10_000).default(100),
  /** Per-host concurrency cap for feed refreshes. */
  perHostConcurrency: z.coerce.number().int().min(1).max(16).default(2),
  /** Load the bundled default sources on first start. */
  loadDefaultSources: z
    .union([z.boolean(), z.enum(['true', 'false', '1', '0'])])
    .transform((v) => v === true || v === 'true' || v === '1')
    .default(true),
  /** Secret used to sign session cookies; generated per data dir when empty. */
  sessionSecret: z.string().default(''),
});

export type Config = z.infer<typeof configSchema>;
export type ConfigKey = keyof Config;

/** Keys whose values are never printed. */
export const secretKeys: ReadonlySet<ConfigKey> = new Set<ConfigKey>(['sessionSecret', 'databaseUrl']);

/** The environment variable that sets `key`. */
export function envName(key: ConfigKey): string {
  if (key === 'databaseUrl') return 'DATABASE_URL';
  return 'NEWSDESK_' + key.replace(/[A-Z]/g, (c) => '_' + c).toUpperCase();
}
