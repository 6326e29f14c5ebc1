import type { Logger } from '../log.js';
import type {
  ActionDict,
  AskAnswer,
  AskSpec,
  CommandDict,
  ElementDict,
  InputWidgetDict,
  ModeDict,
  ServerToClientAcks,
  ServerToClientEvents,
  ServerToClientPayloads,
  StepDict,
  ToastType,
} from '../wire.js';
import type { TaskSignals } from './tasks.js';

export type { ToastType } from '../wire.js';

/** Server → client events sent as they are, without an acknowledgement. */
export type PlainEvent = Exclude<keyof ServerToClientEvents, keyof ServerToClientAcks>;
/** Server → client events a client acknowledges with an answer (PROTOCOL.md §2.3). */
export type AckEvent = keyof ServerToClientAcks;

/** The head of an open stream: what each token needs to know about its step. */
export interface StreamHead {
  id: string;
  type: StepDict['type'];
  name: string;
  toDict(): StepDict;
}

/**
 * Everything a session can send to its client, whatever carries it. The realtime layer
 * implements it over Socket.IO; the session, the SDK and the REST routes only see this, so
 * they know no transport. Events and payloads are typed by the wire schemas (schemas/wire).
 */
export interface SessionOutput extends TaskSignals {
  /** An emitter whose sends are dropped once `signal` aborts (the emitter of one task). */
  forTask(signal: AbortSignal): SessionOutput;
  emit<E extends PlainEvent>(event: E, ...payload: Parameters<ServerToClientEvents[E]>): void;
  /**
   * Resolves the client's acknowledgement, or undefined on timeout / when no client is
   * connected. The answer comes from the client: check it before trusting it.
   */
  emitWithAck<E extends AckEvent>(event: E, payload: ServerToClientPayloads[E], timeoutSeconds: number, signal?: AbortSignal): Promise<ServerToClientAcks[E] | undefined>;
  sendStep(step: StepDict): void;
  updateStep(step: StepDict): void;
  deleteStep(step: Pick<StepDict, 'id'>): void;
  streamStart(step: StepDict): void;
  streamToken(head: StreamHead, token: string, isSequence: boolean, isInput: boolean): void;
  sendElement(element: ElementDict): void;
  removeElement(id: string): void;
  sendAction(action: ActionDict): void;
  removeAction(action: Pick<ActionDict, 'id'>): void;
  setCommands(commands: CommandDict[]): void;
  setModes(modes: ModeDict[]): void;
  sendToast(message: string, type?: ToastType): void;
  sendWindowMessage(data: unknown): void;
  setChatSettings(widgets: InputWidgetDict[]): void;
  setSidebarTitle(title: string): void;
  setSidebarElements(elements: ElementDict[], key?: string | null): void;
  firstInteraction(interaction: string): void;
  ask(msg: StepDict, spec: AskSpec, signal?: AbortSignal): Promise<AskAnswer | undefined>;
  readonly log: Logger;
}
