import type { Session } from '../../session/session.js';
import { callHook } from '../invoke.js';
import { inRunStep, runTask } from '../tasks.js';

/** The last chunk's task per session: chunks reach the hook one at a time, in arrival order. */
const chunkQueues = new WeakMap<Session, Promise<unknown>>();

function audioEnabled(session: Session): boolean {
  return session.runtime.config().features.audio?.enabled === true;
}

/** `audio_start`: side work (no loading state, as in Chainlit); answers `audio_connection`. */
export function onAudioStart(session: Session): void {
  if (!audioEnabled(session)) return;
  void runTask(session, 'onAudioStart', { kind: 'side', visible: false }, async () => {
    const ok = await callHook(session, 'onAudioStart');
    session.emitter.emit('audio_connection', ok ? 'on' : 'off');
  });
}

export function onAudioChunk(session: Session, chunk: { isStart?: boolean; mimeType?: string; elapsedTime?: number; data: unknown }): void {
  if (!audioEnabled(session)) return;
  const data = Buffer.isBuffer(chunk.data) ? chunk.data : Buffer.from(chunk.data as ArrayBuffer);
  const previous = chunkQueues.get(session) ?? Promise.resolve();
  const next = previous.then(() =>
    runTask(session, 'onAudioChunk', { kind: 'side', visible: false }, () =>
      callHook(session, 'onAudioChunk', { isStart: chunk.isStart === true, mimeType: chunk.mimeType ?? 'pcm16', elapsedTime: chunk.elapsedTime ?? 0, data }),
    ),
  );
  chunkQueues.set(session, next);
}

/** `audio_end`: a turn, like a message; it runs once every chunk before it has been handled. */
export function onAudioEnd(session: Session): void {
  const chunks = chunkQueues.get(session) ?? Promise.resolve();
  void runTask(session, 'onAudioEnd', { kind: 'turn' }, async () => {
    await chunks;
    session.runtime.firstInteraction(session, 'audio');
    if (audioEnabled(session)) await inRunStep('on_audio_end', null, '', () => callHook(session, 'onAudioEnd'));
  });
}
