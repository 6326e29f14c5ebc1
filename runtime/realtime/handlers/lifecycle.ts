import { connectDeclaredServers } from '../../integrations/mcp/service.js';
import type { Session } from '../../session/session.js';
import type { RealtimeDeps } from '../deps.js';
import type { WireSocket } from '../wire-io.js';
import type { Origin } from '../dispatch.js';
import { channelOf } from '../emitter.js';
import { callHook, hasHook } from '../invoke.js';
import { inRunStep, runTask } from '../tasks.js';
import { resumeThread } from './resume.js';
import { initialValues, toWidgetDict, type WidgetSpec } from '../../settings/widgets.js';
import type { CommandConfig } from '../../manifest/index.js';
import type { CommandDict } from '../../wire.js';

function manifestCommands(commands: readonly CommandConfig[]): CommandDict[] {
  return commands.map((c) => ({ id: c.id, icon: c.icon, description: c.description, button: c.button, persistent: c.persistent, selected: c.selected }));
}

/**
 * Resets the transient state of one (re)connected client, for it alone: idle unless work
 * still runs, no stale prompt, the commands on offer, and a question still waiting for its
 * answer shown again.
 */
function greet(session: Session, client: Origin): void {
  client.emit('task_end', {});
  client.emit('clear_ask', {});
  client.emit('clear_call_fn', {});
  if (session.tasks.running) client.emit('task_start', {});
  const commands = session.commands ?? manifestCommands(session.runtime.config().commands);
  if (commands.length > 0) client.emit('set_commands', commands);
  client.resendPending();
}

/**
 * `connection_successful` (PROTOCOL.md §2.1): reset the client's transient UI, then start
 * the chat exactly once per session, however often the client reconnects.
 *
 * Starting is synchronous up to the start task: the session is marked started and its
 * onChatStart task exists before anything else can run, so a message that arrives at once
 * waits for it (session/tasks.ts). The record is saved beside it, with retries; a save
 * that keeps failing never stops the chat from starting, it is logged and the user warned.
 */
export function onConnectionSuccessful(session: Session, client: Origin, deps: RealtimeDeps): void {
  const { emitter } = session;
  greet(session, client);
  const config = session.runtime.config();
  if (session.restored && session.chatStarted) return;

  // Resumed at most once per session (Chainlit re-resumes on every reconnect).
  const resume = Boolean(session.threadIdToResume) && !session.resumeAttempted && hasHook(session, 'onChatResume');
  if (resume) session.resumeAttempted = true;
  if (session.chatStarted) return;
  session.chatStarted = true;
  if (config.chat_settings.length > 0) {
    const widgets = config.chat_settings.map((w) => toWidgetDict(w as WidgetSpec));
    session.settingsWidgets = widgets;
    session.chatSettings = initialValues(widgets);
    emitter.setChatSettings(widgets);
  }
  void deps.registry.saveReliably(session, 'chat start').then((saved) => {
    if (!saved) emitter.sendToast('This chat could not be saved on the server; it may not survive a reconnect.', 'warning');
  });
  const declaredMcp = Object.keys(config.mcp.servers ?? {}).length > 0;
  if (!resume && !hasHook(session, 'onChatStart') && !declaredMcp) {
    session.tasks.open();
    return;
  }
  // A resumed thread runs onChatResume instead of onChatStart; one that cannot be resumed starts anew.
  void runTask(session, resume ? 'onChatResume' : 'onChatStart', { kind: 'start' }, async () => {
    // The manifest's MCP servers first, so that the start hook and the first message find them.
    if (declaredMcp) await connectDeclaredServers(session);
    if (resume && (await resumeThread(session, deps))) return;
    if (hasHook(session, 'onChatStart')) await inRunStep('on_chat_start', null, '', () => callHook(session, 'onChatStart'));
  }).finally(() => session.tasks.open());
}

/**
 * A started session this instance took over (its owner died or stopped) has none of the
 * connections that lived in the old process: the manifest's MCP servers are connected
 * again, as a turn, so the next message finds them. (Servers a user added in the dialog
 * come back from the browser, which connects them again on its new socket.)
 */
export function reconnectDeclaredServers(session: Session): void {
  if (!session.chatStarted || Object.keys(session.runtime.config().mcp.servers ?? {}).length === 0) return;
  void runTask(session, 'MCP servers after a takeover', { kind: 'turn', visible: false }, () => connectDeclaredServers(session));
}

/** The session ends `session_timeout` after its last client went, unless one comes back. */
export function onDisconnect(session: Session, socket: WireSocket, deps: RealtimeDeps): void {
  const channel = channelOf(session);
  if (!channel.detach(socket) || channel.connected) return;
  deps.registry.scheduleEnd(session);
  if (session.ended) return;
  void deps.registry.saveReliably(session, 'disconnect');
  session.recorder?.saveMetadata();
}
