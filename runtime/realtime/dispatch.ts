import type { Logger } from '../log.js';
import type { Session } from '../session/session.js';
import type { StepDict } from '../wire.js';
import type { RealtimeDeps } from './deps.js';
import { onAudioChunk, onAudioEnd, onAudioStart } from './handlers/audio.js';
import { onConnectionSuccessful } from './handlers/lifecycle.js';
import { onClientMessage, onEditMessage, onStop } from './handlers/message.js';
import { onSettingsChange, onSettingsEdit } from './handlers/settings.js';
import { callHook } from './invoke.js';
import { runTask } from './tasks.js';
import { payloadProblem, type PayloadKind } from './validate.js';

/**
 * The client an event came from: a socket on this instance, or one that another instance
 * relays (relay.ts). What is sent through it reaches that client alone and is not logged.
 */
export interface Origin {
  emit(event: string, payload: unknown): void;
  /** Shows this client the question the session is waiting on, if any. */
  resendPending(): void;
}

interface Handler {
  /** The schema definition the payload must match (schemas/wire/client-events.schema.json). */
  kind: PayloadKind | null;
  run(session: Session, payload: unknown, origin: Origin, deps: RealtimeDeps): unknown;
}

/** Every client event of the protocol and who handles it. */
const HANDLERS: Record<string, Handler> = {
  connection_successful: { kind: null, run: (s, _p, origin, deps) => onConnectionSuccessful(s, origin, deps) },
  client_message: { kind: 'client_message', run: (s, p) => onClientMessage(s, p as { message: StepDict; fileReferences?: Array<{ id: string }> }) },
  edit_message: { kind: 'edit_message', run: (s, p) => onEditMessage(s, p as { message: StepDict }) },
  stop: { kind: null, run: (s) => onStop(s) },
  // Handled as it arrives (clearSession); the event itself needs nothing more.
  clear_session: { kind: null, run: () => undefined },
  window_message: { kind: null, run: (s, data) => runTask(s, 'onWindowMessage', { kind: 'side', visible: false }, () => callHook(s, 'onWindowMessage', data)) },
  chat_settings_change: { kind: 'settings', run: (s, values, _o, deps) => onSettingsChange(s, values as Record<string, unknown>, () => deps.registry.saveReliably(s, 'settings change')) },
  chat_settings_edit: { kind: 'settings', run: (s, values) => onSettingsEdit(s, values as Record<string, unknown>) },
  audio_start: { kind: null, run: (s) => onAudioStart(s) },
  audio_chunk: { kind: 'audio_chunk', run: (s, chunk) => onAudioChunk(s, chunk as { data: unknown }) },
  audio_end: { kind: null, run: (s) => onAudioEnd(s) },
  // Favorites need login and a data layer (later issues); without them Chainlit ignores these too.
  fetch_favorites: { kind: null, run: () => undefined },
  message_favorite: { kind: 'message_favorite', run: () => undefined },
};

export const CLIENT_EVENTS: readonly string[] = Object.keys(HANDLERS);

/**
 * `clear_session` is acted on the moment it arrives: Chainlit clients send it and disconnect
 * at once, and Socket.IO drops events still being dispatched when the disconnect lands.
 */
export function clearSession(session: Session): void {
  if (session.ended) return;
  session.toClear = true;
  session.pendingAsk?.cancel();
  session.tasks.abortAll();
}

/**
 * Runs one client event for a session: a malformed payload is refused with a toast to its
 * sender, and the session lives on; a handler that fails is logged.
 */
export function dispatch(session: Session, event: string, payload: unknown, origin: Origin, deps: RealtimeDeps, log: Logger): void {
  const handler = HANDLERS[event];
  if (!handler || session.ended) return;
  deps.registry.touch(session);
  const problem = handler.kind ? payloadProblem(handler.kind, payload) : null;
  if (problem) {
    log.warn({ sessionId: session.id, event, problem }, 'rejected a malformed payload');
    origin.emit('toast', { message: `Rejected ${event}: ${problem}`, type: 'error' });
    return;
  }
  try {
    const result = handler.run(session, payload, origin, deps);
    if (result instanceof Promise) result.catch((err: unknown) => log.error({ err, sessionId: session.id, event }, 'handler failed'));
  } catch (err) {
    log.error({ err, sessionId: session.id, event }, 'handler failed');
  }
}
