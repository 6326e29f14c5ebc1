import { mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import type { Knex } from 'knex';
import { ChainlitRtError } from '../../errors.js';
import type { Dialect } from './db.js';

/** A database URL, parsed: where it points and in which dialect. */
export interface DatabaseTarget {
  dialect: Dialect;
  /** SQLite: absolute file path or `:memory:`. PostgreSQL: the URL itself. */
  location: string;
}

/**
 * `sqlite://<absolute path>` (the manifest loader made it absolute), `sqlite://:memory:`,
 * `postgres://…` / `postgresql://…`. Anything else is refused with a clear message.
 */
export function parseDatabaseUrl(url: string): DatabaseTarget {
  const sqlite = /^sqlite:\/\/(.+)$/.exec(url);
  if (sqlite) return { dialect: 'sqlite', location: sqlite[1]! };
  if (/^postgres(?:ql)?:\/\//.test(url)) return { dialect: 'postgres', location: url };
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1];
  throw new ChainlitRtError(
    'CRT_DATA_LAYER',
    `Unsupported database URL${scheme ? ` scheme "${scheme}:"` : ` "${url}"`}: use sqlite://<file> or postgres://user:password@host:port/database.`,
    { expose: true },
  );
}

/** A URL with its password masked, for logs and messages. */
export function redactUrl(url: string): string {
  return url.replace(/(\/\/[^:/@]+:)[^@]*@/, '$1***@');
}

const require = createRequire(import.meta.url);

type ClientClass = new (config: Knex.Config) => object;
let sqliteClient: ClientClass | undefined;

/**
 * The SQLite driver is `libsql` (docs/data-layer.md says why): it installs a prebuilt binary
 * from the registry, where sqlite3 and better-sqlite3 compile SQLite from source. Its API is
 * better-sqlite3's, so knex's better-sqlite3 client runs it with only the driver swapped.
 */
function libsqlClient(): ClientClass {
  if (!sqliteClient) {
    const BetterSqlite3Client = require('knex/lib/dialects/better-sqlite3/index.js') as ClientClass;
    sqliteClient = class LibsqlClient extends BetterSqlite3Client {
      _driver(): unknown {
        return require('libsql');
      }
    };
  }
  return sqliteClient;
}

interface SqliteConnection {
  pragma(source: string): unknown;
}

/** The knex configuration for a target; SQLite's folder is created on first start. */
export async function knexConfig(target: DatabaseTarget): Promise<Knex.Config> {
  if (target.dialect === 'postgres') {
    return {
      client: 'pg',
      connection: { connectionString: target.location },
      pool: { min: 0, max: 10 },
      // A down database fails fast, so the write queue can keep the write and retry later.
      acquireConnectionTimeout: 10_000,
    };
  }
  if (target.location !== ':memory:') await mkdir(dirname(target.location), { recursive: true });
  return {
    client: libsqlClient() as unknown as typeof Knex.Client,
    connection: { filename: target.location },
    useNullAsDefault: true,
    pool: {
      min: 1,
      max: 1,
      afterCreate(conn: SqliteConnection, done: (err: Error | null, conn: SqliteConnection) => void) {
        try {
          // WAL: readers never wait for a writer; NORMAL: a commit does not wait for fsync
          // (a power cut may lose the last commits, never corrupt the file).
          conn.pragma('journal_mode = WAL');
          conn.pragma('synchronous = NORMAL');
          conn.pragma('foreign_keys = ON');
          conn.pragma('busy_timeout = 5000');
          done(null, conn);
        } catch (err) {
          done(err as Error, conn);
        }
      },
    },
  };
}
