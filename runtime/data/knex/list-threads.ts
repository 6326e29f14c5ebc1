import type { Knex } from 'knex';
import { ChainlitRtError } from '../../errors.js';
import type { ThreadDict } from '../../wire.js';
import type { PaginatedResponse, Pagination, ThreadFilter } from '../types.js';
import { containsSql, isUuid, likePattern, type Db, type Row } from './db.js';
import { threadHead } from './threads.js';

const MAX_PAGE = 200;

/**
 * Threads whose name or any step output contains `text`, case-insensitively. The step side
 * is a set of thread ids the database builds once from its search index (migration 01):
 * pg_trgm serves ILIKE on PostgreSQL; on SQLite the FTS5 trigram table answers a phrase
 * query (it needs 3 characters; shorter texts are matched by LIKE, scanning).
 */
function matching(db: Db, w: Knex.QueryBuilder, text: string): void {
  const { knex } = db;
  const pattern = likePattern(text);
  let steps: Knex.QueryBuilder;
  if (db.dialect === 'sqlite' && [...text].length >= 3) {
    const phrase = `"${text.replace(/"/g, '""')}"`;
    steps = knex('steps as s').select('s.threadId').whereIn('s.seq', knex('steps_search').select('rowid').whereRaw('steps_search MATCH ?', [phrase]));
  } else {
    steps = knex('steps as s').select('s.threadId').whereRaw(containsSql(db, 's."output"'), [pattern]);
  }
  w.whereRaw(containsSql(db, 't."name"'), [pattern]).orWhereIn('t.id', steps);
}

const EMPTY: PaginatedResponse<ThreadDict> = { pageInfo: { hasNextPage: false, startCursor: null, endCursor: null }, data: [] };

/**
 * A page of a user's threads, most recent activity first (`threads.updatedAt`, then id),
 * by keyset: the next page starts after the cursor thread's (updatedAt, id), so a page
 * costs the same however deep it is. Search matches the thread name or any step output;
 * the feedback filter keeps threads with a step rated that value. List items carry their
 * last-activity time in `createdAt`, which the sidebar groups by, and no steps.
 */
export async function listThreads(db: Db, pagination: Pagination, filter: ThreadFilter): Promise<PaginatedResponse<ThreadDict>> {
  if (!filter.userId) throw new ChainlitRtError('CRT_DATA_LAYER', 'listThreads needs filter.userId.', { expose: true, status: 400 });
  if (!isUuid(filter.userId)) return EMPTY;
  const first = Math.max(1, Math.min(MAX_PAGE, Math.floor(Number(pagination.first) || 20)));
  const { knex } = db;

  const query = knex('threads as t').where('t.userId', filter.userId);
  if (pagination.cursor) {
    if (!isUuid(pagination.cursor)) return EMPTY;
    const cursor = (await knex('threads').where({ id: pagination.cursor, userId: filter.userId }).first('updatedAt', 'id')) as Row | undefined;
    // The cursor thread was deleted meanwhile: its place is unknown, so the list ends there.
    if (!cursor) return EMPTY;
    // A row-value comparison, which both databases answer from the (userId, updatedAt, id) index.
    query.whereRaw(`("t"."updatedAt", "t"."id") < (?, ?${db.dialect === 'postgres' ? '::uuid' : ''})`, [cursor.updatedAt as string, cursor.id as string]);
  }
  const search = filter.search?.trim();
  if (search) query.where((w) => matching(db, w, search));
  if (filter.feedback === 0 || filter.feedback === 1) {
    query.whereExists(knex('feedbacks as f').select(knex.raw('1')).whereRaw('f."threadId" = t."id"').andWhere('f.value', filter.feedback));
  }
  const rows = (await query
    .select('t.id', 't.name', 't.userId', 't.userIdentifier', 't.tags', 't.metadata', 't.updatedAt')
    .orderBy([{ column: 't.updatedAt', order: 'desc' }, { column: 't.id', order: 'desc' }])
    .limit(first + 1)) as Row[];

  const page = rows.slice(0, first).map((row) => threadHead(row, row.updatedAt));
  return {
    pageInfo: {
      hasNextPage: rows.length > first,
      startCursor: page[0]?.id ?? null,
      endCursor: page[page.length - 1]?.id ?? null,
    },
    data: page,
  };
}
