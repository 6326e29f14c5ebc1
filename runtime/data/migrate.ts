import type { Knex } from 'knex';
import { setTimeout as delay } from 'node:timers/promises';
import { ChainlitRtError } from '../errors.js';
import type { Logger } from '../log.js';
import { MIGRATION_NAMES, MIGRATIONS_TABLE, migrationSource } from './migrations/index.js';

const CONFIG: Knex.MigratorConfig = { migrationSource, tableName: MIGRATIONS_TABLE };

export interface MigrationStatus {
  applied: string[];
  pending: string[];
}

/** Which migrations this database has run and which it still needs. */
export async function migrationStatus(knex: Knex): Promise<MigrationStatus> {
  try {
    const [completed, pending] = (await knex.migrate.list(CONFIG)) as [Array<{ name: string }>, unknown[]];
    const applied = completed.map((m) => m.name);
    return { applied, pending: MIGRATION_NAMES.filter((n) => !applied.includes(n)) };
  } catch (err) {
    throw migrationError(err);
  }
}

/**
 * Brings the schema to the latest version; returns the names of the migrations it ran.
 * Several instances may start at once: one runs the migrations under knex's lock, and the
 * others wait for it (up to `lockWaitMs`) and then find nothing left to do.
 */
export async function migrateLatest(knex: Knex, logger: Logger, lockWaitMs = 60_000): Promise<string[]> {
  const deadline = Date.now() + lockWaitMs;
  for (let wait = 100; ; wait = Math.min(wait * 2, 2000)) {
    try {
      const [, names] = (await knex.migrate.latest(CONFIG)) as [number, string[]];
      if (names.length > 0) logger.info({ migrations: names }, 'database schema migrated');
      return names;
    } catch (err) {
      if (!anotherInstanceMigrating(err) || Date.now() > deadline) throw migrationError(err);
      logger.info('another instance is migrating the database; waiting for it');
      await delay(wait);
    }
  }
}

/**
 * knex's lock covers the migrations, not the creation of its own bookkeeping tables: two
 * instances creating those at once collide, and the loser just has to try again.
 */
function anotherInstanceMigrating(err: unknown): boolean {
  if ((err as Error).name === 'MigrationLocked') return true;
  const message = err instanceof Error ? err.message : '';
  return message.includes(MIGRATIONS_TABLE) && /already exists|duplicate key|UNIQUE constraint/i.test(message);
}

function migrationError(err: unknown): ChainlitRtError {
  if (err instanceof ChainlitRtError) return err;
  const message = err instanceof Error ? err.message : String(err);
  if (/migration directory is corrupt/i.test(message)) {
    return new ChainlitRtError(
      'CRT_DATA_LAYER',
      `The database was migrated by a newer chainlit-rt (${message.replace(/^.*missing:\s*/i, 'unknown migrations: ')}); upgrade chainlit-rt to use it.`,
      { expose: true, cause: err },
    );
  }
  if ((err as Error).name === 'MigrationLocked') {
    return new ChainlitRtError('CRT_DATA_LAYER', `The migration lock (table ${MIGRATIONS_TABLE}_lock) is held; if no migration is running, set its is_locked to 0.`, { expose: true, cause: err });
  }
  return new ChainlitRtError('CRT_DATA_LAYER', `Could not migrate the database: ${message}`, { expose: true, cause: err });
}
