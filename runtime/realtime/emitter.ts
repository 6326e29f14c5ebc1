import type { Server } from 'socket.io';
import type { Logger } from '../log.js';
import type { Session } from '../session/session.js';
import type { ActionDict, AskSpec, CommandDict, ElementDict, StepDict } from '../wire.js';

export type ToastType = 'info' | 'success' | 'warning' | 'error';

/** Hook-wrapper run steps that the UI never shows and cot "hidden" never stubs. */
const HOOK_RUN_NAMES = new Set(['on_chat_start', 'on_message', 'on_audio_end']);
const MESSAGE_TYPES = new Set(['user_message', 'assistant_message', 'system_message']);

export function sessionRoom(sessionId: string): string {
  return `session:${sessionId}`;
}

/**
 * Everything the server sends to one session. Emits go straight to the socket when it is
 * connected to this process (the cheap path for streaming), and to the session's room
 * otherwise, so an adapter (Redis) can carry them to whichever instance holds the socket.
 */
export class SessionEmitter {
  constructor(
    private readonly io: Server,
    private readonly session: Session,
    private readonly logger: Logger,
    private readonly cot: () => string,
  ) {}

  emit(event: string, payload?: unknown): void {
    const socket = this.session.socket;
    if (socket?.connected) socket.emit(event, payload);
    else this.io.to(sessionRoom(this.session.id)).emit(event, payload);
  }

  /** Emit with an acknowledgement; resolves undefined on timeout or when no socket is connected. */
  async emitWithAck(event: string, payload: unknown, timeoutSeconds: number, signal?: AbortSignal): Promise<unknown> {
    const socket = this.session.socket;
    if (!socket?.connected) return undefined;
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
    if (this.isHidden(step)) this.emit('new_message', this.visible(step));
    else this.emit('stream_start', step);
  }

  /** One token of an open stream; the full step is built only when cot hides it. */
  streamToken(step: { id: string; type: StepDict['type']; name: string; toDict(): StepDict }, token: string, isSequence: boolean, isInput: boolean): void {
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
    return this.logger;
  }
}
