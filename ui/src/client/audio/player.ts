/**
 * Plays the app's speech (`audio_chunk`: 16-bit mono PCM, 24 kHz) gap-free, chunk after
 * chunk. `interrupt()` stops at once, and the track that was playing stays interrupted:
 * its later chunks are dropped (PROTOCOL: use a new track per reply).
 */
export const OUTPUT_SAMPLE_RATE = 24_000;

export class PcmPlayer {
  private ctx: AudioContext | null = null;
  private next = 0;
  private readonly sources = new Set<AudioBufferSourceNode>();
  private readonly interrupted = new Set<string>();
  private current: string | null = null;

  constructor(private readonly onPlaying: (track: string | null) => void) {}

  /** Creates the output while the user's click still counts (autoplay rules). */
  open(): void {
    this.ctx ??= new AudioContext({ sampleRate: OUTPUT_SAMPLE_RATE });
    if (this.ctx.state === 'suspended') void this.ctx.resume();
  }

  add(track: string, data: ArrayBuffer | ArrayBufferView): void {
    if (this.interrupted.has(track)) return;
    this.open();
    const ctx = this.ctx!;
    const bytes = data instanceof ArrayBuffer ? new Uint8Array(data) : new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    const samples = Math.floor(bytes.byteLength / 2);
    if (samples === 0) return;
    const view = new DataView(bytes.buffer, bytes.byteOffset, samples * 2);
    const buffer = ctx.createBuffer(1, samples, OUTPUT_SAMPLE_RATE);
    const out = buffer.getChannelData(0);
    for (let i = 0; i < samples; i++) out[i] = view.getInt16(i * 2, true) / 0x8000;
    const source = ctx.createBufferSource();
    source.buffer = buffer;
    source.connect(ctx.destination);
    const at = Math.max(ctx.currentTime, this.next);
    source.start(at);
    this.next = at + buffer.duration;
    this.sources.add(source);
    source.onended = () => {
      this.sources.delete(source);
      if (this.sources.size === 0) this.onPlaying(null);
    };
    this.current = track;
    this.onPlaying(track);
  }

  interrupt(): void {
    if (this.current) this.interrupted.add(this.current);
    this.current = null;
    for (const s of this.sources) {
      s.onended = null;
      s.stop();
    }
    this.sources.clear();
    this.next = 0;
    this.onPlaying(null);
  }

  close(): void {
    this.interrupt();
    void this.ctx?.close().catch(() => undefined);
    this.ctx = null;
  }
}
