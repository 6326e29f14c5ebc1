/**
 * Speech for the voice example, offline: espeak-ng when it is installed (`apt-get install
 * espeak-ng`), otherwise a short two-note chime, so the example runs anywhere. Both give
 * 16-bit mono PCM at 24 kHz, the rate the UI plays.
 */
import { execFile } from 'node:child_process';
import { readWav, resample } from './pcm.js';

export const RATE = 24_000;

export interface Speech {
  samples: Int16Array;
  engine: 'espeak-ng' | 'tone';
}

function espeak(text: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    // No shell: the text is one argument, whatever it holds.
    execFile('espeak-ng', ['--stdout', '-v', 'en-us', '-s', '170', '--', text], { encoding: 'buffer', maxBuffer: 32 * 1024 * 1024, timeout: 20_000 }, (err, stdout) => {
      if (err) reject(err);
      else resolve(stdout);
    });
  });
}

function chime(): Int16Array {
  const notes = [660, 880];
  const each = Math.round(RATE * 0.25);
  const out = new Int16Array(each * notes.length);
  notes.forEach((hz, n) => {
    for (let i = 0; i < each; i++) {
      const fade = Math.min(1, i / 400, (each - i) / 400);
      out[n * each + i] = Math.round(Math.sin((2 * Math.PI * hz * i) / RATE) * 0.3 * 0x7fff * fade);
    }
  });
  return out;
}

let espeakMissing = false;

export async function speak(text: string): Promise<Speech> {
  if (!espeakMissing) {
    try {
      const { samples, sampleRate } = readWav(await espeak(text.slice(0, 500)));
      return { samples: resample(samples, sampleRate, RATE), engine: 'espeak-ng' };
    } catch (err) {
      // Not installed: use the chime from now on. Anything else is a real failure.
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      espeakMissing = true;
    }
  }
  return { samples: chime(), engine: 'tone' };
}
