import type { Server, Socket } from 'socket.io';
import type { Logger } from '../log.js';
import { meterOf } from '../metrics.js';
import type { Session } from '../session/session.js';
import type { SessionOutput, StreamHead, ToastType } from '../session/output.js';
import type { ActionDict, AskSpec, CommandDict, ElementDict, StepDict } from '../wire.js';

/** Hook-wrapper run steps that the UI never shows and cot "hidden" never stubs. */
const HOOK_RUN_NAMES = new Set(['on_chat_start', 'on_message', 'on_audio_end']);
const MESSAGE_TYPES = new Set(['user_message', 'assistant_message', 'system_message']);

export function sessionRoom(sessionId: string): string {
  return `session:${sessionId}`;
}

/** What every emitter of one session shares: where its client is right now. */
interface Link {
  readonly io: Server;
  readonly session: Session;
  readonly logger: Logger;
  readonly cot: () => string;
  socket: Socket | null;
}

const links = new WeakMap<Session, Link>();

/** The socket of a session on this instance, if its client is connected here. */
export function socketOf(session: Session): Socket | null {
  return links.get(session)?.socket ?? null;
}

/** Binds a session to the socket its client connected with; returns the previous one. */
export function attachSocket(session: Session, socket: Socket): Socket | null {
  const link = links.get(session)!;
  const previous = link.socket;
  link.socket = socket;
  return previous;
}

/** Unbinds a socket; false when the session has moved on to a newer one. */
export function detachSocket(session: Session, socket: Socket): boolean {
  const link = links.get(session);
  if (!link || link.socket !== socket) return false;
  link.socket = null;
  return true;
}

/**
 * Everything the server sends to one session. Emits go straight to the socket when it is
 * connected to this process (the cheap path for streaming), and to the session's room
 * otherwise, so an adapter (Redis) can carry them to whichever instance holds the socket.
 *
 * Each task gets its own emitter bound to the task's signal (`forTask`): once the task is
 * stopped, whatever it still tries to send is dropped, so a stopped answer never outlives
 * its `task_end`.
 */
export class SessionEmitter implements SessionOutput {
  private constructor(
    private readonly link: Link,
    private readonly signal: AbortSignal | null,
  ) {}

  static create(io: Server, session: Session, logger: Logger, cot: () => string): SessionEmitter {
    const link: Link = { io, session, logger, cot, socket: null };
    links.set(session, link);
    return new SessionEmitter(link, null);
  }

  forTask(signal: AbortSignal): SessionEmitter {
    return new SessionEmitter(this.link, signal);
  }

  private get session(): Session {
    return this.link.session;
  }

  private cot(): string {
    return this.link.cot();
  }

  emit(event: string, payload?: unknown): void {
    if (this.signal?.aborted) return;
    const socket = this.link.socket;
    if (socket?.connected) socket.emit(event, payload);
    else this.link.io.to(sessionRoom(this.session.id)).emit(event, payload);
  }

  /** Emit with an acknowledgement; resolves undefined on timeout or when no socket is connected. */
  async emitWithAck(event: string, payload: unknown, timeoutSeconds: number, signal?: AbortSignal): Promise<unknown> {
    const socket = this.link.socket;
    if (!socket?.connected || this.signal?.aborted) return undefined;
    const ack = socket.timeout(Math.max(1, timeoutSeconds * 1000)).emitWithAck(event, payload);
    if (!signal) return ack.catch(() => undefined);
    return new Promise((resolve, reject) => {
      const onAbort = () => reject(signal.reason ?? new Error('aborted'));
      signal.addEventListener('abort', onAbort, { once: true });
      ack.then(resolve, () => resolve(undefined)).finally(() => signal.removeEventListener('abort', onAbort));
    });
  }

  private visible(step: StepDict): StepDict {
    if (this.cot() !== 'hidden' || MESSAGE_TYPES.has(step.type)) return step;
    if (step.type === 'run' && HOOK_RUN_NAMES.has(step.name)) return step;
    // With cot hidden the client learns that a step exists, never what it did.
    return { ...step, input: '', output: '' };
  }

  /** Whether cot "hidden" turns this step into a stub; decided from type and name alone. */
  private isHidden(step: Pick<StepDict, 'type' | 'name'>): boolean {
    if (MESSAGE_TYPES.has(step.type) || (step.type === 'run' && HOOK_RUN_NAMES.has(step.name))) return false;
    return this.cot() === 'hidden';
  }

  sendStep(step: StepDict): void {
    this.emit('new_message', this.visible(step));
  }

  updateStep(step: StepDict): void {
    this.emit('update_message', this.visible(step));
  }

  deleteStep(step: Pick<StepDict, 'id'>): void {
    this.emit('delete_message', step);
  }

  streamStart(step: StepDict): void {
    meterOf(this.session)?.tokens.inc(); // a stream opens with its first token
    if (this.isHidden(step)) this.emit('new_message', this.visible(step));
    else this.emit('stream_start', step);
  }

  /** One token of an open stream; the full step is built only when cot hides it. */
  streamToken(step: StreamHead, token: string, isSequence: boolean, isInput: boolean): void {
    meterOf(this.session)?.tokens.inc();
    if (this.isHidden(step)) this.emit('new_message', this.visible(step.toDict()));
    else this.emit('stream_token', { id: step.id, token, isSequence, isInput });
  }

  sendElement(element: ElementDict): void {
    this.emit('element', element);
  }

  removeElement(id: string): void {
    this.emit('remove_element', { id });
  }

  sendAction(action: ActionDict): void {
    this.emit('action', action);
  }

  removeAction(action: Pick<ActionDict, 'id'>): void {
    this.emit('remove_action', action);
  }

  taskStart(): void {
    this.emit('task_start', {});
  }

  taskEnd(): void {
    this.emit('task_end', {});
  }

  /** Replaces the commands offered in the composer. */
  setCommands(commands: CommandDict[]): void {
    this.session.commands = commands;
    this.emit('set_commands', commands);
  }

  setModes(modes: unknown[]): void {
    this.emit('set_modes', modes);
  }

  sendToast(message: string, type: ToastType = 'info'): void {
    this.emit('toast', { message, type });
  }

  sendWindowMessage(data: unknown): void {
    this.emit('window_message', data);
  }

  setChatSettings(widgets: unknown[]): void {
    this.emit('chat_settings', widgets);
  }

  setSidebarTitle(title: string): void {
    this.emit('set_sidebar_title', title);
  }

  setSidebarElements(elements: ElementDict[], key: string | null = null): void {
    this.emit('set_sidebar_elements', { elements, key });
  }

  firstInteraction(interaction: string): void {
    this.emit('first_interaction', { interaction, thread_id: this.session.threadId });
  }

  async ask(msg: StepDict, spec: AskSpec, signal?: AbortSignal): Promise<unknown> {
    return this.emitWithAck('ask', { msg, spec }, spec.timeout, signal);
  }

  get log(): Logger {
    return this.link.logger;
  }
}
