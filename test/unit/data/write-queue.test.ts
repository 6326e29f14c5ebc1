import { expect } from 'chai';
import { once } from 'node:events';
import { DeferredWrites } from '../../../runtime/data/deferred.js';
import { WriteQueue, type PendingWrite } from '../../../runtime/data/write-queue.js';
import { createLogger } from '../../../runtime/log.js';

const logger = createLogger({ silent: true });

/** A write that completes when the test says so. */
function gate(): { promise: Promise<void>; open: () => void } {
  let open!: () => void;
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}

describe('WriteQueue', () => {
  it('does one thread\'s writes one at a time, in order; other threads do not wait for it', async () => {
    const queue = new WriteQueue({ logger });
    const log: string[] = [];
    const slow = gate();
    queue.enqueue({ threadId: 'A', write: async () => { log.push('A1 start'); await slow.promise; log.push('A1 end'); } });
    queue.enqueue({ threadId: 'A', write: async () => { log.push('A2'); } });
    queue.enqueue({ threadId: 'B', write: async () => { log.push('B1'); } });
    await queue.drain('B');
    expect(log).to.deep.equal(['A1 start', 'B1']);
    expect(queue.pending('A')).to.equal(2);
    slow.open();
    await queue.drain();
    expect(log).to.deep.equal(['A1 start', 'B1', 'A1 end', 'A2']);
    expect(queue.pending()).to.equal(0);
  });

  it('enqueue returns at once: the caller never waits for the database', () => {
    const queue = new WriteQueue({ logger });
    const never = new Promise<void>(() => undefined);
    const results = [1, 2, 3].map(() => queue.enqueue({ threadId: 'T', write: () => never }));
    expect(results).to.deep.equal([true, true, true]);
    expect(queue.pending('T')).to.equal(3);
  });

  it('a later write with the same key replaces a waiting one in place (never the one in flight)', async () => {
    const queue = new WriteQueue({ logger });
    const log: string[] = [];
    const first = gate();
    const write = (label: string, wait?: Promise<void>): PendingWrite['write'] => async () => { if (wait) await wait; log.push(label); };
    queue.enqueue({ threadId: 'T', key: 'step:1', write: write('create 1', first.promise) });
    queue.enqueue({ threadId: 'T', key: 'step:1', write: write('update 1 (a)') });
    queue.enqueue({ threadId: 'T', key: 'step:2', write: write('create 2') });
    queue.enqueue({ threadId: 'T', key: 'step:1', write: write('update 1 (b)') });
    expect(queue.pending('T')).to.equal(3);
    first.open();
    await queue.drain();
    expect(log).to.deep.equal(['create 1', 'update 1 (b)', 'create 2']);
  });

  it('retries a transient failure until it succeeds, then goes on in order', async () => {
    const queue = new WriteQueue({ logger, retryDelayMs: { first: 1, max: 4 }, isTransient: (err) => (err as Error).message === 'down' });
    let failures = 3;
    const log: string[] = [];
    const outage = once(queue, 'outage');
    const recovered = once(queue, 'recovered');
    queue.enqueue({ threadId: 'T', write: async () => { if (failures-- > 0) throw new Error('down'); log.push('first'); } });
    queue.enqueue({ threadId: 'T', write: async () => { log.push('second'); } });
    await outage;
    await queue.drain();
    await recovered;
    expect(log).to.deep.equal(['first', 'second']);
    expect(failures).to.equal(-1);
  });

  it('while the database is away, one write probes it; the other threads wait rather than hammer it', async () => {
    let down = true;
    const attempts: string[] = [];
    const queue = new WriteQueue({ logger, retryDelayMs: { first: 1, max: 2 } });
    const atProbeFailure: number[] = [];
    queue.on('probe-failed', () => atProbeFailure.push(attempts.length));
    const write = (label: string) => async () => {
      attempts.push(label);
      if (down) throw new Error('down');
    };
    for (const t of ['A', 'B', 'C']) queue.enqueue({ threadId: t, write: write(t) });
    await once(queue, 'outage');
    while (atProbeFailure.length < 5) await once(queue, 'probe-failed');
    // The three writes in flight when the link broke failed together; after that, one attempt per retry.
    expect(atProbeFailure).to.deep.equal([4, 5, 6, 7, 8]);
    down = false;
    await queue.drain();
    expect(attempts.slice(-3).sort()).to.deep.equal(['A', 'B', 'C']);
    expect(queue.down).to.equal(false);
  });

  it('a non-transient failure is dropped and reported; the thread goes on', async () => {
    const queue = new WriteQueue({ logger, isTransient: () => false });
    const log: string[] = [];
    const dropped = once(queue, 'dropped');
    queue.enqueue({ threadId: 'T', label: 'bad', write: async () => { throw new Error('constraint'); } });
    queue.enqueue({ threadId: 'T', write: async () => { log.push('next'); } });
    await queue.drain();
    const [write, err] = (await dropped) as [PendingWrite, Error];
    expect(write.label).to.equal('bad');
    expect(err.message).to.equal('constraint');
    expect(log).to.deep.equal(['next']);
  });

  it('close refuses new writes, waits for queued ones and tells how many were left', async () => {
    const queue = new WriteQueue({ logger });
    const done: string[] = [];
    queue.enqueue({ threadId: 'T', write: async () => { done.push('kept'); } });
    expect(await queue.close(1000)).to.equal(0);
    expect(done).to.deep.equal(['kept']);
    expect(queue.enqueue({ threadId: 'T', write: async () => { done.push('late'); } })).to.equal(false);
    expect(done).to.deep.equal(['kept']);
  });
});

describe('DeferredWrites (nothing persisted before the first interaction)', () => {
  it('holds writes until release, hands them over in order, then passes new ones straight through', () => {
    const sunk: string[] = [];
    const held = new DeferredWrites((w) => sunk.push(w.label!), logger);
    held.add({ threadId: 'T', label: 'greeting', write: async () => undefined });
    held.add({ threadId: 'T', label: 'element', write: async () => undefined });
    expect(sunk).to.deep.equal([]);
    expect(held.size).to.equal(2);
    expect(held.released).to.equal(false);
    held.release();
    expect(sunk).to.deep.equal(['greeting', 'element']);
    held.add({ threadId: 'T', label: 'answer', write: async () => undefined });
    expect(sunk).to.deep.equal(['greeting', 'element', 'answer']);
    held.release();
    expect(sunk).to.have.length(3);
  });

  it('discard forgets what was held: a visitor who never types leaves nothing', () => {
    const sunk: string[] = [];
    const held = new DeferredWrites((w) => sunk.push(w.label!), logger);
    held.add({ threadId: 'T', label: 'greeting', write: async () => undefined });
    held.discard();
    held.release();
    expect(sunk).to.deep.equal([]);
  });

  it('a held write with the key of an earlier one replaces it; past the limit, writes are dropped', () => {
    const sunk: string[] = [];
    const held = new DeferredWrites((w) => sunk.push(w.label!), logger, 2);
    held.add({ threadId: 'T', key: 'step:1', label: 'create', write: async () => undefined });
    held.add({ threadId: 'T', key: 'step:1', label: 'update', write: async () => undefined });
    held.add({ threadId: 'T', label: 'second', write: async () => undefined });
    held.add({ threadId: 'T', label: 'over the limit', write: async () => undefined });
    held.release();
    expect(sunk).to.deep.equal(['update', 'second']);
  });
});
