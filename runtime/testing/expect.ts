import type { ElementMatcher, Expectations, TextMatcher } from './spec-types.js';
import type { ChatElement, TurnResult } from './types.js';
import {
  actionMatches, describeMessage, describeStep, describeText, inOrder, messageMatches, showAction, showMessage, showStep,
  stepMatches, subsetMatches, textMatches,
} from './match.js';

/** One expectation that did not hold: what was expected, and what the turn actually did. */
export interface Mismatch {
  /** Key path in the expect block, e.g. `messages[1]`. */
  path: string;
  expected: string;
  /** What there was instead (one line per item). */
  actual: string[];
}

export interface CheckContext {
  userSession(): Record<string, unknown>;
  elementContent(element: ChatElement): Promise<string | null>;
}

const none = (what: string) => [`(no ${what})`];

/** Checks a turn against its expect block; an empty list means it passed. */
export async function checkTurn(expect: Expectations, result: TurnResult, ctx: CheckContext): Promise<Mismatch[]> {
  const out: Mismatch[] = [];
  const strict = expect.strict === true;
  const shownMessages = result.messages.length > 0 ? result.messages.map(showMessage) : none('messages in this turn');

  listCheck(out, 'messages', expect.messages, result.messages, messageMatches, describeMessage, shownMessages, strict);
  for (const [i, m] of (expect.no_messages ?? []).entries()) {
    const hit = result.messages.find((msg) => messageMatches(m, msg));
    if (hit) out.push({ path: `no_messages[${i}]`, expected: `no ${describeMessage(m)}`, actual: [showMessage(hit)] });
  }
  const shownSteps = result.steps.length > 0 ? result.steps.map(showStep) : none('steps in this turn');
  listCheck(out, 'steps', expect.steps, result.steps, stepMatches, describeStep, shownSteps, strict);
  if (expect.elements) await elementCheck(out, expect.elements, result.elements, ctx, strict);

  for (const [i, m] of (expect.actions ?? []).entries()) {
    if (!result.actions.some((a) => actionMatches(m, a))) {
      out.push({ path: `actions[${i}]`, expected: `an action ${typeof m === 'string' ? JSON.stringify(m) : JSON.stringify(m)} offered`, actual: result.actions.length ? result.actions.map(showAction) : none('actions offered') });
    }
  }
  if (strict && expect.actions && expect.actions.length !== result.actions.length) {
    out.push({ path: 'actions', expected: `exactly ${expect.actions.length} action(s) offered`, actual: result.actions.length ? result.actions.map(showAction) : none('actions offered') });
  }
  askCheck(out, expect, result);
  taskListCheck(out, expect, result);
  for (const [i, t] of (expect.toasts ?? []).entries()) {
    const ok = result.toasts.some((x) => (t.type === undefined || x.type === t.type) && (t.message === undefined || textMatches(t.message, x.message)));
    if (!ok) out.push({ path: `toasts[${i}]`, expected: `a ${t.type ?? ''} toast ${t.message ? describeText(t.message) : ''}`.replace(/\s+/g, ' ').trim(), actual: result.toasts.length ? result.toasts.map((x) => `${x.type}: ${JSON.stringify(x.message)}`) : none('toasts in this turn') });
  }
  if (expect.function_call !== undefined) {
    const call = result.functionCall;
    const want = expect.function_call;
    if (want === false ? call !== null : !call || (want.name !== undefined && call.name !== want.name) || (want.args !== undefined && !subsetMatches(want.args, call.args))) {
      out.push({ path: 'function_call', expected: want === false ? 'no function call waiting' : `a call ${JSON.stringify(want)}`, actual: [call ? JSON.stringify(call) : '(no function call waiting)'] });
    }
  }
  if (expect.user_session) {
    const session = ctx.userSession();
    for (const [key, value] of Object.entries(expect.user_session)) {
      if (!subsetMatches(value, session[key])) out.push({ path: `user_session.${key}`, expected: JSON.stringify(value), actual: [session[key] === undefined ? '(not set)' : JSON.stringify(session[key])] });
    }
  }
  errorCheck(out, expect, result);
  return out;
}

function listCheck<M, T>(out: Mismatch[], key: string, matchers: readonly M[] | undefined, items: readonly T[], ok: (m: M, t: T) => boolean, describe: (m: M) => string, shown: string[], strict: boolean): void {
  if (!matchers) return;
  if (strict) {
    matchers.forEach((m, i) => {
      if (i >= items.length || !ok(m, items[i]!)) out.push({ path: `${key}[${i}]`, expected: `${describe(m)} in position ${i + 1}`, actual: shown });
    });
    if (items.length > matchers.length) out.push({ path: key, expected: `exactly ${matchers.length} ${key}`, actual: shown });
    return;
  }
  const failed = inOrder(matchers, items, ok);
  if (failed < 0) return;
  const m = matchers[failed]!;
  const anywhere = items.some((t) => ok(m, t));
  out.push({ path: `${key}[${failed}]`, expected: `${describe(m)}${anywhere ? ' (it is there, but not in this order)' : ''}`, actual: shown });
}

async function elementMatches(m: ElementMatcher, e: ChatElement, ctx: CheckContext): Promise<boolean> {
  if (m.type !== undefined && e.type !== m.type) return false;
  if (m.name !== undefined && e.name !== m.name) return false;
  if (m.display !== undefined && e.display !== m.display) return false;
  if (m.mime !== undefined && e.mime !== m.mime) return false;
  if (m.props !== undefined && !subsetMatches(m.props, e.props ?? {})) return false;
  if (m.content !== undefined) {
    const content = await ctx.elementContent(e);
    if (content === null || !textMatches(m.content as TextMatcher, content)) return false;
  }
  return true;
}

async function elementCheck(out: Mismatch[], matchers: ElementMatcher[], elements: ChatElement[], ctx: CheckContext, strict: boolean): Promise<void> {
  const shown = elements.length > 0 ? elements.map((e) => `${e.type} ${JSON.stringify(e.name)} (${e.display}${e.mime ? `, ${e.mime}` : ''})`) : none('elements in this turn');
  // Resolve the async matches first, then reuse the ordered matching.
  const table = await Promise.all(matchers.map((m) => Promise.all(elements.map((e) => elementMatches(m, e, ctx)))));
  const idx = matchers.map((_, i) => i);
  const describe = (i: number) => `an element ${JSON.stringify(matchers[i])}`;
  listCheck(out, 'elements', idx, elements.map((_, j) => j), (i, j) => table[i]![j]!, describe, shown, strict);
}

function askCheck(out: Mismatch[], expect: Expectations, result: TurnResult): void {
  if (expect.ask === undefined) return;
  const ask = result.ask;
  const actual = ask ? [`${ask.type} question ${JSON.stringify(ask.content)}${ask.actions.length ? ` offering ${ask.actions.map((a) => a.label || a.name).join(', ')}` : ''}`] : ['(no question open)'];
  if (expect.ask === false) {
    if (ask) out.push({ path: 'ask', expected: 'no question open', actual });
    return;
  }
  const want = expect.ask;
  const wrong = !ask
    || (want.type !== undefined && ask.type !== want.type)
    || (want.content !== undefined && !textMatches(want.content, ask.content))
    || (want.actions !== undefined && (want.actions.length !== ask.actions.length || want.actions.some((w, i) => ask.actions[i]!.name !== w && ask.actions[i]!.label !== w)));
  if (wrong) {
    const parts = [want.type ? `a ${want.type} question` : 'a question', want.content !== undefined ? describeText(want.content) : '', want.actions ? `offering ${want.actions.join(', ')}` : ''];
    out.push({ path: 'ask', expected: parts.filter(Boolean).join(' '), actual });
  }
}

function taskListCheck(out: Mismatch[], expect: Expectations, result: TurnResult): void {
  const want = expect.task_list;
  if (!want) return;
  const list = result.taskList;
  const actual = list ? [`status ${JSON.stringify(list.status)}`, ...list.tasks.map((t) => `${t.status}: ${JSON.stringify(t.title)}`)] : ['(no task list)'];
  const tasksOk = !want.tasks || (list !== null && list.tasks.length === want.tasks.length
    && want.tasks.every((w, i) => (w.title === undefined || textMatches(w.title, list.tasks[i]!.title)) && (w.status === undefined || w.status === list.tasks[i]!.status)));
  if (!list || (want.status !== undefined && !textMatches(want.status, list.status)) || !tasksOk) {
    const expected = [want.status !== undefined ? `status ${describeText(want.status)}` : '', ...(want.tasks ?? []).map((t) => `${t.status ?? 'any'}: ${t.title !== undefined ? describeText(t.title) : 'any title'}`)];
    out.push({ path: 'task_list', expected: expected.filter(Boolean).join('; ') || 'a task list', actual });
  }
}

/** Errors fail a turn unless it expects them (error: true / a text, or a messages entry with error: true). */
function errorCheck(out: Mismatch[], expect: Expectations, result: TurnResult): void {
  const errors = result.errors;
  const listed = (expect.messages ?? []).some((m) => typeof m === 'object' && m.error === true);
  const want = expect.error ?? (listed ? undefined : false);
  if (want === undefined) return;
  if (want === false) {
    if (errors.length > 0) out.push({ path: 'error', expected: 'no error message (add `error: true` to the expect block if this one is intended)', actual: errors.map(showMessage) });
  } else if (want === true) {
    if (errors.length === 0) out.push({ path: 'error', expected: 'an error message', actual: none('error message') });
  } else if (!errors.some((e) => textMatches(want, e.content))) {
    out.push({ path: 'error', expected: `an error message ${describeText(want)}`, actual: errors.length ? errors.map(showMessage) : none('error message') });
  }
}
