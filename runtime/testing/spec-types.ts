import type { UserDict } from '../wire.js';
/**
 * A conversation spec once loaded: validated against schemas/conversation-test.schema.json,
 * paths resolved, each turn reduced to one action. Expectation blocks keep the YAML's keys.
 */

export type TextMatcher = string | { exact?: string; contains?: string; regex?: string; flags?: string };

export type MessageMatcher =
  | string
  | { exact?: string; contains?: string; regex?: string; flags?: string; author?: string; type?: string; error?: boolean; question?: boolean };

export interface StepMatcher {
  name?: string;
  type?: string;
  input?: TextMatcher;
  output?: TextMatcher;
  parent?: string | null;
  error?: boolean;
}

export interface ElementMatcher {
  type?: string;
  name?: string;
  display?: string;
  mime?: string;
  content?: TextMatcher;
  props?: Record<string, unknown>;
}

export type ActionMatcher = string | { name?: string; label?: string; payload?: Record<string, unknown> };

export interface Expectations {
  messages?: MessageMatcher[];
  no_messages?: MessageMatcher[];
  steps?: StepMatcher[];
  elements?: ElementMatcher[];
  actions?: ActionMatcher[];
  ask?: false | { type?: string; content?: TextMatcher; actions?: string[] };
  task_list?: { status?: TextMatcher; tasks?: Array<{ title?: TextMatcher; status?: string }> };
  user_session?: Record<string, unknown>;
  toasts?: Array<{ type?: string; message?: TextMatcher }>;
  function_call?: false | { name?: string; args?: Record<string, unknown> };
  error?: boolean | TextMatcher;
  strict?: boolean;
}

export type TurnAction =
  | { kind: 'say'; text: string; command?: string; files?: string[] }
  | { kind: 'click'; target: string }
  | { kind: 'answer'; answer: string | { text: string } | { file: string } | { files: string[] } | { action: string } | { element: Record<string, unknown> } }
  | { kind: 'starter'; label: string }
  | { kind: 'settings'; values: Record<string, unknown> }
  | { kind: 'stop' }
  | { kind: 'wait'; seconds: number }
  | { kind: 'function_result'; value: unknown };

/** `file:line:column` of a node in the spec, for messages. */
export interface SpecLocation {
  file: string;
  line: number;
  column: number;
}

export interface SpecTurn {
  /** 1-based position in its conversation. */
  index: number;
  at: SpecLocation;
  action: TurnAction;
  /** How the turn reads in reports, e.g. `say "hi"`. */
  label: string;
  until: 'idle' | 'started';
  timeout: number;
  expect: Expectations;
}

export interface SpecTest {
  name: string;
  at: SpecLocation;
  profile?: string;
  settings?: Record<string, unknown>;
  userEnv?: Record<string, string>;
  /** Logged in as this user before the chat opens. */
  user?: UserDict;
  timeout: number;
  onStart?: Expectations;
  onStartAt?: SpecLocation;
  turns: SpecTurn[];
}

export interface ConversationSpec {
  /** Absolute path of the spec file. */
  file: string;
  /** How reports name it (relative to the working directory when inside it). */
  shownAs: string;
  /** Absolute path of the manifest it tests. */
  manifest: string;
  /** Environment of the app, over the process environment. */
  env?: Record<string, string>;
  tests: SpecTest[];
}
