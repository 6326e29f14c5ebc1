import { fetchFavorites, toggleFavorite } from '../history/favorites.js';
import type { Logger } from '../log.js';
import type { PlainEvent } from '../session/output.js';
import type { Session } from '../session/session.js';
import type { ClientToServerEvents, ServerToClientPayloads } from '../wire.js';
import type { RealtimeDeps } from './deps.js';
import { onAudioChunk, onAudioEnd, onAudioStart } from './handlers/audio.js';
import { onConnectionSuccessful } from './handlers/lifecycle.js';
import { onClientMessage, onEditMessage, onStop } from './handlers/message.js';
import { onSettingsChange, onSettingsEdit } from './handlers/settings.js';
import { callHook } from './invoke.js';
import { runTask } from './tasks.js';
import { CLIENT_EVENT_CHECKS, payloadProblem } from './validate.js';

/**
 * The client an event came from: a socket on this instance, or one that another instance
 * relays (relay.ts). What is sent through it reaches that client alone and is not logged.
 */
export interface Origin {
  emit<E extends PlainEvent>(event: E, payload: ServerToClientPayloads[E]): void;
  /** Shows this client the question the session is waiting on, if any. */
  resendPending(): void;
}

type ClientEvent = keyof ClientToServerEvents;
type PayloadOf<E extends ClientEvent> = Parameters<ClientToServerEvents[E]>[0];

/**
 * Who handles each client event. The payload has its generated wire type: it was checked
 * against the schema that type comes from (CLIENT_EVENT_CHECKS) before the handler runs.
 */
const HANDLERS: { [E in ClientEvent]: (session: Session, payload: PayloadOf<E>, origin: Origin, deps: RealtimeDeps) => unknown } = {
  connection_successful: (s, _p, origin, deps) => onConnectionSuccessful(s, origin, deps),
  client_message: (s, p) => onClientMessage(s, p),
  edit_message: (s, p) => onEditMessage(s, p),
  stop: (s) => onStop(s),
  // Handled as it arrives (clearSession); the event itself needs nothing more.
  clear_session: () => undefined,
  window_message: (s, data) => runTask(s, 'onWindowMessage', { kind: 'side', visible: false }, () => callHook(s, 'onWindowMessage', data)),
  chat_settings_change: (s, values, _o, deps) => onSettingsChange(s, values, () => deps.registry.saveReliably(s, 'settings change')),
  chat_settings_edit: (s, values) => onSettingsEdit(s, values),
  audio_start: (s) => onAudioStart(s),
  audio_chunk: (s, chunk) => onAudioChunk(s, chunk),
  audio_end: (s) => onAudioEnd(s),
  fetch_favorites: (s, _p, origin, deps) => fetchFavorites(s, origin, deps.services),
  message_favorite: (s, p, origin, deps) => toggleFavorite(s, p, origin, deps.services),
};

export const CLIENT_EVENTS = Object.keys(HANDLERS) as ClientEvent[];

function isClientEvent(event: string): event is ClientEvent {
  return Object.hasOwn(HANDLERS, event);
}

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
  if (!isClientEvent(event) || session.ended) return;
  deps.registry.touch(session);
  const kind = CLIENT_EVENT_CHECKS[event];
  const problem = kind ? payloadProblem(kind, payload) : null;
  if (problem) {
    log.warn({ sessionId: session.id, event, problem }, 'rejected a malformed payload');
    origin.emit('toast', { message: `Rejected ${event}: ${problem}`, type: 'error' });
    return;
  }
  try {
    // The check above makes the payload the event's generated type.
    const run = HANDLERS[event] as (s: Session, p: unknown, o: Origin, d: RealtimeDeps) => unknown;
    const result = run(session, payload, origin, deps);
    if (result instanceof Promise) result.catch((err: unknown) => log.error({ err, sessionId: session.id, event }, 'handler failed'));
  } catch (err) {
    log.error({ err, sessionId: session.id, event }, 'handler failed');
  }
}
