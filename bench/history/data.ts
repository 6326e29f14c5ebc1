import type { Knex } from 'knex';
import { SQLITE_SEARCH_TRIGGERS } from '../../runtime/data/migrations/20261205_01_initial.js';

/**
 * A history made inside the database with one INSERT … SELECT per table (a generated
 * series, no round trip per row), so 1M steps take seconds. Ids are deterministic
 * UUID-shaped hex built from (user, thread, step) numbers, so every statement can refer to
 * the rows of another without reading them back.
 *
 * Shape: user 0 is a heavy user with `heavyThreads` threads; users 1..`users` have
 * `threadsPerUser` each; every thread has `stepsPerThread` steps, one minute apart. Words
 * to search for: "kangaroo" in the steps of 10% of the threads, "zebra" in 0.1%, and
 * "quokka" in the name of 1%. A thumbs-up on 1% of the threads, a thumbs-down on 1%.
 */
export interface HistoryShape {
  heavyThreads: number;
  users: number;
  threadsPerUser: number;
  stepsPerThread: number;
}

export function totals(shape: HistoryShape): { threads: number; steps: number } {
  const threads = shape.heavyThreads + shape.users * shape.threadsPerUser;
  return { threads, steps: threads * shape.stepsPerThread };
}

/** The id of user `u` (0 = heavy). */
export function userId(u: number): string {
  return `${hex(u, 8)}-0000-4000-8000-000000000000`;
}

function hex(n: number, width: number): string {
  return n.toString(16).padStart(width, '0');
}

interface Sql {
  /** An integer series 1..n as a FROM item named `g(n)`. */
  series(n: number | string): string;
  /** The UUID-shaped id from a user number, a kind digit and a number (SQL expressions). */
  id(user: string, kind: number, n: string): string;
  /** ISO text of the base time plus `minutes`. */
  at(minutes: string): string;
  tags: string;
}

const POSTGRES: Sql = {
  series: (n) => `generate_series(1, ${n}) AS g(n)`,
  id: (user, kind, n) => `(lpad(to_hex(${user}), 8, '0') || '-000${kind}-4000-8000-' || lpad(to_hex(${n}), 12, '0'))::uuid`,
  at: (minutes) => `to_char(timestamp '2026-01-01' + (${minutes}) * interval '1 minute', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`,
  tags: `ARRAY['bench']`,
};

const SQLITE: Sql = {
  series: (n) => `(WITH RECURSIVE s(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM s WHERE n < ${n}) SELECT n FROM s) AS g`,
  id: (user, kind, n) => `printf('%08x-000${kind}-4000-8000-%012x', ${user}, ${n})`,
  at: (minutes) => `strftime('%Y-%m-%dT%H:%M:%fZ', '2026-01-01', '+' || (${minutes}) || ' minutes')`,
  tags: `'["bench"]'`,
};

/** Fills an empty, migrated database. */
export async function generateHistory(knex: Knex, dialect: 'sqlite' | 'postgres', shape: HistoryShape): Promise<void> {
  const sql = dialect === 'postgres' ? POSTGRES : SQLITE;
  const { threads } = totals(shape);
  const steps = shape.stepsPerThread;
  // Thread number t (1..threads) belongs to user 0 up to heavyThreads, then to users 1.. in blocks.
  const owner = `(CASE WHEN t <= ${shape.heavyThreads} THEN 0 ELSE 1 + (t - ${shape.heavyThreads} - 1) / ${shape.threadsPerUser} END)`;
  const threadId = sql.id(owner, 1, 't');

  await knex.transaction(async (trx) => {
    await trx.raw(
      `INSERT INTO users ("id", "identifier", "metadata", "createdAt")
       SELECT ${sql.id('n - 1', 0, '0')}, 'user-' || (n - 1), '{}', ${sql.at('0')} FROM ${sql.series(shape.users + 1)}`,
    );
    // Threads interleave users in time: thread t starts at minute t * steps.
    await trx.raw(
      `INSERT INTO threads ("id", "createdAt", "name", "userId", "userIdentifier", "tags", "metadata", "updatedAt")
       SELECT ${threadId}, ${sql.at(`t * ${steps}`)},
              'Conversation ' || t || CASE WHEN t % 100 = 7 THEN ' about the quokka' ELSE '' END,
              ${sql.id(owner, 0, '0')}, 'user-' || ${owner}, ${sql.tags}, '{"chat_profile": "default"}',
              ${sql.at(`t * ${steps} + ${steps - 1}`)}
       FROM (SELECT n AS t FROM ${sql.series(threads)}) AS th`,
    );
    // SQLite: the search index is built once after the bulk insert ('rebuild'), not row by
    // row through its trigger; PostgreSQL maintains its GIN index in the insert.
    if (dialect === 'sqlite') await trx.raw('DROP TRIGGER steps_search_insert');
    await trx.raw(
      `INSERT INTO steps ("id", "name", "type", "threadId", "parentId", "streaming", "metadata", "input", "output", "createdAt", "start", "end", "showInput")
       SELECT ${sql.id(owner, 2, `t * ${steps} + j`)},
              CASE WHEN j % 2 = 0 THEN 'User' ELSE 'Assistant' END,
              CASE WHEN j % 2 = 0 THEN 'user_message' ELSE 'assistant_message' END,
              ${threadId}, NULL, false, '{}', '',
              'Here is message ' || j || ' of conversation ' || t || ', with a few sentences of ordinary text so that searching has something to read through, like a real answer would.'
                || CASE WHEN t % 10 = 3 AND j = 3 THEN ' A kangaroo appears.' ELSE '' END
                || CASE WHEN t % 1000 = 5 AND j = 5 THEN ' A zebra appears.' ELSE '' END,
              ${sql.at(`t * ${steps} + j`)}, ${sql.at(`t * ${steps} + j`)}, ${sql.at(`t * ${steps} + j`)}, 'false'
       FROM (SELECT n AS t FROM ${sql.series(threads)}) AS th, (SELECT n - 1 AS j FROM ${sql.series(steps)}) AS st`,
    );
    if (dialect === 'sqlite') {
      await trx.raw(`INSERT INTO steps_search(steps_search) VALUES ('rebuild')`);
      await trx.raw(SQLITE_SEARCH_TRIGGERS.steps_search_insert);
    }
    await trx.raw(
      `INSERT INTO feedbacks ("id", "forId", "threadId", "value", "comment")
       SELECT ${sql.id(owner, 3, 't')}, ${sql.id(owner, 2, `t * ${steps} + 1`)}, ${threadId}, CASE WHEN t % 100 = 11 THEN 1 ELSE 0 END, NULL
       FROM (SELECT n AS t FROM ${sql.series(threads)}) AS th WHERE t % 100 IN (11, 12)`,
    );
  });
  // What autovacuum and FTS5's automerge reach on their own in a live database: planner
  // statistics, the GIN pending list flushed, the FTS segments merged.
  if (dialect === 'postgres') {
    await knex.raw('VACUUM ANALYZE');
  } else {
    await knex.raw(`INSERT INTO steps_search(steps_search) VALUES ('optimize')`);
    await knex.raw('ANALYZE');
  }
}
