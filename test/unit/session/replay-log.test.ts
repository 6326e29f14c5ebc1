import { expect } from 'chai';
import { eventsAfter, ReplayLog, type LogEntry } from '../../../runtime/session/replay-log.js';

const tok = (token: string, extra: Record<string, unknown> = {}) => ({ id: 's1', token, isSequence: false, isInput: false, ...extra });

describe('session: replay log', () => {
  it('returns what came after an offset, in order, without duplicates', () => {
    const log = new ReplayLog(100);
    const a = log.append('new_message', { id: 'm1' });
    const b = log.append('task_start', {});
    log.append('new_message', { id: 'm2' });
    expect(log.after(a).events.map((e) => e[1])).to.deep.equal(['task_start', 'new_message']);
    expect(log.after(b).events.map((e) => e[2])).to.deep.equal([{ id: 'm2' }]);
    expect(log.after(b).gap).to.equal(false);
    expect(log.after(null)).to.deep.equal({ events: [], gap: false });
  });

  it('keeps the tokens of one stream as one entry and replays from inside it exactly', () => {
    const log = new ReplayLog(100);
    log.append('stream_start', { id: 's1' });
    const offsets = ['Hel', 'lo ', 'wor', 'ld'].map((t) => log.append('stream_token', tok(t)));
    log.append('new_message', { id: 's1', output: 'Hello world' });
    const fromSecond = log.after(offsets[1]).events;
    expect(fromSecond[0]).to.deep.equal([offsets[3], 'stream_token', tok('world')]);
    expect(fromSecond[1]![1]).to.equal('new_message');
    expect(log.after(offsets[3]).events.map((e) => e[1])).to.deep.equal(['new_message']);
    // Offsets stay distinct per token even though the entry is shared.
    expect(new Set(offsets).size).to.equal(4);
  });

  it('does not merge a sequence token, another stream, or input tokens into a run', () => {
    const log = new ReplayLog(100);
    const first = log.append('stream_token', tok('a'));
    log.append('stream_token', tok('b', { isSequence: true }));
    log.append('stream_token', tok('c', { id: 's2' }));
    log.append('stream_token', tok('d', { isInput: true }));
    expect(log.after(first).events.map((e) => (e[2] as { token: string }).token)).to.deep.equal(['b', 'c', 'd']);
  });

  it('is bounded: an offset older than what is kept replays everything kept, with a gap', () => {
    const log = new ReplayLog(3);
    const old = log.append('toast', { n: 0 });
    for (let n = 1; n <= 200; n += 1) log.append('toast', { n });
    const result = log.after(old);
    expect(result.gap).to.equal(true);
    expect(result.events.map((e) => (e[2] as { n: number }).n)).to.deep.equal([198, 199, 200]);
  });

  it('an offset its writer never logged (it died first) replays what others logged after that writer, with a gap', () => {
    const entries: LogEntry[] = [
      { w: 'A', n0: 1, n1: 1, event: 'new_message', payload: 1 },
      { w: 'A', n0: 2, n1: 2, event: 'new_message', payload: 2 },
      { w: 'B', n0: 1, n1: 1, event: 'new_message', payload: 3 },
    ];
    expect(eventsAfter(entries, 'A.9')).to.deep.equal({ events: [['B.1', 'new_message', 3]], gap: true });
    expect(eventsAfter(entries, 'Z.1')).to.deep.equal({ events: [], gap: true });
    expect(eventsAfter(entries, 'garbage').gap).to.equal(true);
  });
});

describe('session: replay log, shipped in pieces', () => {
  it('since(n) cuts a run of tokens at n, so each token is shipped once and the pieces replay exactly', () => {
    const log = new ReplayLog(100);
    const offsets = ['a', 'b', 'c', 'd', 'e'].map((t) => log.append('stream_token', tok(t)));
    const first = log.since(1);
    expect(first.map((e) => e.pieces)).to.deep.equal([['a', 'b', 'c', 'd', 'e']]);
    log.append('stream_token', tok('f'));
    const later = log.since(6);
    expect(later).to.have.length(1);
    expect(later[0]).to.include({ n0: 6, n1: 6 });
    expect(later[0]!.pieces).to.deep.equal(['f']);
    // What a store would hold: both pieces, as separate entries; replay from inside the first.
    const stored: LogEntry[] = [...first, ...later];
    expect(eventsAfter(stored, offsets[2]).events.map((e) => (e[2] as { token: string }).token)).to.deep.equal(['de', 'f']);
  });
});
