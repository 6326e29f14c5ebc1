import type { Knex } from 'knex';
import { dialectOf } from './dialect.js';

/**
 * Chainlit's SQL schema (users, threads, steps, elements, feedbacks) with its column names,
 * so a database shared with Chainlit stays readable, plus `threads.updatedAt` (last
 * activity, the key of the history list) and the indexes of the list and search queries.
 * PostgreSQL gets UUID, JSONB and TEXT[]; SQLite gets TEXT and JSON text.
 */
export async function up(knex: Knex): Promise<void> {
  const pg = dialectOf(knex) === 'postgres';
  const id = (t: Knex.CreateTableBuilder, name: string) => (pg ? t.uuid(name) : t.text(name));
  const tags = (t: Knex.CreateTableBuilder) => (pg ? t.specificType('tags', 'text[]') : t.jsonb('tags'));

  await knex.schema.createTable('users', (t) => {
    id(t, 'id').primary();
    t.text('identifier').notNullable().unique();
    t.jsonb('metadata').notNullable();
    t.text('createdAt');
  });

  await knex.schema.createTable('threads', (t) => {
    id(t, 'id').primary();
    t.text('createdAt');
    t.text('name');
    id(t, 'userId').references('id').inTable('users').onDelete('CASCADE');
    t.text('userIdentifier');
    tags(t);
    t.jsonb('metadata').notNullable().defaultTo('{}');
    t.text('updatedAt');
    t.index(['userId', 'updatedAt', 'id'], 'threads_user_activity');
  });

  await knex.schema.createTable('steps', (t) => {
    // `seq` orders steps stamped in the same millisecond as they were written, and keys the
    // search index. On SQLite it is the rowid (an INTEGER PRIMARY KEY keeps it stable
    // across VACUUM) and `id` is unique; on PostgreSQL `id` stays the key.
    if (pg) {
      id(t, 'id').primary();
    } else {
      t.increments('seq', { primaryKey: true });
      t.text('id').notNullable().unique();
    }
    t.text('name').notNullable();
    t.text('type').notNullable();
    id(t, 'threadId').notNullable().references('id').inTable('threads').onDelete('CASCADE');
    id(t, 'parentId');
    t.boolean('streaming').notNullable().defaultTo(false);
    t.boolean('waitForAnswer');
    t.boolean('isError');
    t.jsonb('metadata');
    tags(t);
    t.text('input');
    t.text('output');
    t.text('createdAt');
    t.text('command');
    t.text('start');
    t.text('end');
    t.jsonb('generation');
    t.text('showInput');
    t.text('language');
    t.integer('indent');
    t.boolean('defaultOpen');
    t.jsonb('modes');
    t.boolean('autoCollapse');
    if (pg) t.specificType('seq', 'bigserial');
    t.index(['threadId', 'createdAt'], 'steps_thread_created');
  });

  await knex.schema.createTable('elements', (t) => {
    id(t, 'id').primary();
    id(t, 'threadId').references('id').inTable('threads').onDelete('CASCADE');
    t.text('type');
    t.text('url');
    t.text('chainlitKey');
    t.text('name').notNullable();
    t.text('display');
    t.text('objectKey');
    t.text('size');
    t.integer('page');
    t.text('language');
    id(t, 'forId');
    t.text('mime');
    t.jsonb('props');
    t.boolean('autoPlay');
    t.jsonb('playerConfig');
    t.index(['threadId'], 'elements_thread');
    t.index(['forId'], 'elements_for');
  });

  await knex.schema.createTable('feedbacks', (t) => {
    id(t, 'id').primary();
    id(t, 'forId').notNullable();
    id(t, 'threadId').notNullable().references('id').inTable('threads').onDelete('CASCADE');
    t.integer('value').notNullable();
    t.text('comment');
    t.index(['threadId', 'value'], 'feedbacks_thread_value');
    t.index(['forId'], 'feedbacks_for');
  });

  await searchIndexes(knex, pg);
}

/** The triggers that keep SQLite's search index in step with `steps` (the bench reuses them). */
export const SQLITE_SEARCH_TRIGGERS = {
  steps_search_insert: `CREATE TRIGGER steps_search_insert AFTER INSERT ON steps BEGIN
    INSERT INTO steps_search(rowid, "output") VALUES (new.seq, new."output"); END`,
  steps_search_delete: `CREATE TRIGGER steps_search_delete AFTER DELETE ON steps BEGIN
    INSERT INTO steps_search(steps_search, rowid, "output") VALUES ('delete', old.seq, old."output"); END`,
  steps_search_update: `CREATE TRIGGER steps_search_update AFTER UPDATE OF "output" ON steps BEGIN
    INSERT INTO steps_search(steps_search, rowid, "output") VALUES ('delete', old.seq, old."output");
    INSERT INTO steps_search(rowid, "output") VALUES (new.seq, new."output"); END`,
} as const;

/**
 * Search (`listThreads` with `search`) matches substrings of step outputs; without an
 * index that reads every step of the user. PostgreSQL: trigram GIN indexes (pg_trgm, a
 * trusted extension since PostgreSQL 13; where it cannot be created, search still works
 * by scanning, and the log says so). SQLite: an FTS5 trigram index kept in step by
 * triggers.
 */
async function searchIndexes(knex: Knex, pg: boolean): Promise<void> {
  if (!pg) {
    await knex.raw(`CREATE VIRTUAL TABLE steps_search USING fts5("output", content='steps', content_rowid='seq', tokenize='trigram')`);
    for (const ddl of Object.values(SQLITE_SEARCH_TRIGGERS)) await knex.raw(ddl);
    return;
  }
  try {
    // A nested transaction is a savepoint: a refused CREATE EXTENSION leaves the migration going.
    await knex.transaction(async (sp) => {
      await sp.raw('CREATE EXTENSION IF NOT EXISTS pg_trgm');
      await sp.raw('CREATE INDEX steps_output_trgm ON steps USING gin ("output" gin_trgm_ops)');
      await sp.raw('CREATE INDEX threads_name_trgm ON threads USING gin ("name" gin_trgm_ops)');
    });
  } catch (err) {
    knex.client.logger.warn?.(`pg_trgm is not available (${(err as Error).message}): thread search will scan steps instead of using an index`);
  }
}

export async function down(knex: Knex): Promise<void> {
  if (dialectOf(knex) === 'sqlite') await knex.raw('DROP TABLE IF EXISTS steps_search');
  for (const table of ['feedbacks', 'elements', 'steps', 'threads', 'users']) await knex.schema.dropTableIfExists(table);
}
