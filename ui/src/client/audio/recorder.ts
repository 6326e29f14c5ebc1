/**
 * The microphone as 16-bit mono PCM at a chosen sample rate (`features.audio.sample_rate`,
 * 24 kHz by default): the browser resamples to the AudioContext's rate, the worklet
 * (pcm-worklet.ts) cuts the samples into chunks.
 */
export interface RecorderOptions {
  sampleRate: number;
  /** URL of pcm-worklet.js (beside the bundle). */
  workletUrl: string;
  onChunk: (pcm: ArrayBuffer) => void;
}

export class PcmRecorder {
  private ctx: AudioContext | null = null;
  private stream: MediaStream | null = null;
  private node: AudioWorkletNode | null = null;
  private flushed: (() => void) | null = null;

  async start(opts: RecorderOptions): Promise<void> {
    this.stream = await navigator.mediaDevices.getUserMedia({
      audio: { channelCount: 1, echoCancellation: true, noiseSuppression: true },
    });
    this.ctx = new AudioContext({ sampleRate: opts.sampleRate });
    await this.ctx.audioWorklet.addModule(opts.workletUrl);
    const source = this.ctx.createMediaStreamSource(this.stream);
    // One channel in: a stereo microphone is mixed down.
    this.node = new AudioWorkletNode(this.ctx, 'chainlit-pcm-recorder', {
      numberOfInputs: 1,
      numberOfOutputs: 1,
      channelCount: 1,
      channelCountMode: 'explicit',
      channelInterpretation: 'speakers',
    });
    this.node.port.onmessage = (e: MessageEvent) => {
      if (e.data instanceof ArrayBuffer) opts.onChunk(e.data);
      else if (e.data === 'flushed') this.flushed?.();
    };
    // Silent, but connected to the output so the graph keeps pulling the worklet.
    const mute = this.ctx.createGain();
    mute.gain.value = 0;
    source.connect(this.node).connect(mute).connect(this.ctx.destination);
    if (this.ctx.state === 'suspended') await this.ctx.resume();
  }

  /** Stops the microphone once the last partial chunk was handed over. */
  async stop(): Promise<void> {
    const { node, ctx, stream } = this;
    this.node = null;
    this.ctx = null;
    this.stream = null;
    if (node && ctx && ctx.state !== 'closed') {
      await new Promise<void>((resolve) => {
        this.flushed = resolve;
        node.port.postMessage('flush');
      });
      this.flushed = null;
    }
    stream?.getTracks().forEach((t) => t.stop());
    await ctx?.close().catch(() => undefined);
  }
}
