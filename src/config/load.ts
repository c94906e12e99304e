/**
 * Loads the configuration once: defaults ← optional JSON config file ← environment ← `*_FILE` secrets.
 * The only module that reads process.env is the caller of `loadConfig` (main.ts passes it in).
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { configSchema, envName, secretKeys, type Config, type ConfigKey } from './schema.ts';

/** A config value that does not validate: names the key (as env var) and what is allowed. Exit code 2. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/**
 * Builds the effective config.
 * @param env   environment variables (process.env in production).
 * @param file  optional path of a JSON config file whose keys are the schema's camelCase keys; also taken from
 *              `NEWSDESK_CONFIG`.
 * @throws ConfigError naming each invalid key and the allowed values; unreadable config/secret files too.
 */
export function loadConfig(env: Record<string, string | undefined>, file?: string): Config {
  const raw: Record<string, unknown> = {};
  const configFile = file ?? env.NEWSDESK_CONFIG;
  if (configFile) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(configFile, 'utf8'));
    } catch (err) {
      throw new ConfigError(`config file ${configFile}: ${(err as Error).message}`);
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      throw new ConfigError(`config file ${configFile}: must hold a JSON object`);
    }
    const known = new Set(Object.keys(configSchema.shape));
    for (const [k, v] of Object.entries(parsed)) {
      if (!known.has(k)) throw new ConfigError(`config file ${configFile}: unknown key "${k}"`);
      raw[k] = v;
    }
  }
  for (const key of Object.keys(configSchema.shape) as ConfigKey[]) {
    const name = envName(key);
    const fromFile = env[`${name}_FILE`];
    if (fromFile) {
      try {
        raw[key] = readFileSync(fromFile, 'utf8').trim();
      } catch (err) {
        throw new ConfigError(`${name}_FILE: cannot read ${fromFile}: ${(err as Error).message}`);
      }
    } else if (env[name] !== undefined && env[name] !== '') {
      raw[key] = env[name];
    }
  }
  const result = configSchema.safeParse(raw);
  if (!result.success) throw new ConfigError(describeIssues(result.error));
  return result.data;
}

function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      const key = String(issue.path[0] ?? '') as ConfigKey;
      return `invalid ${envName(key)} (${key}): ${issue.message}`;
    })
    .join('\n');
}

/** The config as printable JSON: secrets replaced by "[redacted]" (or "" when unset). */
export function redactConfig(config: Config): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(config)) {
    out[k] = secretKeys.has(k as ConfigKey) && v !== '' ? redactValue(k as ConfigKey, String(v)) : v;
  }
  return out;
}

function redactValue(key: ConfigKey, value: string): string {
  if (key === 'databaseUrl') return value.replace(/\/\/([^:@/]*):[^@/]*@/, '//$1:[redacted]@');
  return '[redacted]';
}
