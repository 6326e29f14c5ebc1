import { ManifestError, type ManifestIssue } from '../errors.js';
import { resolve } from 'node:path';
import { displayPath } from '../manifest/source.js';
import type { Logger } from '../log.js';
import { checkTurn, type Mismatch } from './expect.js';
import { loadSpec, SpecError } from './spec.js';
import type { ConversationSpec, Expectations, SpecLocation, SpecTest, SpecTurn } from './spec-types.js';
import { startTestApp, type TestApp, type TestClient } from './test-client.js';
import type { TurnResult } from './types.js';

export type Status = 'passed' | 'failed';

/** Where a conversation went wrong: the turn, its place in the file, and what differed. */
export interface Failure {
  /** `chat start` or `turn 2: answer "Ada"`. */
  turn: string;
  at: SpecLocation;
  mismatches: Mismatch[];
  /** A turn that could not run or finish (timeout, no such action …), instead of mismatches. */
  error?: string;
}

export interface TestOutcome {
  name: string;
  at: SpecLocation;
  status: Status;
  /** Turns that ran and passed. */
  turnsPassed: number;
  turnsTotal: number;
  failure?: Failure;
  durationMs: number;
}

export interface SpecOutcome {
  /** The spec file as shown (relative to the working directory). */
  file: string;
  status: Status;
  tests: TestOutcome[];
  /** The spec could not run at all (invalid spec, app failed to start). */
  error?: string;
  issues?: readonly ManifestIssue[];
  durationMs: number;
}

export interface RunSummary {
  specs: SpecOutcome[];
  passed: number;
  failed: number;
  durationMs: number;
}

/** Receives progress as specs run; see reporters/. */
export interface Reporter {
  start?(info: { specs: number; tests: number }): void;
  specStart?(file: string): void;
  testEnd?(file: string, test: TestOutcome): void;
  specEnd?(spec: SpecOutcome): void;
  end(summary: RunSummary): void;
}

export interface RunOptions {
  /** How many spec files run at once, each with its own app instance (default 1). */
  parallel?: number;
  reporter?: Reporter;
  /** Milliseconds of silence that settle a turn (default 75). */
  quietMs?: number;
  /** Logger for the apps under test (default: silent). */
  logger?: Logger;
}

/** Loads every spec, then runs them (`parallel` at a time); specs that fail to load count as failed. */
export async function runSpecFiles(files: readonly string[], options: RunOptions = {}): Promise<RunSummary> {
  const started = Date.now();
  const loaded = await Promise.all(files.map(async (file) => {
    try {
      return { file, spec: await loadSpec(file) };
    } catch (err) {
      return { file, failed: invalidSpec(displayPath(resolve(file)), err, Date.now()) };
    }
  }));
  const tests = loaded.reduce((n, l) => n + (l.spec ? l.spec.tests.length : 1), 0);
  options.reporter?.start?.({ specs: files.length, tests });
  const outcomes: SpecOutcome[] = new Array(loaded.length);
  let next = 0;
  const worker = async () => {
    while (next < loaded.length) {
      const i = next++;
      const item = loaded[i]!;
      options.reporter?.specStart?.(item.spec?.shownAs ?? item.file);
      const outcome = item.spec ? await runSpec(item.spec, options) : item.failed!;
      if (!item.spec) options.reporter?.testEnd?.(outcome.file, outcome.tests[0]!);
      options.reporter?.specEnd?.(outcome);
      outcomes[i] = outcome;
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(options.parallel ?? 1, loaded.length)) }, worker));
  const all = outcomes.flatMap((o) => o.tests);
  const summary: RunSummary = { specs: outcomes, passed: all.filter((t) => t.status === 'passed').length, failed: all.filter((t) => t.status === 'failed').length, durationMs: Date.now() - started };
  options.reporter?.end(summary);
  return summary;
}

function errorText(err: unknown): string {
  if (err instanceof Error) return (err as { code?: string }).code ? err.message : (err.stack ?? err.message);
  return String(err);
}

/** A spec that cannot run is reported as one failed test named after the file. */
function invalidSpec(file: string, err: unknown, started: number, name = '(spec file)'): SpecOutcome {
  const issues = err instanceof SpecError || err instanceof ManifestError ? err.issues : undefined;
  const first = issues?.[0];
  const at: SpecLocation = first ? { file: first.file, line: first.line, column: first.column } : { file, line: 1, column: 1 };
  const error = errorText(err);
  const test: TestOutcome = { name, at, status: 'failed', turnsPassed: 0, turnsTotal: 0, failure: { turn: name === '(spec file)' ? 'loading the spec' : 'starting the app', at, mismatches: [], error }, durationMs: Date.now() - started };
  return { file, status: 'failed', tests: [test], error, issues, durationMs: Date.now() - started };
}

/** Runs one spec: one app instance for the file, a fresh chat session per conversation. */
export async function runSpec(spec: ConversationSpec, options: RunOptions = {}): Promise<SpecOutcome> {
  const started = Date.now();
  let app: TestApp;
  try {
    app = await startTestApp(spec.manifest, { logger: options.logger, env: spec.env });
  } catch (err) {
    return invalidSpec(spec.shownAs, err, started, `app ${displayPath(spec.manifest)}`);
  }
  const tests: TestOutcome[] = [];
  try {
    for (const test of spec.tests) {
      const outcome = await runConversation(app, test, options);
      tests.push(outcome);
      options.reporter?.testEnd?.(spec.shownAs, outcome);
    }
  } finally {
    await app.close();
  }
  return { file: spec.shownAs, status: tests.every((t) => t.status === 'passed') ? 'passed' : 'failed', tests, durationMs: Date.now() - started };
}

async function runConversation(app: TestApp, test: SpecTest, options: RunOptions): Promise<TestOutcome> {
  const started = Date.now();
  const base = { name: test.name, at: test.at, turnsTotal: test.turns.length };
  const fail = (failure: Failure, turnsPassed: number): TestOutcome => ({ ...base, status: 'failed', turnsPassed, failure, durationMs: Date.now() - started });
  let chat: TestClient;
  try {
    chat = await app.open({ profile: test.profile, userEnv: test.userEnv, user: test.user, settings: test.settings, timeout: test.timeout, quietMs: options.quietMs });
  } catch (err) {
    return fail({ turn: 'chat start', at: test.onStartAt ?? test.at, mismatches: [], error: errorText(err) }, 0);
  }
  try {
    const startCheck = await check(chat, test.onStart ?? {}, chat.started);
    if (startCheck.length > 0) return fail({ turn: 'chat start', at: test.onStartAt ?? test.at, mismatches: startCheck }, 0);
    for (const turn of test.turns) {
      const name = `turn ${turn.index}: ${turn.label}`;
      chat.timeout = turn.timeout;
      let result: TurnResult;
      try {
        result = await perform(chat, turn);
      } catch (err) {
        // A turn that cannot run or finish fails its conversation; the other conversations go on.
        return fail({ turn: name, at: turn.at, mismatches: [], error: errorText(err) }, turn.index - 1);
      }
      const mismatches = await check(chat, turn.expect, result);
      if (mismatches.length > 0) return fail({ turn: name, at: turn.at, mismatches }, turn.index - 1);
    }
    return { ...base, status: 'passed', turnsPassed: test.turns.length, durationMs: Date.now() - started };
  } finally {
    await chat.close();
  }
}

function check(chat: TestClient, expect: Expectations, result: TurnResult): Promise<Mismatch[]> {
  return checkTurn(expect, result, { userSession: () => chat.userSession, elementContent: (e) => chat.elementContent(e) });
}

function perform(chat: TestClient, turn: SpecTurn): Promise<TurnResult> {
  const a = turn.action;
  switch (a.kind) {
    case 'say': return chat.send(a.text, { command: a.command, files: a.files, until: turn.until });
    case 'click': return chat.clickAction(a.target);
    case 'answer': return chat.answer(a.answer);
    case 'starter': return chat.starter(a.label);
    case 'settings': return chat.changeSettings(a.values);
    case 'stop': return chat.stop();
    case 'wait': return chat.wait(a.seconds);
    case 'function_result': return chat.respondToFunction(a.value);
  }
}
