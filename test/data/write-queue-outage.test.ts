import { expect } from 'chai';
import { once } from 'node:events';
import pg from 'pg';
import { createKnexDataLayer, type KnexDataLayer } from '../../runtime/data/knex/index.js';
import { WriteQueue } from '../../runtime/data/write-queue.js';
import type { ChainlitRtError } from '../../runtime/errors.js';
import { createLogger } from '../../runtime/log.js';
import type { StepDict } from '../../runtime/wire.js';
import { at, id, step } from './conformance/support.js';
import { createTestDatabase, type TestDatabase } from '../support/postgres.js';
import { startTcpProxy, type TcpProxy } from '../support/cut-proxy.js';

/** Outputs of a thread's stored steps, in order, read past the proxy (straight from PostgreSQL). */
async function storedOutputs(database: TestDatabase, threadId: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  try {
    const res = await client.query<{ output: string }>('SELECT "output" FROM steps WHERE "threadId" = $1 ORDER BY "createdAt", seq', [threadId]);
    return res.rows.map((r) => r.output);
  } finally {
    await client.end();
  }
}

describe('write queue: a PostgreSQL outage during a chat (through a TCP proxy that is cut and restored)', function () {
  this.timeout(60_000);
  let database: TestDatabase;
  let proxy: TcpProxy;
  let layer: KnexDataLayer;
  const logger = createLogger({ silent: true });

  before(async function () {
    database = await createTestDatabase(this);
    proxy = await startTcpProxy(5432);
    const url = new URL(database.url);
    url.port = String(proxy.port);
    layer = await createKnexDataLayer({ url: url.toString(), storage: null, logger });
  });

  after(async () => {
    await layer?.close();
    await proxy?.close();
    await database?.drop();
  });

  afterEach(() => proxy.restore());

  /** A write that records each time it is done, in a shared log. */
  function tracked(log: string[], label: string, fn: () => Promise<unknown>) {
    return async () => {
      await fn();
      log.push(label);
    };
  }

  it('keeps what is sent while the database is away and writes it once, in order, when it is back', async () => {
    const queue = new WriteQueue({ logger, isTransient: (err) => layer.isTransientError!(err), retryDelayMs: { first: 20, max: 200 } });
    const threadA = id();
    const threadB = id();
    const done: string[] = [];
    const first = step(threadA, { output: 'before the outage', createdAt: at(0) });
    queue.enqueue({ threadId: threadA, write: tracked(done, 'a0', () => layer.createStep(first)) });
    await queue.drain();
    expect(await storedOutputs(database, threadA)).to.deep.equal(['before the outage']);

    proxy.cut();
    const outage = once(queue, 'outage');
    const a: StepDict[] = [1, 2, 3].map((n) => step(threadA, { output: `a${n}`, createdAt: at(n) }));
    const b: StepDict[] = [1, 2].map((n) => step(threadB, { output: `b${n}`, createdAt: at(n) }));
    // What a streamed answer does: create the step, then update it with the final text.
    const accepted = [
      queue.enqueue({ threadId: threadA, write: tracked(done, 'a1', () => layer.createStep(a[0]!)) }),
      queue.enqueue({ threadId: threadB, write: tracked(done, 'b1', () => layer.createStep(b[0]!)) }),
      queue.enqueue({ threadId: threadA, write: tracked(done, 'a2', () => layer.createStep({ ...a[1]!, output: '' })) }),
      queue.enqueue({ threadId: threadA, write: tracked(done, 'a2 final', () => layer.updateStep(a[1]!)) }),
      queue.enqueue({ threadId: threadB, write: tracked(done, 'b2', () => layer.createStep(b[1]!)) }),
      queue.enqueue({ threadId: threadA, write: tracked(done, 'a3', () => layer.createStep(a[2]!)) }),
    ];
    expect(accepted).to.deep.equal([true, true, true, true, true, true]);
    await outage;
    expect(queue.down).to.equal(true);
    expect(queue.pending()).to.equal(6);
    expect(await storedOutputs(database, threadA)).to.deep.equal(['before the outage'], 'nothing reached the database meanwhile');
    // A read meanwhile (e.g. the history sidebar) fails with a clear, retryable error.
    const readError = await layer.getThread(threadA).then(() => null, (err: unknown) => err as ChainlitRtError);
    expect(readError).to.include({ code: 'CRT_DATA_UNAVAILABLE', status: 503, expose: true });

    const recovered = once(queue, 'recovered');
    proxy.restore();
    await queue.drain();
    await recovered;
    expect(queue.down).to.equal(false);
    expect(await storedOutputs(database, threadA)).to.deep.equal(['before the outage', 'a1', 'a2', 'a3']);
    expect(await storedOutputs(database, threadB)).to.deep.equal(['b1', 'b2']);
    // Each write was done once, and each thread's writes in the order they were queued.
    expect([...done].sort()).to.deep.equal(['a0', 'a1', 'a2', 'a2 final', 'a3', 'b1', 'b2']);
    expect(done.filter((l) => l.startsWith('a'))).to.deep.equal(['a0', 'a1', 'a2', 'a2 final', 'a3']);
    expect(done.filter((l) => l.startsWith('b'))).to.deep.equal(['b1', 'b2']);
  });

  it('past its bound, a thread\'s backlog refuses writes and reports one visible error', async () => {
    const overflows: Array<{ threadId: string; error: ChainlitRtError }> = [];
    const queue = new WriteQueue({
      logger,
      isTransient: (err) => layer.isTransientError!(err),
      retryDelayMs: { first: 20, max: 200 },
      maxPerThread: 3,
      onOverflow: (threadId, error) => overflows.push({ threadId, error }),
    });
    const threadId = id();
    proxy.cut();
    const outage = once(queue, 'outage');
    const steps = [1, 2, 3, 4, 5].map((n) => step(threadId, { output: `s${n}`, createdAt: at(n) }));
    const accepted = steps.map((s) => queue.enqueue({ threadId, write: () => layer.createStep(s) }));
    expect(accepted).to.deep.equal([true, true, true, false, false]);
    expect(overflows).to.have.length(1, 'one error per backlog, not one per lost write');
    expect(overflows[0]!.threadId).to.equal(threadId);
    expect(overflows[0]!.error.code).to.equal('CRT_PERSISTENCE_BACKLOG');
    expect(overflows[0]!.error.expose).to.equal(true);
    await outage;

    proxy.restore();
    await queue.drain();
    expect(await storedOutputs(database, threadId)).to.deep.equal(['s1', 's2', 's3']);
  });

  it('a write the database refuses is logged and dropped; the thread\'s next writes go on', async () => {
    const queue = new WriteQueue({ logger, isTransient: (err) => layer.isTransientError!(err) });
    const threadId = id();
    const dropped = once(queue, 'dropped');
    queue.enqueue({ threadId, write: () => layer.createStep(step(threadId, { output: 'one', createdAt: at(1) })) });
    // A feedback on a step that does not exist: the database is up, the layer refuses it.
    queue.enqueue({ threadId, label: 'bad feedback', write: () => layer.upsertFeedback({ forId: id(), threadId, value: 1 }) });
    queue.enqueue({ threadId, write: () => layer.createStep(step(threadId, { output: 'two', createdAt: at(2) })) });
    await queue.drain();
    const [write] = (await dropped) as [{ label: string }];
    expect(write.label).to.equal('bad feedback');
    expect(await storedOutputs(database, threadId)).to.deep.equal(['one', 'two']);
  });
});
