/**
 * 16-bit mono PCM helpers for the voice example: WAV in and out, resampling, and a pitch
 * estimate (zero crossings), enough to describe what the microphone heard.
 */

/** A WAV file (RIFF, PCM 16-bit mono) around raw samples. */
export function wav(pcm: Buffer, sampleRate: number): Buffer {
  const header = Buffer.alloc(44);
  header.write('RIFF', 0);
  header.writeUInt32LE(36 + pcm.length, 4);
  header.write('WAVE', 8);
  header.write('fmt ', 12);
  header.writeUInt32LE(16, 16); // fmt chunk size
  header.writeUInt16LE(1, 20); // PCM
  header.writeUInt16LE(1, 22); // mono
  header.writeUInt32LE(sampleRate, 24);
  header.writeUInt32LE(sampleRate * 2, 28); // bytes per second
  header.writeUInt16LE(2, 32); // bytes per frame
  header.writeUInt16LE(16, 34); // bits per sample
  header.write('data', 36);
  header.writeUInt32LE(pcm.length, 40);
  return Buffer.concat([header, pcm]);
}

/** The samples and rate of a 16-bit PCM WAV file (the first channel when there are more). */
export function readWav(file: Buffer): { samples: Int16Array; sampleRate: number } {
  if (file.toString('ascii', 0, 4) !== 'RIFF' || file.toString('ascii', 8, 12) !== 'WAVE') throw new Error('not a WAV file');
  let at = 12;
  let channels = 1;
  let sampleRate = 0;
  while (at + 8 <= file.length) {
    const id = file.toString('ascii', at, at + 4);
    // espeak-ng writes 0xFFFFFFFF as the data size when it streams to stdout.
    const size = Math.min(file.readUInt32LE(at + 4), file.length - at - 8);
    if (id === 'fmt ') {
      channels = file.readUInt16LE(at + 10);
      sampleRate = file.readUInt32LE(at + 12);
      if (file.readUInt16LE(at + 22) !== 16) throw new Error('only 16-bit WAV is read');
    } else if (id === 'data') {
      const frames = Math.floor(size / (2 * channels));
      const samples = new Int16Array(frames);
      for (let i = 0; i < frames; i++) samples[i] = file.readInt16LE(at + 8 + i * 2 * channels);
      return { samples, sampleRate };
    }
    at += 8 + size + (size % 2);
  }
  throw new Error('WAV file without data');
}

/** Linear-interpolation resampling: good enough for speech. */
export function resample(samples: Int16Array, from: number, to: number): Int16Array {
  if (from === to) return samples;
  const out = new Int16Array(Math.floor((samples.length * to) / from));
  for (let i = 0; i < out.length; i++) {
    const pos = (i * from) / to;
    const j = Math.floor(pos);
    const a = samples[j] ?? 0;
    const b = samples[j + 1] ?? a;
    out[i] = Math.round(a + (b - a) * (pos - j));
  }
  return out;
}

export function toBuffer(samples: Int16Array): Buffer {
  const buf = Buffer.alloc(samples.length * 2);
  samples.forEach((s, i) => buf.writeInt16LE(s, i * 2));
  return buf;
}

export function fromBuffer(pcm: Buffer): Int16Array {
  const samples = new Int16Array(Math.floor(pcm.length / 2));
  for (let i = 0; i < samples.length; i++) samples[i] = pcm.readInt16LE(i * 2);
  return samples;
}

/**
 * Loudness (peak, 0–1) and pitch (Hz) of a recording. The pitch counts zero crossings in
 * the loud 20 ms frames, with a little hysteresis so that noise around zero does not count.
 */
export function describe(samples: Int16Array, sampleRate: number): { seconds: number; peak: number; pitch: number | null } {
  let peak = 0;
  for (const s of samples) peak = Math.max(peak, Math.abs(s));
  const frame = Math.max(1, Math.round(sampleRate / 50));
  const rms: number[] = [];
  for (let at = 0; at + frame <= samples.length; at += frame) {
    let sum = 0;
    for (let i = at; i < at + frame; i++) sum += samples[i]! * samples[i]!;
    rms.push(Math.sqrt(sum / frame));
  }
  const loudest = Math.max(0, ...rms);
  const hysteresis = peak * 0.02;
  let crossings = 0;
  let loudFrames = 0;
  let sign = 0; // carried across consecutive loud frames
  rms.forEach((level, f) => {
    if (loudest === 0 || level < loudest * 0.25) {
      sign = 0;
      return;
    }
    loudFrames++;
    for (let i = f * frame; i < (f + 1) * frame; i++) {
      const s = samples[i]!;
      const now = s > hysteresis ? 1 : s < -hysteresis ? -1 : sign;
      if (sign !== 0 && now !== sign) crossings++;
      sign = now;
    }
  });
  const loudSeconds = (loudFrames * frame) / sampleRate;
  const pitch = loudSeconds >= 0.1 ? Math.round(crossings / 2 / loudSeconds) : null;
  return { seconds: samples.length / sampleRate, peak: peak / 0x8000, pitch };
}
