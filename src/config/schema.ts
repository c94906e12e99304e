/**
 * Newsdesk's one configuration schema. Owns: every setting, its default, its environment variable.
 * Must not import anything but zod: the rest of the app receives typed slices of the parsed result.
 */
import { isIP } from 'node:net';
import { join, resolve } from 'node:path';
import { z } from 'zod';

const port = z.coerce.number().int().min(1).max(65535);

/** Every setting: key → zod type with default. Env var name is `NEWSDESK_` + SCREAMING_SNAKE of the key
 * (except `databaseUrl`, read from `DATABASE_URL`). */
export const configSchema = z.object({
  host: z.string().min(1).default('127.0.0.1'),
  port: port.default(8080),
  dataDir: z.string().min(1).default('./data'),
  /** Public URL of this instance (https://news.example.org); needed for WebSub callbacks. Empty: polling only. */
  baseUrl: z
    .string()
    .refine((v) => v === '' || /^https?:\/\/[^/]+/.test(v), { message: 'must be an http(s) URL such as https://news.example.org' })
    .transform((v) => v.replace(/\/+$/, ''))
    .default(''),
  /** `sqlite:` path or a `postgres://` URL; empty means `<dataDir>/newsdesk.sqlite`. */
  databaseUrl: z
    .string()
    .refine((v) => v === '' || /^(postgres(ql)?:\/\/|sqlite:)/.test(v), {
      message: 'must be a postgres:// or postgresql:// URL, or sqlite:<path>',
    })
    .default(''),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Comma-separated IPs/CIDRs (or ip:port) the fetcher may reach although they are not public (an intranet feed). */
  fetchAllowPrivate: z
    .union([z.string(), z.array(z.string())])
    .default('')
    .transform((v) => (Array.isArray(v) ? v : v.split(',')).map((x) => x.trim()).filter(Boolean))
    .refine((entries) => entries.every(isIpOrCidr), {
      message: 'must be comma-separated IP addresses, CIDR ranges or ip:port, e.g. "10.0.0.0/8,192.168.1.20,127.0.0.1:8081"',
    }),
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
  /** May this process run copy detection and story clustering (one process at a time does, by a lease). */
  analyzer: z
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

function isIpOrCidr(entry: string): boolean {
  const withPort = entry.match(/^(\d+\.\d+\.\d+\.\d+):(\d{1,5})$/) ?? entry.match(/^\[([0-9a-fA-F:.]+)\]:(\d{1,5})$/);
  if (withPort) return isIP(withPort[1]!) !== 0 && Number(withPort[2]) <= 65535;
  const [ip, bits, extra] = entry.split('/');
  if (extra !== undefined || !ip) return false;
  const family = isIP(ip);
  if (family === 0) return false;
  if (bits === undefined) return true;
  return /^\d{1,3}$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128);
}

/** The database the config selects: DATABASE_URL when set, else `<dataDir>/newsdesk.sqlite`. */
export function databaseLocation(config: Pick<Config, 'databaseUrl' | 'dataDir'>): string {
  if (config.databaseUrl) return config.databaseUrl;
  return `sqlite:${join(resolve(config.dataDir), 'newsdesk.sqlite')}`;
}
