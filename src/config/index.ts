/** Configuration: one zod schema, loaded once by main.ts. Imports nothing from the rest of Newsdesk. */
export { configSchema, databaseLocation, envName, type Config, type ConfigKey } from './schema.ts';
export { loadConfig, redactConfig, ConfigError } from './load.ts';
