import type { Session } from '../../session/session.js';
import { callHook } from '../invoke.js';
import { inRunStep, runTask } from '../tasks.js';

const chunkQueues = new WeakMap<Session, Promise<void>>();

function audioEnabled(session: Session): boolean {
  return session.runtime.config().features.audio?.enabled === true;
}

export function onAudioStart(session: Session): void {
  if (!audioEnabled(session)) return;
  void runTask(session, 'onAudioStart', async () => {
    const ok = await callHook(session, 'onAudioStart');
    session.emitter.emit('audio_connection', ok ? 'on' : 'off');
  }, { events: false, cancellable: false });
}

/** Chunks reach the hook one at a time and in arrival order. */
export function onAudioChunk(session: Session, chunk: { isStart?: boolean; mimeType?: string; elapsedTime?: number; data: unknown }): void {
  if (!audioEnabled(session)) return;
  const data = Buffer.isBuffer(chunk.data) ? chunk.data : Buffer.from(chunk.data as ArrayBuffer);
  const previous = chunkQueues.get(session) ?? Promise.resolve();
  const next = previous.then(() =>
    runTask(session, 'onAudioChunk', () => callHook(session, 'onAudioChunk', { isStart: chunk.isStart === true, mimeType: chunk.mimeType ?? 'pcm16', elapsedTime: chunk.elapsedTime ?? 0, data }), { events: false, cancellable: false }),
  );
  chunkQueues.set(session, next);
}

export function onAudioEnd(session: Session): void {
  void runTask(session, 'onAudioEnd', async () => {
    session.runtime.firstInteraction(session, 'audio');
    if (audioEnabled(session)) await inRunStep('on_audio_end', null, '', () => callHook(session, 'onAudioEnd'));
  });
}
