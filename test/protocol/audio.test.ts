/**
 * Voice on the wire (PROTOCOL.md §2.1/§2.2): `features.audio` gates the audio events;
 * chunks reach onAudioChunk in order with the configured sample rate; audio_end is a turn
 * after them; the emitter's sendAudioChunk / sendAudioInterrupt / updateAudioConnection
 * reach the client, the PCM as binary.
 */
import { expect } from 'chai';
import { connectClient, type TestClient } from '../support/client.js';
import { startServer, writeApp, type TestServer } from '../support/server.js';

const PLUGIN = `
import { context, definePlugin, Message, userSession } from 'chainlit-rt';
export default definePlugin({
  async onAudioStart() {
    userSession.set('got', []);
    return context.session.userEnv.REFUSE !== 'yes';
  },
  async onAudioChunk(chunk) {
    userSession.get('got').push([chunk.data[0], chunk.data.length, chunk.isStart, chunk.sampleRate, Buffer.isBuffer(chunk.data)].join(':'));
  },
  async onAudioEnd() {
    await new Message({ content: 'heard ' + userSession.get('got').join(',') }).send();
    await context.emitter.sendAudioChunk({ track: 't1', data: Buffer.from([1, 0, 2, 0]) });
    await context.emitter.sendAudioChunk({ track: 't1', data: new Uint8Array([3, 0]) });
    await context.emitter.sendAudioInterrupt();
    await context.emitter.updateAudioConnection('off');
  },
  async onMessage(message) {
    if (message.content === 'bad track') {
      try { await context.emitter.sendAudioChunk({ track: '', data: Buffer.alloc(2) }); } catch (err) { await new Message({ content: String(err) }).send(); }
    }
  },
});
`;

function app(features: string, profiles = ''): string {
  return writeApp({ 'chainlit.yaml': `name: Audio\nplugins: [plugin.ts]\nfeatures:\n${features}${profiles}`, 'plugin.ts': PLUGIN });
}

/** A chunk whose first byte says which it is, as the browser sends it (binary). */
const chunk = (n: number, isStart = false) => ({ isStart, mimeType: 'pcm16', elapsedTime: n * 170, data: Buffer.alloc(8192, n) });

describe('audio on the wire', function () {
  this.timeout(30_000);

  describe('with features.audio on', () => {
    let server: TestServer;
    before(async () => {
      server = await startServer(app('  audio:\n    enabled: true\n    sample_rate: 16000\n', 'profiles:\n  - name: quiet\n    config_overrides:\n      features:\n        audio:\n          enabled: false\n  - name: talk\n'));
    });
    after(() => server.stop());

    async function talk(client: TestClient, count: number): Promise<string> {
      client.socket.emit('audio_start');
      expect(await client.waitFor('audio_connection')).to.equal('on');
      for (let n = 1; n <= count; n++) client.socket.emit('audio_chunk', chunk(n, n === 1));
      client.socket.emit('audio_end');
      return (await client.waitFor<{ output: string }>('new_message', (m) => m.output.startsWith('heard '))).output;
    }

    it('hands every chunk to onAudioChunk in order, as a Buffer at the configured rate, then runs onAudioEnd as a turn', async () => {
      const client = await connectClient(server.url, { chatProfile: 'talk' });
      const heard = await talk(client, 40);
      const expected = Array.from({ length: 40 }, (_, i) => `${i + 1}:8192:${i === 0}:16000:true`).join(',');
      expect(heard).to.equal(`heard ${expected}`);
      // A turn: task events around it, the thread started by the audio, the on_audio_end run.
      expect(client.of('task_start').length).to.be.greaterThan(0);
      expect(client.of<{ interaction: string }>('first_interaction').map((f) => f.interaction)).to.deep.equal(['audio']);
      expect(client.of<{ name: string; type: string }>('new_message').some((m) => m.type === 'run' && m.name === 'on_audio_end')).to.equal(true);
      client.close();
    });

    it('sends the app\'s speech as binary PCM per track, then the interrupt and the connection state', async () => {
      const client = await connectClient(server.url, { chatProfile: 'talk' });
      await talk(client, 1);
      await client.waitFor<string>('audio_connection', (s) => s === 'off');
      const speech = client.of<{ track: string; mimeType: string; data: unknown }>('audio_chunk');
      expect(speech.map((c) => [c.track, c.mimeType, Buffer.isBuffer(c.data), [...(c.data as Buffer)]])).to.deep.equal([
        ['t1', 'pcm16', true, [1, 0, 2, 0]],
        ['t1', 'pcm16', true, [3, 0]],
      ]);
      const order = client.received.map((r) => r.event).filter((e) => e.startsWith('audio_'));
      expect(order).to.deep.equal(['audio_connection', 'audio_chunk', 'audio_chunk', 'audio_interrupt', 'audio_connection']);
      client.close();
    });

    it('answers audio_connection "off" when onAudioStart refuses', async () => {
      const client = await connectClient(server.url, { chatProfile: 'talk', userEnv: { REFUSE: 'yes' } });
      client.socket.emit('audio_start');
      expect(await client.waitFor('audio_connection')).to.equal('off');
      client.close();
    });

    it('refuses a chunk that is not binary audio, and a track that is not a string', async () => {
      const client = await connectClient(server.url, { chatProfile: 'talk' });
      client.socket.emit('audio_start');
      await client.waitFor('audio_connection');
      client.socket.emit('audio_chunk', { isStart: true, mimeType: 'pcm16', elapsedTime: 0, data: 'not audio' });
      const toast = await client.waitFor<{ message: string; type: string }>('toast');
      expect(toast).to.deep.equal({ message: 'Rejected audio_chunk: data is not binary audio', type: 'error' });
      client.send('bad track');
      expect((await client.waitFor<{ output: string }>('new_message', (m) => m.output.includes('track'))).output).to.contain('sendAudioChunk: track must be a non-empty string');
      client.close();
    });

    it('follows a profile that turns audio off', async () => {
      const client = await connectClient(server.url, { chatProfile: 'quiet' });
      client.socket.emit('audio_start');
      client.send('ping');
      // The message's turn ends; audio_start produced nothing before it.
      await client.waitFor('task_end', () => true, { since: client.received.length });
      expect(client.of('audio_connection')).to.deep.equal([]);
      client.close();
    });
  });

  describe('with features.audio off (the default)', () => {
    let server: TestServer;
    before(async () => {
      server = await startServer(app('  edit_message: true\n'));
    });
    after(() => server.stop());

    it('ignores the audio events, and audio_end only ends a turn', async () => {
      const client = await connectClient(server.url);
      client.socket.emit('audio_start');
      client.socket.emit('audio_chunk', chunk(1, true));
      client.socket.emit('audio_end');
      await client.waitFor('first_interaction');
      await client.waitFor('task_end', () => true, { since: client.received.findIndex((r) => r.event === 'first_interaction') });
      expect(client.of('audio_connection')).to.deep.equal([]);
      expect(client.of<{ output: string }>('new_message').some((m) => m.output.startsWith('heard'))).to.equal(false);
      client.close();
    });
  });
});
