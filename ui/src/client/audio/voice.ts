/**
 * Voice input and spoken answers (PROTOCOL.md §2.1/§2.2 audio events). `start()` asks the
 * server (`audio_start`); its `audio_connection "on"` opens the microphone, whose chunks go
 * out as `audio_chunk` in order; `stop()` flushes the last chunk and sends `audio_end`.
 * The server's `audio_chunk`s play per track; `audio_interrupt` stops the playing one.
 */
import { Store } from '../store.js';
import { PcmPlayer } from './player.js';
import { PcmRecorder } from './recorder.js';

export type VoiceState = 'off' | 'connecting' | 'on';

export interface VoiceSnapshot {
  state: VoiceState;
  /** The track being played, or null when the app is silent. */
  playing: string | null;
}

/** What the conversation needs from the chat session. */
export interface VoiceLink {
  emit(event: 'audio_start' | 'audio_end'): void;
  emitChunk(chunk: { isStart: boolean; mimeType: string; elapsedTime: number; data: ArrayBuffer }): void;
}

export interface VoiceOptions {
  sampleRate: () => number;
  workletUrl: () => string;
  onError: (message: string) => void;
}

export class VoiceConversation {
  readonly store = new Store<VoiceSnapshot>({ state: 'off', playing: null });
  private recorder: PcmRecorder | null = null;
  private readonly player = new PcmPlayer((playing) => this.store.set({ playing }));

  constructor(
    private readonly link: VoiceLink,
    private readonly opts: VoiceOptions,
  ) {}

  get state(): VoiceState {
    return this.store.get().state;
  }

  /** The user asks for the microphone (a click: the player is opened while it counts). */
  start(): void {
    if (this.state !== 'off') return;
    this.player.open();
    this.store.set({ state: 'connecting' });
    this.link.emit('audio_start');
  }

  /** The user is done: the last words are sent, then `audio_end` (a turn on the server). */
  async stop(): Promise<void> {
    if (this.state === 'off') return;
    this.store.set({ state: 'off' });
    this.player.interrupt();
    await this.closeRecorder();
    this.link.emit('audio_end');
  }

  /** `audio_connection` from the server. */
  async connection(state: 'on' | 'off'): Promise<void> {
    if (state === 'off') {
      this.store.set({ state: 'off' });
      await this.closeRecorder();
      this.player.interrupt();
      return;
    }
    if (this.recorder) return;
    const recorder = new PcmRecorder();
    this.recorder = recorder;
    const started = Date.now();
    let first = true;
    try {
      await recorder.start({
        sampleRate: this.opts.sampleRate(),
        workletUrl: this.opts.workletUrl(),
        onChunk: (data) => {
          if (this.recorder !== recorder) return; // after stop(): audio_end is on its way
          this.link.emitChunk({ isStart: first, mimeType: 'pcm16', elapsedTime: Date.now() - started, data });
          first = false;
        },
      });
      // Stopped while the microphone was opening.
      if (this.recorder !== recorder) return void (await recorder.stop());
      this.store.set({ state: 'on' });
    } catch (err) {
      this.recorder = null;
      await recorder.stop().catch(() => undefined);
      this.player.interrupt();
      this.store.set({ state: 'off' });
      // As Chainlit's current client: the server hears that the turn is over.
      this.link.emit('audio_end');
      this.opts.onError(err instanceof Error ? err.message : String(err));
    }
  }

  play(track: string, data: ArrayBuffer | ArrayBufferView): void {
    this.player.add(track, data);
  }

  interrupt(): void {
    this.player.interrupt();
  }

  private async closeRecorder(): Promise<void> {
    const r = this.recorder;
    this.recorder = null;
    await r?.stop();
  }

  dispose(): void {
    void this.closeRecorder();
    this.player.close();
  }
}
