import { withElementUrls } from '../../history/element-urls.js';
import { restoreSnapshot } from '../../persistence/metadata.js';
import { IncomingMessage } from '../../sdk/incoming.js';
import { Message } from '../../sdk/message.js';
import type { Session } from '../../session/session.js';
import type { StepDict, ThreadDict } from '../../wire.js';
import type { RealtimeDeps } from '../deps.js';
import { callHook } from '../invoke.js';

const MESSAGE_TYPES = new Set<StepDict['type']>(['user_message', 'assistant_message', 'system_message']);

/** A persisted message back in the chat context, as it was (an incoming one for the user's). */
function messageFrom(step: StepDict): Message {
  const options = { id: step.id, parentId: step.parentId, content: step.output, author: step.name, type: step.type as 'user_message', metadata: step.metadata ?? {}, tags: step.tags ?? undefined, createdAt: step.createdAt ?? undefined };
  const message = step.type === 'user_message' ? new IncomingMessage(options) : new Message(options);
  message.threadId = step.threadId;
  return message;
}

/**
 * The thread a connect asked to resume (handshake `threadId`), when this session may: a
 * data layer, a logged-in user, an existing thread of that user (PROTOCOL.md §3.3). Only its
 * author ever resumes a thread; anything else is "not found".
 */
async function loadThread(session: Session, deps: RealtimeDeps): Promise<ThreadDict | null> {
  const layer = deps.services.dataLayer;
  const threadId = session.threadIdToResume;
  if (!layer || !session.user || !threadId) return null;
  const thread = await layer.getThread(threadId);
  if (!thread || thread.userIdentifier !== session.user.identifier) return null;
  return thread;
}

/**
 * Resumes a persisted thread: the session continues it (same thread id, its `userSession`,
 * profile and settings from the thread's metadata, its messages in the chat context), the
 * client is told it had its first interaction, `onChatResume` runs, then `resume_thread`
 * carries the thread to the client. False when it cannot be resumed (the client got
 * `resume_thread_error`), and the chat starts as a new one.
 */
export async function resumeThread(session: Session, deps: RealtimeDeps): Promise<boolean> {
  const thread = await loadThread(session, deps);
  if (!thread) {
    session.emitter.emit('resume_thread_error', 'Thread not found.');
    return false;
  }
  session.threadId = thread.id;
  restoreSnapshot(session, thread.metadata ?? {});
  for (const step of thread.steps ?? []) if (MESSAGE_TYPES.has(step.type)) session.chatContext.push(messageFrom(step));
  session.hasFirstInteraction = true;
  session.recorder?.resumed();
  session.emitter.firstInteraction('resume');
  void deps.registry.saveReliably(session, 'resume');
  await callHook(session, 'onChatResume', thread);
  // Stored element files are served by thread (history routes); the client needs their URLs.
  session.emitter.emit('resume_thread', withElementUrls(thread, deps.services.rootPath, deps.services.dataLayer!));
  return true;
}
