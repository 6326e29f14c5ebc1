import { randomUUID } from 'node:crypto';
import { Audio, context, definePlugin, Message, userSession } from 'chainlit-rt';
import { describe, fromBuffer, toBuffer, wav } from './pcm.js';
import { RATE, speak } from './speech.js';

/** Speech goes out in pieces of a quarter second: the UI starts playing with the first one. */
const PIECE = RATE / 4;

/** Says `text` out loud in the UI, on a track of its own; returns which engine spoke. */
async function sayAloud(text: string): Promise<string> {
  const { samples, engine } = await speak(text);
  const track = randomUUID();
  for (let at = 0; at < samples.length; at += PIECE) {
    await context.emitter.sendAudioChunk({ track, data: toBuffer(samples.subarray(at, at + PIECE)) });
  }
  return engine;
}

export default definePlugin({
  name: 'voice-example',

  async onChatStart() {
    await new Message({ content: 'Press the microphone button and say something, then press it again. I play back what I heard and answer out loud. You can also type: I read it out.' }).send();
  },

  // The microphone opens only if this returns true.
  async onAudioStart() {
    userSession.set('recording', []);
    return true;
  },

  // 16-bit PCM at features.audio.sample_rate (chunk.sampleRate), in order.
  async onAudioChunk(chunk) {
    userSession.get<Buffer[]>('recording')?.push(chunk.data);
    userSession.set('sampleRate', chunk.sampleRate);
  },

  async onAudioEnd() {
    const rate = userSession.get<number>('sampleRate') ?? RATE;
    const pcm = Buffer.concat(userSession.get<Buffer[]>('recording') ?? []);
    userSession.set('recording', []);
    const heard = describe(fromBuffer(pcm), rate);
    if (heard.seconds < 0.1) {
      await new Message({ content: 'I heard nothing.' }).send();
      return;
    }
    // The recording, shown as the user's message with an audio player.
    await new Message({
      author: 'You',
      type: 'user_message',
      content: '',
      elements: [new Audio({ name: 'recording.wav', content: wav(pcm, rate), mime: 'audio/wav', display: 'inline' })],
    }).send();
    const pitch = heard.pitch === null ? 'no clear pitch' : `a pitch of about ${heard.pitch} Hz`;
    const text = `I heard ${heard.seconds.toFixed(1)} seconds of sound, with ${pitch}.`;
    const engine = await sayAloud(text);
    await new Message({ content: `${text} (spoken by ${engine})` }).send();
  },

  async onMessage(message) {
    const engine = await sayAloud(message.content);
    await new Message({ content: `Reading it out (spoken by ${engine}): ${message.content}` }).send();
  },
});
