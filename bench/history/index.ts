import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { createKnexDataLayer, type KnexDataLayer } from '../../runtime/data/knex/index.js';
import type { Pagination, ThreadFilter } from '../../runtime/data/types.js';
import { createLogger } from '../../runtime/log.js';
import { REPO } from '../lib/proc.js';
import { fmt, percentile, table } from '../lib/stats.js';
import { generateHistory, totals, userId, type HistoryShape } from './data.js';

export interface HistoryBenchOptions {
  shape: HistoryShape;
  /** Timed calls per query (after 3 untimed ones). */
  reps: number;
  databases: Array<'sqlite' | 'postgres'>;
  /** Server-level URL used to create and drop the bench database. */
  pgAdminUrl?: string;
}

interface Query {
  name: string;
  user: number;
  pagination: Pagination | 'deep';
  filter: Omit<ThreadFilter, 'userId'>;
}

const PAGE = 35; // the sidebar's page size
const SEARCH_PAGE = 20; // the search dialog's

function queries(): Query[] {
  const out: Query[] = [];
  for (const [user, who] of [[0, 'heavy user'], [1, 'typical user']] as const) {
    out.push(
      { name: `list, first page (${who})`, user, pagination: { first: PAGE }, filter: {} },
      { name: `list, page 20 by cursor (${who})`, user, pagination: 'deep', filter: {} },
      { name: `search, common word: 10% of threads (${who})`, user, pagination: { first: SEARCH_PAGE }, filter: { search: 'kangaroo' } },
      { name: `search, rare word: 0.1% of threads (${who})`, user, pagination: { first: SEARCH_PAGE }, filter: { search: 'zebra' } },
      { name: `search, no match (${who})`, user, pagination: { first: SEARCH_PAGE }, filter: { search: 'xylophone' } },
      { name: `feedback filter: thumbs up (${who})`, user, pagination: { first: PAGE }, filter: { feedback: 1 } },
    );
  }
  return out;
}

/** The cursor of page 20: the endCursor of page 19. */
async function deepCursor(layer: KnexDataLayer, user: string): Promise<string | null> {
  let cursor: string | null = null;
  for (let page = 1; page < 20; page++) cursor = (await layer.listThreads({ first: PAGE, cursor }, { userId: user })).pageInfo.endCursor;
  return cursor;
}

async function measure(layer: KnexDataLayer, query: Query, reps: number): Promise<{ p50: number; p99: number; rows: number }> {
  const user = userId(query.user);
  const pagination = query.pagination === 'deep' ? { first: PAGE, cursor: await deepCursor(layer, user) } : query.pagination;
  const filter = { ...query.filter, userId: user };
  let rows = 0;
  for (let i = 0; i < 3; i++) rows = (await layer.listThreads(pagination, filter)).data.length;
  const times: number[] = [];
  for (let i = 0; i < reps; i++) {
    const t0 = performance.now();
    await layer.listThreads(pagination, filter);
    times.push(performance.now() - t0);
  }
  return { p50: percentile(times, 50), p99: percentile(times, 99), rows };
}

async function withDatabase<T>(dialect: 'sqlite' | 'postgres', opts: HistoryBenchOptions, fn: (url: string) => Promise<T>): Promise<T> {
  if (dialect === 'sqlite') {
    const dir = join(REPO, 'bench', 'out', `history-${randomBytes(4).toString('hex')}`);
    mkdirSync(dir, { recursive: true });
    try {
      return await fn(`sqlite://${join(dir, 'history.db')}`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  const adminUrl = opts.pgAdminUrl ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const name = `crt_bench_${randomBytes(4).toString('hex')}`;
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await admin(`CREATE DATABASE ${name}`);
  try {
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    return await fn(url.toString());
  } finally {
    await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  }
}

/**
 * Listing and searching threads (`listThreads`, what `POST /project/threads` runs) on a
 * generated history, per database: p50/p99 per page over `reps` calls.
 */
export async function historyBench(opts: HistoryBenchOptions): Promise<string> {
  const { threads, steps } = totals(opts.shape);
  const sections: string[] = [];
  for (const dialect of opts.databases) {
    const text = await withDatabase(dialect, opts, async (url) => {
      const layer = await createKnexDataLayer({ url, storage: null, logger: createLogger({ silent: true }) });
      try {
        const t0 = performance.now();
        await generateHistory(layer.knex, dialect, opts.shape);
        const generated = (performance.now() - t0) / 1000;
        const rows: string[][] = [];
        for (const query of queries()) {
          const r = await measure(layer, query, opts.reps);
          rows.push([query.name, String(r.rows), fmt(r.p50, 2), fmt(r.p99, 2)]);
        }
        const title = `### ${dialect === 'sqlite' ? 'SQLite (sqlite3)' : 'PostgreSQL'}: ${threads.toLocaleString('en-US')} threads, ${steps.toLocaleString('en-US')} steps (generated in ${fmt(generated, 1)} s)`;
        return `${title}\n\n${table(['query (listThreads)', 'rows', 'p50 ms', 'p99 ms'], rows)}`;
      } finally {
        await layer.close();
      }
    });
    sections.push(text);
  }
  const shape = opts.shape;
  return [
    `## history: listing and searching threads (${opts.reps} timed calls per query)`,
    `Heavy user: ${shape.heavyThreads.toLocaleString('en-US')} threads; ${shape.users} typical users: ${shape.threadsPerUser.toLocaleString('en-US')} threads each; ${shape.stepsPerThread} steps per thread.`,
    ...sections,
  ].join('\n\n');
}
