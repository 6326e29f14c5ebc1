import type { Logger } from '../log.js';
import { meterOf } from '../metrics.js';
import type { Session } from '../session/session.js';
import type { SessionChannel } from './channel.js';
import type { SessionRecorder } from '../session/recorder.js';
import type { AckEvent, PlainEvent, SessionOutput, StreamHead, ToastType } from '../session/output.js';
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
} from '../wire.js';

/** Hook-wrapper run steps that the UI never shows and cot "hidden" never stubs. */
const HOOK_RUN_NAMES = new Set(['on_chat_start', 'on_message', 'on_audio_end']);
const MESSAGE_TYPES = new Set(['user_message', 'assistant_message', 'system_message']);

/** What every emitter of one session shares. */
interface Link {
  readonly session: Session;
  readonly channel: SessionChannel;
  readonly logger: Logger;
  readonly cot: () => string;
}

const channels = new WeakMap<Session, SessionChannel>();

/** Where a session's events go on this instance (sockets, relays, replay log). */
export function channelOf(session: Session): SessionChannel {
  return channels.get(session)!;
}

/**
 * Everything the server sends to one session, shaped as Chainlit's events; the session's
 * channel (channel.ts) logs each one and carries it to the session's sockets, here or on
 * the instances that relay it.
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

  static create(session: Session, channel: SessionChannel, logger: Logger, cot: () => string): SessionEmitter {
    channels.set(session, channel);
    return new SessionEmitter({ session, channel, logger, cot }, null);
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

  emit<E extends PlainEvent>(event: E, ...payload: Parameters<ServerToClientEvents[E]>): void {
    if (this.signal?.aborted) return;
    this.link.channel.send(event, payload[0]);
  }

  /** Emit with an acknowledgement; resolves undefined on timeout or when no client is connected, rejects when `signal` aborts. */
  async emitWithAck<E extends AckEvent>(event: E, payload: ServerToClientPayloads[E], timeoutSeconds: number, signal?: AbortSignal): Promise<ServerToClientAcks[E] | undefined> {
    if (this.signal?.aborted) return undefined;
    // The answer is the client's: its type is what the wire promises, and callers check it
    // before use (an ask validates its answer against the schema).
    return (await this.link.channel.request(event, payload, timeoutSeconds * 1000, signal)) as ServerToClientAcks[E] | undefined;
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

  /** What persists the session's steps and elements; nothing for a stopped task. */
  private get recorder(): SessionRecorder | null {
    return this.signal?.aborted ? null : this.session.recorder;
  }

  sendStep(step: StepDict): void {
    this.recorder?.step(step);
    this.emit('new_message', this.visible(step));
  }

  updateStep(step: StepDict): void {
    this.recorder?.step(step);
    this.emit('update_message', this.visible(step));
  }

  deleteStep(step: Pick<StepDict, 'id'>): void {
    this.recorder?.deleteStep(step.id);
    this.emit('delete_message', step);
  }

  /** Persisted as it starts (the final send writes the whole output); tokens are not. */
  streamStart(step: StepDict): void {
    this.recorder?.step(step);
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
    this.recorder?.element(element);
    this.emit('element', element);
  }

  removeElement(id: string): void {
    this.recorder?.deleteElement(id);
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
    // Copied at once: a takeover that reads the log without it would call a finished
    // answer interrupted.
    void this.link.channel.persisted();
  }

  persisted(): Promise<void> {
    return this.link.channel.persisted();
  }

  /** Replaces the commands offered in the composer. */
  setCommands(commands: CommandDict[]): void {
    this.session.commands = commands;
    this.emit('set_commands', commands);
  }

  setModes(modes: ModeDict[]): void {
    this.emit('set_modes', modes);
  }

  sendToast(message: string, type: ToastType = 'info'): void {
    this.emit('toast', { message, type });
  }

  sendWindowMessage(data: unknown): void {
    this.emit('window_message', data);
  }

  setChatSettings(widgets: InputWidgetDict[]): void {
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

  /** The question is persisted like a message; it reaches the client only inside `ask`. */
  async ask(msg: StepDict, spec: AskSpec, signal?: AbortSignal): Promise<AskAnswer | undefined> {
    this.recorder?.step(msg);
    return this.emitWithAck('ask', { msg, spec }, spec.timeout, signal);
  }

  get log(): Logger {
    return this.link.logger;
  }
}
