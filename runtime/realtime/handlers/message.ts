import { contextFor, runInContext } from '../../context.js';
import { ChainlitRtError } from '../../errors.js';
import { Message } from '../../sdk/message.js';
import type { Session } from '../../session/session.js';
import type { ClientMessagePayload, EditMessagePayload } from '../../wire.js';
import { callHook } from '../invoke.js';
import { inRunStep, reportError, runTask } from '../tasks.js';
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

/**
 * `client_message`: a turn. It waits for the chat start and for the turns before it; the
 * message joins the chat context when its turn comes, so a handler never sees a later
 * message before answering its own. A turn stopped while it waited is not answered, but its
 * message still joins the conversation.
 */
export function onClientMessage(session: Session, payload: ClientMessagePayload): void {
  const fileIds = (payload.fileReferences ?? []).map((f) => f.id);
  void runTask(session, 'onMessage', {
    kind: 'turn',
    skipped: () => {
      try {
        acceptUserMessage(session, payload.message, fileIds);
      } catch {
        // A malformed message that was never answered leaves nothing behind.
      }
    },
  }, async () => {
    await answer(session, acceptUserMessage(session, payload.message, fileIds));
  });
}

/**
 * `edit_message`: the answers to the edited message and to everything after it — every
 * running or queued turn — are cancelled; then, in turn order, the message is replaced by an edited
 * copy, everything after it is removed, and the copy is answered.
 */
export function onEditMessage(session: Session, payload: EditMessagePayload): void {
  const config = session.runtime.config();
  if (config.features.edit_message === false) {
    session.emitter.sendToast('Editing messages is disabled in this app.', 'error');
    return;
  }
  const id = payload.message.id;
  const chat = session.chatContext;
  const at = chat.findIndex((m) => m.id === id);
  if (at < 0 || chat[at]!.type !== 'user_message') {
    session.emitter.sendToast('That message cannot be edited.', 'error');
    return;
  }
  session.tasks.abortTurns();
  void runTask(session, 'onMessage (edit)', { kind: 'turn' }, async () => {
    const now = chat.findIndex((m) => m.id === id);
    if (now < 0) return; // removed meanwhile (an earlier edit dropped it)
    const original = chat[now] as IncomingMessage;
    const edited = original.editedCopy(payload.message.output);
    chat[now] = edited;
    await edited.update();
    const oldRun = runStepOf.get(original);
    if (oldRun) session.emitter.deleteStep({ id: oldRun });
    for (const later of chat.splice(now + 1)) session.emitter.deleteStep({ id: later.id });
    await answer(session, edited);
  });
}

/**
 * `stop`: every task of the session is aborted (running and queued) and a pending ask is
 * cancelled; the client is told, then onStop runs.
 */
export async function onStop(session: Session): Promise<void> {
  session.pendingAsk?.cancel();
  session.tasks.abortAll();
  await runInContext(contextFor(session), async () => {
    await new Message({ content: 'Task manually stopped.', parentId: null }).send();
    await callHook(session, 'onStop');
  }).catch((err: unknown) => reportError(session, err, 'onStop'));
}
