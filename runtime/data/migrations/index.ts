import type { Knex } from 'knex';
import * as initial from './20261205_01_initial.js';

/**
 * The schema's versions, in order. A change to the schema is a new file here, never an
 * edit of a released one: databases in the field have run the old ones. Listed
 * explicitly (not read from a folder) so they work the same from source and from dist/.
 */
const MIGRATIONS: ReadonlyArray<[name: string, migration: Knex.Migration]> = [
  ['20261205_01_initial', initial],
];

export const migrationSource: Knex.MigrationSource<Knex.Migration> = {
  getMigrations: async () => MIGRATIONS.map(([, m]) => m),
  getMigrationName: (migration) => MIGRATIONS.find(([, m]) => m === migration)![0],
  getMigration: async (migration) => migration,
};

/** The names of every known migration, oldest first. */
export const MIGRATION_NAMES: readonly string[] = MIGRATIONS.map(([name]) => name);

/** Where knex records what ran; named for us so a shared database's own knex tables are left alone. */
export const MIGRATIONS_TABLE = 'chainlit_rt_migrations';
