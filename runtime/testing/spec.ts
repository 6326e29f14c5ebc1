import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import { LineCounter, parseDocument, isMap } from 'yaml';
import { ChainlitRtError, type ManifestIssue } from '../errors.js';
import { issuesFromAjv } from '../manifest/issues.js';
import { formatPath, locate, type KeyPath } from '../manifest/locate.js';
import { displayPath, type ManifestSource } from '../manifest/source.js';
import { packagePath } from '../paths.js';
import type { ConversationSpec, Expectations, SpecLocation, SpecTest, SpecTurn, TurnAction } from './spec-types.js';

/** A spec that cannot run: YAML or schema errors, each located at file:line:column and key path. */
export class SpecError extends ChainlitRtError {
  readonly issues: readonly ManifestIssue[];
  constructor(issues: ManifestIssue[]) {
    const lines = issues.map((i) => `${i.file}:${i.line}:${i.column} ${i.path || '(root)'}: ${i.message}`);
    super('CRT_TEST_SPEC_INVALID', `Invalid conversation spec:\n  ${lines.join('\n  ')}`, { expose: true });
    this.issues = issues;
  }
}

const ACTION_KEYS = ['say', 'click', 'answer', 'starter', 'settings', 'stop', 'wait', 'function_result'] as const;
const DEFAULT_TIMEOUT = 10;

let validator: ValidateFunction | undefined;
function validate(): ValidateFunction {
  if (!validator) {
    const schema = JSON.parse(readFileSync(packagePath('schemas', 'conversation-test.schema.json'), 'utf8')) as object;
    const ajv = new Ajv({ strict: true, allErrors: true, verbose: true, allowUnionTypes: true, strictRequired: false });
    validator = ajv.compile(schema);
  }
  return validator;
}

type Raw = Record<string, unknown>;

/** Reads, validates and normalises a spec file; throws SpecError naming every problem. */
export async function loadSpec(file: string): Promise<ConversationSpec> {
  const abs = resolve(file);
  let text: string;
  try {
    text = await readFile(abs, 'utf8');
  } catch (err) {
    throw new ChainlitRtError('CRT_TEST_SPEC_INVALID', `Conversation spec not found: ${abs}`, { expose: true, cause: err });
  }
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines });
  const source: ManifestSource = { file: abs, shownAs: displayPath(abs), doc, lines };
  const at = (path: KeyPath, atKey = false): SpecLocation => ({ file: source.shownAs, ...locate(source, path, atKey) });
  const issue = (path: KeyPath, message: string, atKey = false): ManifestIssue => ({ ...at(path, atKey), path: formatPath(path), message });

  const syntax = doc.errors.map((e) => {
    const pos = e.linePos?.[0] ?? lines.linePos(e.pos[0]);
    return { file: source.shownAs, line: pos.line, column: pos.col, path: '', message: `YAML syntax error: ${e.message.split('\n')[0]}` };
  });
  if (syntax.length > 0) throw new SpecError(syntax);
  const data: unknown = doc.toJS() ?? {};
  if (!isMap(doc.contents)) throw new SpecError([issue([], 'a conversation spec is a mapping with manifest: and tests:')]);
  const check = validate();
  // "One action per turn" is checked even when the schema fails, so one run reports both kinds.
  const shapeIssues = turnShapeIssues(data, issue);
  if (!check(data)) throw new SpecError(sortIssues([...issuesFromAjv(check.errors ?? [], data, source), ...shapeIssues]));

  const raw = data as Raw;
  const base = dirname(abs);
  const issues: ManifestIssue[] = [...shapeIssues];
  const manifest = resolve(base, raw.manifest as string);
  if (!existsSync(manifest)) issues.push(issue(['manifest'], `no such manifest: ${manifest}`));
  const specTimeout = (raw.timeout as number | undefined) ?? DEFAULT_TIMEOUT;

  const tests = (raw.tests as Raw[]).map((t, ti): SpecTest => {
    const timeout = (t.timeout as number | undefined) ?? specTimeout;
    const turns = (t.turns as Raw[]).map((turn, i): SpecTurn | null => {
      const path = ['tests', ti, 'turns', i];
      if (ACTION_KEYS.filter((k) => k in turn).length !== 1) return null;
      const action = toAction(turn, base);
      for (const f of filesOf(action)) if (!existsSync(f)) issues.push(issue(path, `no such file: ${f}`));
      const expect = (turn.expect as Expectations | undefined) ?? {};
      checkRegexes(expect, [...path, 'expect'], issues, issue);
      return {
        index: i + 1, at: at(path), action, label: labelOf(action), expect,
        until: (turn.until as 'idle' | 'started' | undefined) ?? 'idle',
        timeout: (turn.timeout as number | undefined) ?? timeout,
      };
    });
    if (t.on_start) checkRegexes(t.on_start as Expectations, ['tests', ti, 'on_start'], issues, issue);
    return {
      name: t.name as string,
      at: at(['tests', ti]),
      profile: (t.profile ?? raw.profile) as string | undefined,
      settings: (t.settings ?? raw.settings) as Record<string, unknown> | undefined,
      userEnv: (t.user_env ?? raw.user_env) as Record<string, string> | undefined,
      user: (t.user ?? raw.user) as SpecTest['user'],
      timeout,
      onStart: t.on_start as Expectations | undefined,
      onStartAt: t.on_start ? at(['tests', ti, 'on_start'], true) : undefined,
      turns: turns.filter((x): x is SpecTurn => x !== null),
    };
  });
  const names = tests.map((t) => t.name);
  names.forEach((n, i) => {
    if (names.indexOf(n) !== i) issues.push(issue(['tests', i, 'name'], `two conversations are named ${JSON.stringify(n)}; names must be unique`));
  });
  if (issues.length > 0) throw new SpecError(sortIssues(issues));
  return { file: abs, shownAs: source.shownAs, manifest, env: raw.env as Record<string, string> | undefined, tests };
}

const sortIssues = (issues: ManifestIssue[]) => issues.sort((a, b) => a.line - b.line || a.column - b.column);

/** Each turn does exactly one thing; `command` and `files` only go with `say`. */
function turnShapeIssues(data: unknown, issue: (path: KeyPath, message: string) => ManifestIssue): ManifestIssue[] {
  const out: ManifestIssue[] = [];
  const tests = (data as Raw).tests;
  if (!Array.isArray(tests)) return out;
  tests.forEach((t: unknown, ti) => {
    const turns = typeof t === 'object' && t !== null ? (t as Raw).turns : undefined;
    if (!Array.isArray(turns)) return;
    turns.forEach((turn: unknown, i) => {
      if (typeof turn !== 'object' || turn === null || Array.isArray(turn)) return;
      const path = ['tests', ti, 'turns', i];
      const present = ACTION_KEYS.filter((k) => k in turn);
      if (present.length === 0) out.push(issue(path, `a turn needs one of: ${ACTION_KEYS.join(', ')}`));
      else if (present.length > 1) out.push(issue(path, `a turn does one thing; found ${present.join(' and ')} (split it into turns)`));
      else if (('command' in turn || 'files' in turn) && present[0] !== 'say') out.push(issue(path, '`command` and `files` go with `say`'));
    });
  });
  return out;
}

function toAction(turn: Raw, base: string): TurnAction {
  if ('say' in turn) {
    const files = (turn.files as string[] | undefined)?.map((f) => resolve(base, f));
    return { kind: 'say', text: turn.say as string, ...(turn.command ? { command: turn.command as string } : {}), ...(files ? { files } : {}) };
  }
  if ('click' in turn) return { kind: 'click', target: turn.click as string };
  if ('answer' in turn) {
    const a = turn.answer as string | Raw;
    if (typeof a === 'string' || 'text' in a || 'action' in a) return { kind: 'answer', answer: a as string };
    if ('element' in a) return { kind: 'answer', answer: { element: a.element as Record<string, unknown> } };
    if ('file' in a) return { kind: 'answer', answer: { file: resolve(base, a.file as string) } };
    return { kind: 'answer', answer: { files: (a.files as string[]).map((f) => resolve(base, f)) } };
  }
  if ('starter' in turn) return { kind: 'starter', label: turn.starter as string };
  if ('settings' in turn) return { kind: 'settings', values: turn.settings as Record<string, unknown> };
  if ('stop' in turn) return { kind: 'stop' };
  if ('wait' in turn) return { kind: 'wait', seconds: turn.wait as number };
  return { kind: 'function_result', value: turn.function_result };
}

function filesOf(action: TurnAction): string[] {
  if (action.kind === 'say') return action.files ?? [];
  if (action.kind === 'answer' && typeof action.answer === 'object') {
    if ('file' in action.answer) return [action.answer.file];
    if ('files' in action.answer) return action.answer.files;
  }
  return [];
}

const short = (s: string) => JSON.stringify(s.length > 40 ? `${s.slice(0, 40)}…` : s);

/** How a turn reads in reports: `say "hi"`, `click "Yes"`, `answer file notes.txt` … */
export function labelOf(action: TurnAction): string {
  switch (action.kind) {
    case 'say': return `${action.command ? `/${action.command} ` : ''}say ${short(action.text)}`;
    case 'click': return `click ${short(action.target)}`;
    case 'answer': {
      const a = action.answer;
      if (typeof a === 'string') return `answer ${short(a)}`;
      if ('text' in a) return `answer ${short(a.text)}`;
      if ('action' in a) return `answer with action ${short(a.action)}`;
      if ('element' in a) return `submit element ${JSON.stringify(a.element)}`;
      const files = 'file' in a ? [a.file] : a.files;
      return `answer with file${files.length > 1 ? 's' : ''} ${files.map((f) => f.split(/[\\/]/).at(-1)).join(', ')}`;
    }
    case 'starter': return `starter ${short(action.label)}`;
    case 'settings': return `settings ${JSON.stringify(action.values)}`;
    case 'stop': return 'stop';
    case 'wait': return `wait ${action.seconds} s`;
    case 'function_result': return 'function result';
  }
}

/** Every `regex:` in an expectation block must compile; the error names its line. */
function checkRegexes(node: unknown, path: KeyPath, issues: ManifestIssue[], issue: (p: KeyPath, m: string) => ManifestIssue): void {
  if (Array.isArray(node)) return node.forEach((n, i) => checkRegexes(n, [...path, i], issues, issue));
  if (typeof node !== 'object' || node === null) return;
  const rec = node as Raw;
  if (typeof rec.regex === 'string') {
    try {
      new RegExp(rec.regex, typeof rec.flags === 'string' ? rec.flags : '');
    } catch (err) {
      issues.push(issue([...path, 'regex'], `not a valid regular expression: ${(err as Error).message}`));
    }
  }
  for (const [k, v] of Object.entries(rec)) if (k !== 'user_session' && k !== 'props' && k !== 'payload') checkRegexes(v, [...path, k], issues, issue);
}
