/**
 * Framework-free parts of the long-thread work (no browser): the flat rows the message
 * list renders (ui/src/components/chat/rows.ts) and the per-frame stream token buffer
 * (ui/src/client/token-buffer.ts).
 */
import { expect } from 'chai';
import { TokenBuffer } from '../../ui/src/client/token-buffer.js';
import { appendToken } from '../../ui/src/client/tree.js';
import type { IStep } from '../../ui/src/client/types.js';
import { flattenRows, type Row } from '../../ui/src/components/chat/rows.js';

const step = (id: string, type: string, steps: IStep[] = [], extra: Partial<IStep> = {}): IStep =>
  ({ id, parentId: null, name: id, type, output: '', createdAt: '2026-01-01T00:00:00Z', steps, ...extra }) as IStep;

const keys = (rows: Row[]) => rows.map((r) => r.key);

describe('message list rows', () => {
  const thread = [
    step('u1', 'user_message', [
      step('run1', 'run', [
        step('tool1', 'tool', [step('inner', 'llm'), step('lifted', 'assistant_message')], { start: 'x', end: 'y' }),
        step('a1', 'assistant_message'),
      ], { name: 'on_message', end: 'z' }),
    ]),
  ];

  it('lists top-level steps in order: run wrappers vanish, messages nested in a step follow it', () => {
    expect(keys(flattenRows(thread, 'full', false))).to.deep.equal(['u1', 'tool1', 'lifted', 'a1']);
  });

  it('drops non-tool steps under cot tool_call and every step under hidden', () => {
    const withLlm = [step('llm1', 'llm', [step('t', 'tool'), step('m', 'assistant_message')])];
    expect(keys(flattenRows(withLlm, 'tool_call', false))).to.deep.equal(['t', 'm']);
    expect(keys(flattenRows(thread, 'hidden', false))).to.deep.equal(['u1', 'lifted', 'a1']);
  });

  it('puts the thinking cursor right after a waiting run, and after a user message whose run has not come', () => {
    const waiting = [step('u1', 'user_message', [step('run1', 'run', [], { name: 'on_message' })])];
    expect(keys(flattenRows(waiting, 'full', true))).to.deep.equal(['u1', 'cursor-run1']);
    expect(keys(flattenRows(waiting, 'full', false))).to.deep.equal(['u1']);
    expect(keys(flattenRows([step('u2', 'user_message')], 'full', true))).to.deep.equal(['u2', 'cursor-pending']);
    const answered = [step('u1', 'user_message', [step('run1', 'run', [step('a', 'assistant_message')], { name: 'on_message' })])];
    expect(keys(flattenRows(answered, 'full', true))).to.deep.equal(['u1', 'a']);
  });

  it('marks rows inside a running run as running', () => {
    const running = [step('run1', 'run', [step('t', 'tool', [], { start: 'x' })], { name: 'on_message' })];
    const row = flattenRows(running, 'full', true)[0]!;
    expect(row.kind === 'step' && row.isRunning).to.equal(true);
  });
});

describe('stream token buffer', () => {
  it('merges tokens per message in arrival order; a sequence token replaces what came before', () => {
    const b = new TokenBuffer();
    for (const token of ['Hel', 'lo', ' world']) b.push({ id: 'm1', token });
    b.push({ id: 'm2', token: 'x', isInput: true });
    b.push({ id: 'm1', token: 'draft', isSequence: true });
    b.push({ id: 'm1', token: 'final', isSequence: true });
    b.push({ id: 'm1', token: '!' });
    expect(b.take()).to.deep.equal([
      { id: 'm1', token: 'Hello world', isSequence: false, isInput: false },
      { id: 'm2', token: 'x', isSequence: false, isInput: true },
      { id: 'm1', token: 'final!', isSequence: true, isInput: false },
    ]);
    expect(b.empty).to.equal(true);
  });

  it('gives the same text as applying every token one by one', () => {
    const tokens = [{ token: 'a' }, { token: 'b' }, { token: 'seq', isSequence: true }, { token: 'c' }, { token: 'd' }];
    let oneByOne = [step('m', 'assistant_message')];
    for (const t of tokens) oneByOne = appendToken(oneByOne, 'm', t.token, Boolean(t.isSequence), false);
    const b = new TokenBuffer();
    for (const t of tokens) b.push({ id: 'm', ...t });
    let batched = [step('m', 'assistant_message')];
    for (const t of b.take()) batched = appendToken(batched, t.id, t.token, Boolean(t.isSequence), false);
    expect(batched[0]!.output).to.equal(oneByOne[0]!.output).and.to.equal('seqcd');
  });
});
