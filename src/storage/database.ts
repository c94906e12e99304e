/**
 * Opens the one database Newsdesk uses: embedded SQLite (better-sqlite3; WAL, foreign keys, busy timeout) or
 * PostgreSQL (pg pool) when the URL is a postgres:// URL. Both are driven through Kysely with one schema.
 * Dialect differences live in the named helpers below, nowhere else.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { Kysely, PostgresDialect, SqliteDialect, sql, type RawBuilder } from 'kysely';
import type { Schema } from './schema.ts';

export type DialectName = 'sqlite' | 'postgres';

export interface Database {
  db: Kysely<Schema>;
  dialect: DialectName;
  /** The connection string it was opened with (postgres) or the SQLite file path. */
  location: string;
  /** PostgreSQL pool (for drivers that need raw pg, e.g. pg-boss); null on SQLite. */
  pgPool: pg.Pool | null;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** postgres:// URL, `sqlite:<path>`, a bare file path, or ":memory:". */
  url: string;
  /** PostgreSQL only: schema to use (created if missing); tests use one per run. */
  pgSchema?: string;
  /** PostgreSQL pool size (default 10). */
  poolSize?: number;
}

/** True when `url` selects PostgreSQL. */
export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//.test(url);
}

/**
 * Opens (and for SQLite, creates) the database. Does not migrate: call `migrateToLatest` after.
 * @throws when the SQLite file cannot be opened or the PostgreSQL schema cannot be created.
 */
export async function openDatabase(options: OpenOptions): Promise<Database> {
  if (isPostgresUrl(options.url)) return openPostgres(options);
  return openSqlite(options.url.replace(/^sqlite:/, ''));
}

function openSqlite(path: string): Database {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const handle = new SQLite(path);
  handle.pragma('journal_mode = WAL');
  handle.pragma('foreign_keys = ON');
  handle.pragma('busy_timeout = 5000');
  handle.pragma('synchronous = NORMAL');
  const db = new Kysely<Schema>({ dialect: new SqliteDialect({ database: handle }) });
  return {
    db,
    dialect: 'sqlite',
    location: path,
    pgPool: null,
    close: () => db.destroy(),
  };
}

async function openPostgres(options: OpenOptions): Promise<Database> {
  const schema = options.pgSchema;
  if (schema && !/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`invalid PostgreSQL schema name: ${schema}`);
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.poolSize ?? 10,
    // int8 (epoch ms) and numeric come back as JS numbers: all our int8 values are < 2^53.
    types: {
      getTypeParser: (oid: number, format?: 'text' | 'binary') =>
        oid === 20 || oid === 1700 ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format),
    },
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  if (schema) await pool.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
  const db = new Kysely<Schema>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    dialect: 'postgres',
    location: options.url,
    pgPool: pool,
    close: async () => {
      await db.destroy();
      // Kysely ends the pool only if it ever used it; pg-boss-only processes must not leak idle connections.
      if (!(pool as pg.Pool & { ended?: boolean }).ended) await pool.end();
    },
  };
}

/** `true`/`false` as the dialect stores booleans (we use 0/1 integers on both engines). */
export function bool(value: boolean): number {
  return value ? 1 : 0;
}

/** Case-insensitive LIKE: `ILIKE` on PostgreSQL, `LIKE` (ASCII case-insensitive) on SQLite. */
export function ilike(dialect: DialectName): 'ilike' | 'like' {
  return dialect === 'postgres' ? 'ilike' : 'like';
}

/** Current time in epoch ms (the only timestamp format Newsdesk stores). */
export function nowMs(): number {
  return Date.now();
}

/** SQL fragment `greatest(a, b)` / SQLite's two-argument `max(a, b)`. */
export function greatest(dialect: DialectName, a: RawBuilder<unknown>, b: RawBuilder<unknown>): RawBuilder<number> {
  return dialect === 'postgres' ? sql<number>`greatest(${a}, ${b})` : sql<number>`max(${a}, ${b})`;
}
