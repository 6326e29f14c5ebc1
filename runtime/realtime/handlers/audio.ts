import type { Session } from '../../session/session.js';
import { callHook } from '../invoke.js';
import { inRunStep, runTask } from '../tasks.js';

/** The last chunk's task per session: chunks reach the hook one at a time, in arrival order. */
const chunkQueues = new WeakMap<Session, Promise<unknown>>();

const DEFAULT_SAMPLE_RATE = 24_000;

function audioConfig(session: Session): { enabled: boolean; sampleRate: number } {
  const audio = session.runtime.config().features.audio;
  return { enabled: audio?.enabled === true, sampleRate: audio?.sample_rate ?? DEFAULT_SAMPLE_RATE };
}

/**
 * The PCM of a chunk as a Buffer: a Socket.IO binary attachment arrives as one; a chunk
 * relayed from another instance crossed Redis as JSON, where a Buffer becomes
 * `{type: 'Buffer', data: [bytes]}`. Anything else is not audio.
 */
export function pcmData(data: unknown): Buffer | null {
  if (Buffer.isBuffer(data)) return data;
  if (data instanceof ArrayBuffer) return Buffer.from(data);
  if (ArrayBuffer.isView(data)) return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  const json = data as { type?: unknown; data?: unknown } | null;
  if (json && typeof json === 'object' && json.type === 'Buffer' && Array.isArray(json.data) && json.data.every((b) => Number.isInteger(b) && b >= 0 && b <= 255)) {
    return Buffer.from(json.data as number[]);
  }
  return null;
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
  const data = pcmData(chunk.data);
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
