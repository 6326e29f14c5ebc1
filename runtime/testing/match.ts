import type { ActionMatcher, MessageMatcher, StepMatcher, TextMatcher } from './spec-types.js';
import type { ChatAction, ChatMessage, ChatStep } from './types.js';

/** Does `value` satisfy the matcher? A string matches exactly; object keys must all hold. */
export function textMatches(m: TextMatcher, value: string): boolean {
  if (typeof m === 'string') return value === m;
  if (m.exact !== undefined && value !== m.exact) return false;
  if (m.contains !== undefined && !value.includes(m.contains)) return false;
  if (m.regex !== undefined && !new RegExp(m.regex, m.flags ?? '').test(value)) return false;
  return true;
}

export function describeText(m: TextMatcher): string {
  if (typeof m === 'string') return JSON.stringify(m);
  const parts: string[] = [];
  if (m.exact !== undefined) parts.push(JSON.stringify(m.exact));
  if (m.contains !== undefined) parts.push(`containing ${JSON.stringify(m.contains)}`);
  if (m.regex !== undefined) parts.push(`matching /${m.regex}/${m.flags ?? ''}`);
  return parts.join(' and ');
}

function contentOf(m: Exclude<MessageMatcher, string>): TextMatcher | undefined {
  const { exact, contains, regex, flags } = m;
  return exact === undefined && contains === undefined && regex === undefined ? undefined : { exact, contains, regex, flags };
}

export function messageMatches(m: MessageMatcher, msg: ChatMessage): boolean {
  if (typeof m === 'string') return msg.content === m;
  const content = contentOf(m);
  if (content && !textMatches(content, msg.content)) return false;
  if (m.author !== undefined && msg.author !== m.author) return false;
  if (m.type !== undefined && msg.type !== m.type) return false;
  if (m.error !== undefined && msg.isError !== m.error) return false;
  if (m.question !== undefined && msg.waitForAnswer !== m.question) return false;
  return true;
}

export function describeMessage(m: MessageMatcher): string {
  if (typeof m === 'string') return `a message ${JSON.stringify(m)}`;
  const content = contentOf(m);
  const parts = [content ? `a message ${describeText(content)}` : 'a message'];
  if (m.author !== undefined) parts.push(`by ${JSON.stringify(m.author)}`);
  if (m.type !== undefined) parts.push(`of type ${m.type}`);
  if (m.error !== undefined) parts.push(m.error ? '(an error)' : '(not an error)');
  if (m.question !== undefined) parts.push(m.question ? '(a question)' : '(not a question)');
  return parts.join(' ');
}

const clip = (s: string, n = 160) => {
  const flat = JSON.stringify(s);
  return flat.length > n ? `${flat.slice(0, n - 2)}…"` : flat;
};

export function showMessage(msg: ChatMessage): string {
  const flags = [msg.isError ? 'error' : '', msg.waitForAnswer ? 'question' : ''].filter(Boolean).join(', ');
  return `[${msg.author}] ${clip(msg.content)}${flags ? ` (${flags})` : ''}`;
}

export function stepMatches(m: StepMatcher, step: ChatStep): boolean {
  if (m.name !== undefined && step.name !== m.name) return false;
  if (m.type !== undefined && step.type !== m.type) return false;
  if (m.input !== undefined && !textMatches(m.input, step.input)) return false;
  if (m.output !== undefined && !textMatches(m.output, step.output)) return false;
  if (m.parent !== undefined && step.parent !== m.parent) return false;
  if (m.error !== undefined && step.isError !== m.error) return false;
  return true;
}

export function describeStep(m: StepMatcher): string {
  const parts = ['a step'];
  if (m.name !== undefined) parts.push(JSON.stringify(m.name));
  if (m.type !== undefined) parts.push(`of type ${m.type}`);
  if (m.input !== undefined) parts.push(`with input ${describeText(m.input)}`);
  if (m.output !== undefined) parts.push(`with output ${describeText(m.output)}`);
  if (m.parent !== undefined) parts.push(m.parent === null ? 'at top level' : `inside ${JSON.stringify(m.parent)}`);
  if (m.error !== undefined) parts.push(m.error ? '(an error)' : '(not an error)');
  return parts.join(' ');
}

export function showStep(step: ChatStep): string {
  return `${step.name} (${step.type}${step.parent ? `, inside ${step.parent}` : ''}) input ${clip(step.input, 60)} output ${clip(step.output, 80)}`;
}

export function actionMatches(m: ActionMatcher, a: ChatAction): boolean {
  if (typeof m === 'string') return a.name === m || a.label === m;
  if (m.name !== undefined && a.name !== m.name) return false;
  if (m.label !== undefined && a.label !== m.label) return false;
  if (m.payload !== undefined && !subsetMatches(m.payload, a.payload)) return false;
  return true;
}

export function showAction(a: ChatAction): string {
  return `${a.name} ("${a.label}") ${JSON.stringify(a.payload)}`;
}

/**
 * Objects match when every expected key matches (extra keys allowed); arrays need the same
 * length and matching items; anything else must be equal.
 */
export function subsetMatches(expected: unknown, actual: unknown): boolean {
  if (Array.isArray(expected)) {
    return Array.isArray(actual) && actual.length === expected.length && expected.every((e, i) => subsetMatches(e, actual[i]));
  }
  if (typeof expected === 'object' && expected !== null) {
    if (typeof actual !== 'object' || actual === null || Array.isArray(actual)) return false;
    return Object.entries(expected).every(([k, v]) => subsetMatches(v, (actual as Record<string, unknown>)[k]));
  }
  return Object.is(expected, actual) || (expected === null && actual === undefined);
}

/**
 * Matches matchers to items in order, each to a distinct item; items between are allowed.
 * Returns the index of the first matcher that found nothing, or -1.
 */
export function inOrder<M, T>(matchers: readonly M[], items: readonly T[], ok: (m: M, item: T) => boolean): number {
  let at = 0;
  for (let i = 0; i < matchers.length; i++) {
    while (at < items.length && !ok(matchers[i]!, items[at]!)) at++;
    if (at >= items.length) return i;
    at++;
  }
  return -1;
}
