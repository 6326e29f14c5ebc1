import type { ActionDict, ElementDict, StepDict } from '../wire.js';
import type { AskType, ChatAction, ChatElement, ChatMessage, ChatStep, ChatToast, PendingAsk } from './types.js';

/** One received Socket.IO event, numbered in arrival order. */
export interface LoggedEvent {
  seq: number;
  event: string;
  payload: unknown;
  at: number;
}

const MESSAGE_TYPES = new Set(['user_message', 'assistant_message', 'system_message']);
/** Run steps the runtime wraps hooks in; the UI never shows them. */
const HOOK_RUNS = new Set(['on_chat_start', 'on_message', 'on_audio_end']);
const STEP_EVENTS = new Set(['new_message', 'update_message', 'stream_start', 'stream_token']);

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const text = (v: unknown): string => (typeof v === 'string' ? v : '');

/**
 * The chat as the web UI builds it from the events (PROTOCOL.md §2.2): a tree of steps with
 * streamed tokens appended, elements and actions kept flat, the pending ask. It only folds
 * events; waiting and sending live in the connection.
 */
export class Transcript {
  readonly log: LoggedEvent[] = [];
  private readonly steps = new Map<string, StepDict>();
  private readonly order: string[] = [];
  private readonly deleted = new Set<string>();
  private readonly elementMap = new Map<string, ElementDict>();
  private readonly actionMap = new Map<string, ActionDict>();
  /** Messages the user sent (the UI adds them itself; the server does not echo them). */
  private readonly local = new Set<string>();
  loading = false;
  ask: { msg: StepDict; spec: Record<string, unknown> } | null = null;
  callFn: { name: string; args: unknown } | null = null;

  record(event: string, payload: unknown): LoggedEvent {
    const entry: LoggedEvent = { seq: this.log.length + 1, event, payload, at: Date.now() };
    this.log.push(entry);
    this.fold(event, payload);
    return entry;
  }

  /** Adds the user's own message, as the UI does optimistically. */
  addLocal(step: StepDict): void {
    this.local.add(step.id);
    this.put(step);
  }

  get lastSeq(): number {
    return this.log.length;
  }

  private put(step: StepDict): void {
    if (!this.steps.has(step.id)) this.order.push(step.id);
    this.steps.set(step.id, { ...this.steps.get(step.id), ...step });
    this.deleted.delete(step.id);
  }

  private fold(event: string, payload: unknown): void {
    switch (event) {
      case 'task_start': this.loading = true; break;
      case 'task_end': this.loading = false; break;
      case 'new_message':
      case 'update_message':
      case 'stream_start':
        if (isRecord(payload) && typeof payload.id === 'string') this.put(payload as unknown as StepDict);
        break;
      case 'stream_token': {
        const p = payload as { id?: string; token?: string; isSequence?: boolean; isInput?: boolean };
        const step = p.id ? this.steps.get(p.id) : undefined;
        if (!step) break;
        const key = p.isInput ? 'input' : 'output';
        step[key] = p.isSequence ? text(p.token) : `${text(step[key])}${text(p.token)}`;
        break;
      }
      case 'delete_message':
        if (isRecord(payload) && typeof payload.id === 'string') this.deleted.add(payload.id);
        break;
      case 'element':
        if (isRecord(payload) && typeof payload.id === 'string') this.elementMap.set(payload.id, payload as unknown as ElementDict);
        break;
      case 'remove_element':
        if (isRecord(payload)) this.elementMap.delete(text(payload.id));
        break;
      case 'action':
        if (isRecord(payload) && typeof payload.id === 'string') this.actionMap.set(payload.id, payload as unknown as ActionDict);
        break;
      case 'remove_action':
        if (isRecord(payload)) this.actionMap.delete(text(payload.id));
        break;
      case 'ask': {
        const p = payload as { msg: StepDict; spec: Record<string, unknown> };
        this.ask = { msg: p.msg, spec: p.spec };
        this.put(p.msg);
        this.loading = false;
        break;
      }
      case 'ask_timeout':
      case 'clear_ask':
        this.ask = null;
        break;
      case 'call_fn': this.callFn = payload as { name: string; args: unknown }; break;
      case 'call_fn_timeout':
      case 'clear_call_fn':
        this.callFn = null;
        break;
    }
  }

  /** Every message shown so far, the user's included, in order. */
  messages(): ChatMessage[] {
    return this.order.filter((id) => this.isMessage(id) && !this.deleted.has(id)).map((id) => toMessage(this.steps.get(id)!));
  }

  actions(): ChatAction[] {
    return [...this.actionMap.values()].map(toAction);
  }

  elements(): ChatElement[] {
    return [...this.elementMap.values()].map(toElement);
  }

  pendingAsk(): PendingAsk | null {
    if (!this.ask) return null;
    const { msg, spec } = this.ask;
    const keys = Array.isArray(spec.keys) ? spec.keys.map(String) : [];
    return {
      type: text(spec.type) as AskType,
      content: text(this.steps.get(msg.id)?.output ?? msg.output),
      author: text(msg.name),
      spec,
      actions: keys.map((k) => this.actionMap.get(k)).filter((a): a is ActionDict => a !== undefined).map(toAction),
      messageId: msg.id,
      parentId: msg.parentId ?? null,
    };
  }

  /** What the server sent after event `from` up to and including event `to`. */
  window(from: number, to: number): { messages: ChatMessage[]; steps: ChatStep[]; elements: ChatElement[]; toasts: ChatToast[]; events: LoggedEvent[] } {
    const events = this.log.slice(from, to);
    const touched: string[] = [];
    const elementIds: string[] = [];
    const toasts: ChatToast[] = [];
    for (const e of events) {
      const id = isRecord(e.payload) ? text(e.payload.id) : '';
      if ((STEP_EVENTS.has(e.event) && id) || e.event === 'ask') {
        const stepId = e.event === 'ask' ? text((e.payload as { msg: StepDict }).msg?.id) : id;
        if (!touched.includes(stepId)) touched.push(stepId);
      } else if (e.event === 'element' && id && !elementIds.includes(id)) {
        elementIds.push(id);
      } else if (e.event === 'toast' && isRecord(e.payload)) {
        toasts.push({ message: text(e.payload.message), type: text(e.payload.type) });
      }
    }
    const live = touched.filter((id) => this.steps.has(id) && !this.deleted.has(id) && !this.local.has(id));
    return {
      messages: live.filter((id) => this.isMessage(id)).map((id) => toMessage(this.steps.get(id)!)),
      steps: live.filter((id) => !this.isMessage(id) && !this.isHookRun(id)).map((id) => this.toStep(this.steps.get(id)!)),
      elements: elementIds.map((id) => this.elementMap.get(id)).filter((e): e is ElementDict => e !== undefined).map(toElement),
      toasts,
      events,
    };
  }

  private isMessage(id: string): boolean {
    return MESSAGE_TYPES.has(this.steps.get(id)?.type ?? '');
  }

  private isHookRun(id: string): boolean {
    const step = this.steps.get(id);
    return step?.type === 'run' && HOOK_RUNS.has(step.name);
  }

  private toStep(step: StepDict): ChatStep {
    let parent: string | null = null;
    const seen = new Set<string>();
    for (let at = step.parentId; at && !seen.has(at); at = this.steps.get(at)?.parentId ?? null) {
      seen.add(at);
      if (this.steps.has(at) && !this.isMessage(at) && !this.isHookRun(at)) {
        parent = this.steps.get(at)!.name;
        break;
      }
    }
    return { id: step.id, name: text(step.name), type: text(step.type), input: text(step.input), output: text(step.output), parentId: step.parentId ?? null, parent, isError: step.isError === true };
  }
}

function toMessage(step: StepDict): ChatMessage {
  return {
    id: step.id,
    author: text(step.name),
    content: text(step.output),
    type: step.type as ChatMessage['type'],
    isError: step.isError === true,
    parentId: step.parentId ?? null,
    waitForAnswer: step.waitForAnswer === true,
  };
}

function toAction(a: ActionDict): ChatAction {
  return { id: a.id, name: a.name, label: text(a.label), payload: isRecord(a.payload) ? a.payload : {}, tooltip: text(a.tooltip), icon: a.icon ?? null, forId: a.forId ?? null };
}

function toElement(e: ElementDict): ChatElement {
  return { id: e.id, type: e.type, name: text(e.name), display: text(e.display), forId: e.forId ?? null, url: e.url ?? null, chainlitKey: e.chainlitKey ?? null, mime: e.mime ?? null, props: e.props ?? null };
}
