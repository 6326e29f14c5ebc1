/**
 * The message list as a flat sequence of rows: each top-level `.step` and each thinking
 * cursor. Run wrappers and steps hidden by `ui.cot` give way to their children, and
 * assistant messages nested in a step are lifted after it (DOM-CONTRACT §4). Flat rows
 * let the list render only its tail (see MessageList) and keep every row memoised.
 */
import type { IStep } from '../../client/types.js';
import { RUN_NAMES, type MessageConfig } from './message-context.js';

export type Row =
  | { kind: 'step'; key: string; message: IStep; isRunning?: boolean }
  | { kind: 'cursor'; key: string };

const isMessageType = (s: IStep) => s.type.includes('message');

function hasActiveToolStep(step: IStep): boolean {
  return (
    step.steps?.some(
      (s) => (s.type === 'tool' && !!s.start && !s.end && !s.isError) || isMessageType(s) || hasActiveToolStep(s),
    ) ?? false
  );
}

function hasAssistantMessage(step: IStep): boolean {
  return step.steps?.some((s) => s.type === 'assistant_message' || hasAssistantMessage(s)) ?? false;
}

export const isRunWrapper = (m: IStep) => m.type === 'run' && RUN_NAMES.includes(m.name);

/** Whether a step is not drawn under this `ui.cot` (its children are, in its place). */
export function isHiddenStep(m: IStep, cot: MessageConfig['cot']): boolean {
  return !isMessageType(m) && (cot === 'hidden' || (cot === 'tool_call' && m.type !== 'tool'));
}

/** A run wrapper that waits for its first answer shows the thinking cursor after it. */
export function showsCursor(run: IStep, cot: MessageConfig['cot'], running: boolean): boolean {
  return run.name !== 'on_chat_start' && running && (cot === 'hidden' ? !hasAssistantMessage(run) : !hasActiveToolStep(run));
}

export function flattenRows(messages: IStep[], cot: MessageConfig['cot'], loading: boolean): Row[] {
  const rows: Row[] = [];
  const walk = (list: IStep[], isRunning: boolean | undefined) => {
    for (const m of list) {
      if (isRunWrapper(m)) {
        const running = !m.end && !m.isError && loading;
        if (m.steps?.length) walk(m.steps, running);
        if (showsCursor(m, cot, running)) rows.push({ kind: 'cursor', key: `cursor-${m.id}` });
        continue;
      }
      if (isHiddenStep(m, cot)) {
        if (m.steps?.length) walk(m.steps, isRunning);
        continue;
      }
      rows.push({ kind: 'step', key: m.id, message: m, isRunning });
      if (!m.steps?.length) continue;
      // A step keeps its non-message children in its body; messages follow it.
      walk(isMessageType(m) ? m.steps : m.steps.filter(isMessageType), isRunning);
    }
  };
  walk(messages, undefined);
  const last = messages[messages.length - 1];
  // A user message whose run has not arrived yet still gets the thinking cursor.
  if (loading && last?.type === 'user_message' && !last.steps?.length) rows.push({ kind: 'cursor', key: 'cursor-pending' });
  return rows;
}

function lastAssistant(list: IStep[]): IStep | undefined {
  let found: IStep | undefined;
  for (const s of list) {
    if (s.type === 'assistant_message') found = s;
    const inner = s.steps?.length ? lastAssistant(s.steps) : undefined;
    if (inner) found = inner;
  }
  return found;
}

/**
 * The answers that get thumbs up/down: the last assistant message of each user-triggered
 * run (what follows a user message up to the next one), never the `on_chat_start`
 * greeting, and not the run still going on.
 */
export function feedbackTargets(messages: IStep[], loading: boolean): Set<string> {
  const out = new Set<string>();
  let segment: IStep[] | null = null;
  const close = (running: boolean) => {
    const m = segment && !running ? lastAssistant(segment) : undefined;
    if (m && !m.streaming) out.add(m.id);
  };
  for (const m of messages) {
    if (m.type === 'user_message') {
      close(false);
      segment = [...(m.steps ?? [])];
    } else segment?.push(m);
  }
  close(loading);
  return out;
}
