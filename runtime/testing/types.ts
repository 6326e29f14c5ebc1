/**
 * What a conversation test sees: the chat as the web UI would show it, reduced to plain
 * data. These are the shapes `createTestClient` returns and spec expectations match.
 */

export type MessageType = 'user_message' | 'assistant_message' | 'system_message';

/** A message as shown in the chat (final content, after streaming). */
export interface ChatMessage {
  id: string;
  /** The author shown above the message (`name` on the wire). */
  author: string;
  content: string;
  type: MessageType;
  isError: boolean;
  parentId: string | null;
  /** True for the question of an Ask* message. */
  waitForAnswer: boolean;
}

/** A chain-of-thought step (tool, llm, run …), hook wrappers left out. */
export interface ChatStep {
  id: string;
  name: string;
  type: string;
  input: string;
  output: string;
  parentId: string | null;
  /** Name of the nearest enclosing step that is shown (not a message, not a hook wrapper), or null. */
  parent: string | null;
  isError: boolean;
}

export interface ChatElement {
  id: string;
  type: string;
  name: string;
  display: string;
  forId: string | null;
  url: string | null;
  chainlitKey: string | null;
  mime: string | null;
  props: Record<string, unknown> | null;
}

export interface ChatAction {
  id: string;
  name: string;
  label: string;
  payload: Record<string, unknown>;
  tooltip: string;
  icon: string | null;
  forId: string | null;
}

export type AskType = 'text' | 'file' | 'action' | 'element';

/** A question the app is waiting on. */
export interface PendingAsk {
  type: AskType;
  /** The question's text. */
  content: string;
  author: string;
  /** The ask spec as sent (`accept`, `max_files`, `keys` …). */
  spec: Record<string, unknown>;
  /** For action asks: the actions offered, in order. */
  actions: ChatAction[];
  messageId: string;
  parentId: string | null;
}

export interface ChatToast {
  message: string;
  type: string;
}

export interface ChatTask {
  title: string;
  status: string;
}

export interface ChatTaskList {
  status: string;
  tasks: ChatTask[];
}

/**
 * What one turn produced. Messages, steps, elements and toasts are those that appeared or
 * changed between the end of the previous turn and the end of this one; actions, the ask,
 * the task list and the user session are the state at the end of the turn.
 */
export interface TurnResult {
  messages: ChatMessage[];
  steps: ChatStep[];
  elements: ChatElement[];
  toasts: ChatToast[];
  /** Actions offered at the end of the turn (sent and not removed). */
  actions: ChatAction[];
  /** The question the app waits on at the end of the turn, or null. */
  ask: PendingAsk | null;
  /** The last task list received (at any time so far), or null. */
  taskList: ChatTaskList | null;
  /** The CopilotFunction call (`call_fn`) waiting for the host page at the end of the turn, or null. */
  functionCall: { name: string; args: unknown } | null;
  /** Messages with `isError` among `messages`. */
  errors: ChatMessage[];
  /** The raw Socket.IO events of this turn, in order (for debugging). */
  events: Array<{ event: string; payload: unknown }>;
  /** Milliseconds from the turn's action to its end. */
  durationMs: number;
}
