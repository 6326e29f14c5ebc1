/**
 * Chat state and the pure reactions to server events (PROTOCOL.md §2.2). Kept apart from
 * the socket so the rules can be unit-tested without a browser or a server.
 */
import { addStep, appendToken, buildTree, removeStep, updateStep } from './tree.js';
import type {
  IAction,
  ICommand,
  IElement,
  IMode,
  InputTab,
  InputWidget,
  IStep,
  IThread,
  PendingAsk,
  PendingCallFn,
} from './types.js';

export type ConnectionState =
  | 'idle'
  | 'connecting'
  | 'connected'
  | 'reconnecting'
  | 'disconnected'
  | 'refused';

export interface SidebarState {
  title: string;
  elements: IElement[];
  key: string | null;
}

export interface ChatState {
  connection: ConnectionState;
  /** Text of the last refusal / connection error. */
  connectionError: string | null;
  /** True once a reconnection restored the same session. */
  restored: boolean;
  sessionId: string;
  threadId: string | null;
  firstInteraction: string | null;
  messages: IStep[];
  elements: IElement[];
  tasklists: IElement[];
  actions: IAction[];
  loading: boolean;
  ask: PendingAsk | null;
  callFn: PendingCallFn | null;
  chatSettingsInputs: (InputWidget | InputTab)[];
  chatSettingsValue: Record<string, unknown>;
  commands: ICommand[];
  modes: IMode[];
  sidebar: SidebarState | null;
  tokenCount: number;
  /** The user's favorite messages, newest first (`set_favorites`). */
  favorites: IStep[];
  /** The thread this session asked to resume, until `resume_thread` (or its error) came. */
  resumingThread: string | null;
}

export function initialChatState(sessionId: string): ChatState {
  return {
    connection: 'idle',
    connectionError: null,
    restored: false,
    sessionId,
    threadId: null,
    firstInteraction: null,
    messages: [],
    elements: [],
    tasklists: [],
    actions: [],
    loading: false,
    ask: null,
    callFn: null,
    chatSettingsInputs: [],
    chatSettingsValue: {},
    commands: [],
    modes: [],
    sidebar: null,
    tokenCount: 0,
    favorites: [],
    resumingThread: null,
  };
}

export type Patch = Partial<ChatState>;

/** Elements from a session file get their URL from the file route (§2.2 `element`). */
export function fixElementUrl(el: IElement, endpoint: string, sessionId: string): IElement {
  if (el.url || !el.chainlitKey) return el;
  return { ...el, url: `${endpoint}/project/file/${el.chainlitKey}?session_id=${sessionId}` };
}

function upsertById<T extends { id: string }>(list: T[], item: T): T[] {
  const i = list.findIndex((x) => x.id === item.id);
  if (i < 0) return [...list, item];
  const next = list.slice();
  next[i] = item;
  return next;
}

export function widgetDefaults(inputs: (InputWidget | InputTab)[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const w of inputs) {
    if ('inputs' in w && !('type' in w)) Object.assign(out, widgetDefaults(w.inputs));
    else out[w.id] = (w as InputWidget).initial ?? null;
  }
  return out;
}

export const on = {
  newMessage: (s: ChatState, step: IStep): Patch => ({ messages: addStep(s.messages, step) }),
  updateMessage: (s: ChatState, step: IStep): Patch => ({ messages: updateStep(s.messages, step) }),
  deleteMessage: (s: ChatState, step: { id: string }): Patch => ({
    messages: removeStep(s.messages, step.id),
  }),
  streamToken: (
    s: ChatState,
    t: { id: string; token: string; isSequence?: boolean; isInput?: boolean },
  ): Patch => ({
    messages: appendToken(s.messages, t.id, t.token, Boolean(t.isSequence), Boolean(t.isInput)),
  }),
  element: (s: ChatState, el: IElement, endpoint: string): Patch => {
    const fixed = fixElementUrl(el, endpoint, s.sessionId);
    if (fixed.type === 'tasklist') return { tasklists: upsertById(s.tasklists, fixed) };
    return { elements: upsertById(s.elements, fixed) };
  },
  // By id, wherever the element is shown: its message or step, the side panel, the page.
  removeElement: (s: ChatState, { id }: { id: string }): Patch => ({
    elements: s.elements.filter((e) => e.id !== id),
    tasklists: s.tasklists.filter((e) => e.id !== id),
    ...(s.sidebar?.elements.some((e) => e.id === id)
      ? { sidebar: { ...s.sidebar, elements: s.sidebar.elements.filter((e) => e.id !== id) } }
      : {}),
  }),
  action: (s: ChatState, a: IAction): Patch => ({ actions: upsertById(s.actions, a) }),
  removeAction: (s: ChatState, { id }: { id: string }): Patch => ({
    actions: s.actions.filter((a) => a.id !== id),
  }),
  ask: (s: ChatState, ask: PendingAsk): Patch => ({
    messages: addStep(s.messages, ask.msg),
    ask,
    loading: false,
  }),
  chatSettings: (_s: ChatState, inputs: (InputWidget | InputTab)[]): Patch => ({
    chatSettingsInputs: inputs,
    chatSettingsValue: widgetDefaults(inputs),
  }),
  sidebarElements: (
    s: ChatState,
    p: { elements: IElement[]; key: string | null },
    endpoint: string,
  ): Patch => {
    if (!p.elements.length) return { sidebar: null };
    if (s.sidebar && s.sidebar.key === p.key) return {};
    return {
      sidebar: {
        title: s.sidebar?.title ?? '',
        key: p.key,
        elements: p.elements.map((e) => fixElementUrl(e, endpoint, s.sessionId)),
      },
    };
  },
  sidebarTitle: (s: ChatState, title: string): Patch => ({
    sidebar: { title, elements: s.sidebar?.elements ?? [], key: s.sidebar?.key ?? null },
  }),
  resumeThread: (s: ChatState, thread: IThread, endpoint: string): Patch => {
    const elements: IElement[] = [];
    const tasklists: IElement[] = [];
    for (const el of thread.elements ?? []) {
      // Threads stored by older Chainlit versions may hold `avatar` elements, which no client shows.
      const stored: string = el.type;
      if (stored === 'avatar') continue;
      const fixed = fixElementUrl(el, endpoint, s.sessionId);
      (fixed.type === 'tasklist' ? tasklists : elements).push(fixed);
    }
    const patch: Patch = {
      messages: buildTree(thread.steps ?? []),
      elements,
      tasklists,
      threadId: thread.id,
      resumingThread: null,
    };
    const settings = thread.metadata?.chat_settings;
    if (settings && typeof settings === 'object') {
      patch.chatSettingsValue = { ...s.chatSettingsValue, ...(settings as Record<string, unknown>) };
    }
    return patch;
  },
};
