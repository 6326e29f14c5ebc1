import { runInContext } from '../../context.js';
import { ChainlitRtError } from '../../errors.js';
import { Message } from '../../sdk/message.js';
import type { Session } from '../../session/session.js';
import type { StepDict } from '../../wire.js';
import { callHook } from '../invoke.js';
import { contextFor, inRunStep, reportError, runTask } from '../tasks.js';
import { acceptUserMessage } from '../user-message.js';
import type { IncomingMessage } from '../../sdk/incoming.js';

/** The run step wrapping each onMessage call, kept so an edit can remove the old reply. */
const runStepOf = new WeakMap<IncomingMessage, string>();

/**
 * Who answers a message: the plugin handler its command names in the manifest, else
 * onMessage. A command the session was never offered is refused, unless a custom element
 * sent the message (`sendUserMessage(text, command)`, marked `metadata.fromElement`): an
 * element's commands are the app's own, and Chainlit passes them through.
 */
async function route(session: Session, message: IncomingMessage): Promise<void> {
  if (!message.command) {
    await callHook(session, 'onMessage', message);
    return;
  }
  const offered = session.commands ?? session.runtime.config().commands;
  const fromElement = typeof message.metadata.fromElement === 'string';
  if (!fromElement && !offered.some((c) => c.id === message.command)) {
    throw new ChainlitRtError('CRT_BAD_PAYLOAD', `Unknown command "/${message.command}".`, { expose: true });
  }
  const declared = session.runtime.config().commands.find((c) => c.id === message.command);
  const handler = declared?.handler ? session.runtime.plugins().command(declared.handler, session.chatProfile) : undefined;
  if (declared?.handler && !handler) {
    throw new ChainlitRtError('CRT_CONFIG', `Command "/${message.command}" names the handler "${declared.handler}", which no plugin defines in its \`commands\`.`, { expose: true });
  }
  if (handler) await handler.fn(message);
  else await callHook(session, 'onMessage', message);
}

async function answer(session: Session, message: IncomingMessage): Promise<void> {
  const runId = crypto.randomUUID();
  runStepOf.set(message, runId);
  await inRunStep('on_message', message.id, message.content, () => route(session, message), runId);
}

export function onClientMessage(session: Session, payload: { message: StepDict; fileReferences?: Array<{ id: string }> | null }): void {
  void runTask(session, 'onMessage', async () => {
    const message = acceptUserMessage(session, payload.message, (payload.fileReferences ?? []).map((f) => f.id));
    await answer(session, message);
  });
}

/**
 * `edit_message`: change a sent user message, drop everything after it (and the old reply
 * under it), and answer again as a cancellable task.
 */
export function onEditMessage(session: Session, payload: { message: StepDict }): void {
  const config = session.runtime.config();
  if (config.features.edit_message === false) {
    session.emitter.sendToast('Editing messages is disabled in this app.', 'error');
    return;
  }
  const chat = session.chatContext;
  const at = chat.findIndex((m) => m.id === payload.message.id);
  if (at < 0 || chat[at]!.type !== 'user_message') {
    session.emitter.sendToast('That message cannot be edited.', 'error');
    return;
  }
  const edited = chat[at] as IncomingMessage;
  void runTask(session, 'onMessage (edit)', async () => {
    edited.content = payload.message.output;
    await edited.update();
    const oldRun = runStepOf.get(edited);
    if (oldRun) session.emitter.deleteStep({ id: oldRun });
    for (const later of chat.splice(at + 1)) session.emitter.deleteStep({ id: later.id });
    await answer(session, edited);
  });
}

/** `stop`: cancel the running task and any pending ask, say so, then call onStop. */
export async function onStop(session: Session): Promise<void> {
  const task = session.currentTask;
  session.pendingAsk?.cancel();
  task?.controller.abort();
  await runInContext(contextFor(session), async () => {
    await new Message({ content: 'Task manually stopped.', parentId: null }).send();
    await callHook(session, 'onStop');
  }).catch((err: unknown) => reportError(session, err, 'onStop'));
}
