import { mkdir } from 'node:fs/promises';
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

/** What knex's sqlite3 client hands to `afterCreate`: a node-sqlite3 Database. */
interface SqliteConnection {
  exec(sql: string, callback: (err: Error | null) => void): void;
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
  // sqlite3 (docs/data-layer.md says why this driver): queries run on libuv's thread pool,
  // so a long history search never holds up the event loop and the chats it serves.
  return {
    client: 'sqlite3',
    connection: { filename: target.location },
    useNullAsDefault: true,
    pool: {
      min: 1,
      max: 1,
      afterCreate(conn: SqliteConnection, done: (err: Error | null, conn: SqliteConnection) => void) {
        // WAL: readers never wait for a writer; NORMAL: a commit does not wait for fsync
        // (a power cut may lose the last commits, never corrupt the file).
        conn.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000;', (err) => done(err, conn));
      },
    },
  };
}
