import { randomUUID } from 'node:crypto';
import { ChainlitRtError } from '../errors.js';
import { IncomingMessage, UploadedFile } from '../sdk/incoming.js';
import type { Session } from '../session/session.js';
import { isPayload, payloadProblem } from './validate.js';
import { utcNow, type ElementDict, type FileRecord, type UserStepDict } from '../wire.js';

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

function elementType(mime: string): ElementDict['type'] {
  if (mime.includes('image')) return 'image';
  if (mime === 'application/pdf') return 'pdf';
  if (mime.includes('audio')) return 'audio';
  if (mime.includes('video')) return 'video';
  return 'file';
}

function fileElement(file: FileRecord, forId: string, threadId: string): ElementDict {
  return {
    id: randomUUID(), threadId, type: elementType(file.type), name: file.name, display: 'inline', forId,
    url: null, chainlitKey: file.id, objectKey: null, mime: file.type, size: null, language: null, page: null,
    autoPlay: null, playerConfig: null, props: null,
  };
}

/**
 * Takes in a user message sent by a client (a `client_message`, an edit, or a text-ask
 * answer): checks its id, puts it in the chat context, starts the thread on the first
 * interaction and shows attached files as elements (PROTOCOL.md §2.1, steps 2–5).
 */
export function acceptUserMessage(session: Session, dict: UserStepDict, fileIds: string[] = []): IncomingMessage {
  if (typeof dict.id !== 'string' || !UUID_V4.test(dict.id)) {
    throw new ChainlitRtError('CRT_BAD_PAYLOAD', `Invalid message id "${String(dict.id)}": a user message id must be a UUID v4.`, { expose: true, status: 422 });
  }
  const limit = session.runtime.config().features.spontaneous_file_upload?.max_files;
  const attached = fileIds.filter((id) => session.files.has(id));
  if (typeof limit === 'number' && attached.length > limit) {
    throw new ChainlitRtError('CRT_UPLOAD_REJECTED', `Too many files: at most ${limit} per message.`, { expose: true, status: 400 });
  }
  const message = new IncomingMessage({
    id: dict.id,
    parentId: dict.parentId ?? null,
    content: typeof dict.output === 'string' ? dict.output : '',
    author: dict.name || session.user?.identifier || 'User',
    // A host page's `sendChainlitMessage` may send a system message (the copilot's); the
    // hook tells them apart by `type`. Anything else is what the user typed.
    type: dict.type === 'system_message' ? 'system_message' : 'user_message',
    command: dict.command ?? null,
    modes: dict.modes ?? null,
    language: dict.language ?? undefined,
    metadata: dict.metadata ?? {},
    createdAt: utcNow(),
  });
  message.threadId = session.threadId;
  session.chatContext.push(message);
  session.runtime.firstInteraction(session, message.content);
  session.recorder?.step(message.toDict());
  for (const id of attached) {
    const file = session.files.get(id)!;
    const element = fileElement(file, message.id, session.threadId);
    message.elements.push(new UploadedFile(file.id, file.name, file.path, file.size, file.type, element));
    session.emitter.sendElement(element);
  }
  return message;
}

/**
 * The answer to a text ask, checked as the message of a `client_message` is: the wire says
 * what a client acknowledges with, but the client is not trusted to.
 */
export function textAnswer(answer: unknown): UserStepDict {
  if (isPayload('user_step', answer)) return answer;
  throw new ChainlitRtError('CRT_BAD_PAYLOAD', `Invalid answer to the question: ${payloadProblem('user_step', answer)}.`, { expose: true, status: 422 });
}
