/**
 * The microphone's AudioWorklet (served beside the bundle as `pcm-worklet.js`): mono
 * Float32 samples in, 16-bit little-endian PCM chunks of CHUNK samples out to the main
 * thread (8192 bytes, as Chainlit's recorder sends). `flush` posts what is left of the
 * last chunk, then `flushed`, so nothing the user said before stopping is lost.
 */
declare class AudioWorkletProcessor {
  readonly port: MessagePort;
}
declare function registerProcessor(name: string, processor: typeof AudioWorkletProcessor): void;

const CHUNK = 4096;

// Fields are declared, not initialised in place: the bundle must not need esbuild's
// class-field helper, which would make this module import a shared chunk.
class PcmRecorderProcessor extends AudioWorkletProcessor {
  private declare buffer: Int16Array;
  private declare filled: number;

  constructor() {
    super();
    this.buffer = new Int16Array(CHUNK);
    this.filled = 0;
    this.port.onmessage = (e: MessageEvent) => {
      if (e.data !== 'flush') return;
      if (this.filled > 0) this.post(this.buffer.slice(0, this.filled));
      this.filled = 0;
      this.port.postMessage('flushed');
    };
  }

  private post(chunk: Int16Array): void {
    this.port.postMessage(chunk.buffer, [chunk.buffer]);
  }

  process(inputs: Float32Array[][]): boolean {
    const samples = inputs[0]?.[0];
    if (!samples) return true;
    for (let i = 0; i < samples.length; i++) {
      const s = Math.max(-1, Math.min(1, samples[i]!));
      this.buffer[this.filled++] = s < 0 ? s * 0x8000 : s * 0x7fff;
      if (this.filled === CHUNK) {
        this.post(this.buffer);
        this.buffer = new Int16Array(CHUNK);
        this.filled = 0;
      }
    }
    return true;
  }
}

registerProcessor('chainlit-pcm-recorder', PcmRecorderProcessor);
