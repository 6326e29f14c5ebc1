import type { Session } from '../../session/session.js';
import { callHook } from '../invoke.js';
import { inRunStep, runTask } from '../tasks.js';
import { binaryData } from '../binary.js';

/** The last chunk's task per session: chunks reach the hook one at a time, in arrival order. */
const chunkQueues = new WeakMap<Session, Promise<unknown>>();

const DEFAULT_SAMPLE_RATE = 24_000;

function audioConfig(session: Session): { enabled: boolean; sampleRate: number } {
  const audio = session.runtime.config().features.audio;
  return { enabled: audio?.enabled === true, sampleRate: audio?.sample_rate ?? DEFAULT_SAMPLE_RATE };
}

/** `audio_start`: side work (no loading state, as in Chainlit); answers `audio_connection`. */
export function onAudioStart(session: Session): void {
  if (!audioConfig(session).enabled) return;
  void runTask(session, 'onAudioStart', { kind: 'side', visible: false }, async () => {
    const ok = await callHook(session, 'onAudioStart');
    session.emitter.emit('audio_connection', ok ? 'on' : 'off');
  });
}

export function onAudioChunk(session: Session, chunk: { isStart?: boolean; mimeType?: string; elapsedTime?: number; data: unknown }): void {
  const { enabled, sampleRate } = audioConfig(session);
  if (!enabled) return;
  // Binary from a socket here; JSON's form of a Buffer when another instance relayed it.
  const data = binaryData(chunk.data);
  if (!data) {
    session.emitter.sendToast('Rejected audio_chunk: data is not binary audio', 'error');
    return;
  }
  const previous = chunkQueues.get(session) ?? Promise.resolve();
  const next = previous.then(() =>
    runTask(session, 'onAudioChunk', { kind: 'side', visible: false }, () =>
      callHook(session, 'onAudioChunk', { isStart: chunk.isStart === true, mimeType: chunk.mimeType ?? 'pcm16', elapsedTime: chunk.elapsedTime ?? 0, data, sampleRate }),
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
    if (audioConfig(session).enabled) await inRunStep('on_audio_end', null, '', () => callHook(session, 'onAudioEnd'));
  });
}
