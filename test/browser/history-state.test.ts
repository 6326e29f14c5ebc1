/**
 * The history UI's pure rules, without a browser: the sidebar's date groups and which
 * answers carry feedback buttons.
 */
import { expect } from 'chai';
import { dateGroup, groupThreads } from '../../ui/src/client/history.js';
import type { IStep } from '../../ui/src/client/types.js';
import { feedbackTargets } from '../../ui/src/components/chat/rows.js';

const step = (id: string, type: IStep['type'], extra: Partial<IStep> = {}): IStep => ({ id, name: id, type, output: id, ...extra });

describe('history UI: date groups', () => {
  const now = new Date(2026, 11, 5, 10, 0, 0); // local time, 10:00
  const at = (days: number, hours = 0) => new Date(2026, 11, 5 - days, hours, 30).toISOString();

  it('cuts by calendar day in local time', () => {
    expect(dateGroup(at(0, 0), now)).to.equal('today');
    expect(dateGroup(at(1, 23), now)).to.equal('yesterday');
    expect(dateGroup(at(1, 0), now)).to.equal('yesterday');
    expect(dateGroup(at(2), now)).to.equal('previous7days');
    expect(dateGroup(at(7), now)).to.equal('previous7days');
    expect(dateGroup(at(8), now)).to.equal('previous30days');
    expect(dateGroup(at(30), now)).to.equal('previous30days');
    expect(dateGroup(at(31), now)).to.equal('older');
    expect(dateGroup('not a date', now)).to.equal('today');
  });

  it('groups consecutive threads of the newest-first list', () => {
    const threads = [at(0), at(0), at(1), at(40)].map((createdAt, i) => ({ id: `t${i}`, createdAt }));
    const groups = groupThreads(threads, now).map((g) => [g.group, g.threads.map((t) => t.id)]);
    expect(groups).to.deep.equal([['today', ['t0', 't1']], ['yesterday', ['t2']], ['older', ['t3']]]);
  });
});

describe('history UI: feedback targets', () => {
  it('the last answer of each user-triggered run, never the greeting, not the running run', () => {
    const messages = [
      step('start', 'run', { name: 'on_chat_start', steps: [step('hello', 'assistant_message')] }),
      step('q1', 'user_message'),
      step('run1', 'run', { name: 'on_message', steps: [step('a1', 'assistant_message'), step('tool', 'tool', { steps: [step('a1b', 'assistant_message')] })] }),
      step('q2', 'user_message'),
      step('a2', 'assistant_message'),
      step('q3', 'user_message'),
      step('run3', 'run', { name: 'on_message', steps: [step('a3', 'assistant_message')] }),
    ];
    expect([...feedbackTargets(messages, false)]).to.deep.equal(['a1b', 'a2', 'a3']);
    expect([...feedbackTargets(messages, true)], 'the last run is still going').to.deep.equal(['a1b', 'a2']);
    const streaming = [step('q', 'user_message'), step('a', 'assistant_message', { streaming: true })];
    expect(feedbackTargets(streaming, false).size).to.equal(0);
    expect(feedbackTargets([step('hello', 'assistant_message')], false).size, 'no question, no feedback').to.equal(0);
  });
});
