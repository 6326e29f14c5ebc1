import type { Socket } from 'socket.io';
import type { Session } from '../../session/session.js';
import type { RealtimeDeps } from '../deps.js';
import { callHook, hasHook } from '../invoke.js';
import { inRunStep, runTask } from '../tasks.js';
import { initialValues, toWidgetDict, type WidgetSpec } from '../../settings/widgets.js';
import type { CommandConfig } from '../../manifest/index.js';
import type { CommandDict } from '../../wire.js';

function manifestCommands(commands: readonly CommandConfig[]): CommandDict[] {
  return commands.map((c) => ({ id: c.id, icon: c.icon, description: c.description, button: c.button, persistent: c.persistent, selected: c.selected }));
}

/**
 * `connection_successful` (PROTOCOL.md §2.1): reset the client's transient UI, then start
 * the chat exactly once per session, however often the client reconnects.
 */
export async function onConnectionSuccessful(session: Session, deps: RealtimeDeps): Promise<void> {
  const { emitter } = session;
  emitter.taskEnd();
  emitter.emit('clear_ask', {});
  emitter.emit('clear_call_fn', {});
  const config = session.runtime.config();
  const commands = session.commands ?? manifestCommands(config.commands);
  if (commands.length > 0) emitter.setCommands(commands);
  if (session.restored && session.chatStarted) return;

  if (session.threadIdToResume && !session.resumeAttempted && hasHook(session, 'onChatResume')) {
    session.resumeAttempted = true;
    // Resuming needs persisted threads (the data-layer issue); until then it fails as Chainlit does without one.
    emitter.emit('resume_thread_error', 'Thread not found.');
  }
  if (session.chatStarted) return;
  session.chatStarted = true;
  if (config.chat_settings.length > 0) {
    const widgets = config.chat_settings.map((w) => toWidgetDict(w as WidgetSpec));
    session.settingsWidgets = widgets;
    session.chatSettings = initialValues(widgets);
    emitter.setChatSettings(widgets);
  }
  await deps.registry.save(session);
  if (!hasHook(session, 'onChatStart')) return;
  void runTask(session, 'onChatStart', () => inRunStep('on_chat_start', null, '', () => callHook(session, 'onChatStart')));
}

export function onDisconnect(session: Session, socket: Socket, deps: RealtimeDeps): void {
  if (session.socket !== socket) return; // an older socket of a session that already reconnected
  session.socket = null;
  deps.registry.scheduleEnd(session);
  if (!session.ended) void deps.registry.save(session).catch(() => undefined);
}
