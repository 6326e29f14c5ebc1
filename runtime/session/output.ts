import type { Logger } from '../log.js';
import type { ActionDict, AskSpec, CommandDict, ElementDict, StepDict } from '../wire.js';
import type { TaskSignals } from './tasks.js';

export type ToastType = 'info' | 'success' | 'warning' | 'error';

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
 * they know no transport.
 */
export interface SessionOutput extends TaskSignals {
  /** An emitter whose sends are dropped once `signal` aborts (the emitter of one task). */
  forTask(signal: AbortSignal): SessionOutput;
  emit(event: string, payload?: unknown): void;
  /** Resolves the client's acknowledgement, or undefined on timeout / when no client is connected. */
  emitWithAck(event: string, payload: unknown, timeoutSeconds: number, signal?: AbortSignal): Promise<unknown>;
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
  setModes(modes: unknown[]): void;
  sendToast(message: string, type?: ToastType): void;
  sendWindowMessage(data: unknown): void;
  setChatSettings(widgets: unknown[]): void;
  setSidebarTitle(title: string): void;
  setSidebarElements(elements: ElementDict[], key?: string | null): void;
  firstInteraction(interaction: string): void;
  ask(msg: StepDict, spec: AskSpec, signal?: AbortSignal): Promise<unknown>;
  readonly log: Logger;
}
