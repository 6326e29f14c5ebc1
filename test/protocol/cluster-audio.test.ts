/**
 * Audio across a cluster (docs/scaling.md): two instances in one process sharing one Redis.
 * A socket connected to the instance that does not own its session is relayed, and its
 * events cross Redis as JSON, where a Buffer turns into `{type: 'Buffer', data: [...]}`.
 * The microphone's chunks must still reach the owner's onAudioChunk as Buffers, complete
 * and in order, and the owner's speech must reach the relayed client as binary.
 */
import { expect } from 'chai';
import { Redis } from 'ioredis';
import { connectClient, type TestClient } from '../support/client.js';
import { startServer, writeApp, type TestServer } from '../support/server.js';
import { requireService } from '../support/services.js';
import { waitUntil } from '../support/wait.js';
import { dropKeysAndQuit } from '../support/redis-server.js';

const PREFIX = `crt-audio-${process.pid}-${Date.now()}:`;

const PLUGIN = `
import { createHash } from 'node:crypto';
import { context, definePlugin, Message, userSession } from 'chainlit-rt';
export default definePlugin({
  async onChatStart() { await new Message({ content: 'ready' }).send(); },
  async onAudioStart() { userSession.set('chunks', []); return true; },
  async onAudioChunk(chunk) {
    if (!Buffer.isBuffer(chunk.data)) throw new Error('not a Buffer: ' + JSON.stringify(chunk.data).slice(0, 40));
    userSession.get('chunks').push(chunk.data);
  },
  async onAudioEnd() {
    const chunks = userSession.get('chunks');
    const all = Buffer.concat(chunks);
    await new Message({ content: 'heard ' + chunks.length + ' ' + chunks.map((c) => c[0]).join(',') + ' ' + createHash('sha256').update(all).digest('hex') }).send();
    for (let i = 1; i <= 3; i++) await context.emitter.sendAudioChunk({ track: 'reply', data: Buffer.alloc(4800, i) });
  },
});
`;

describe('cluster: audio through a relayed socket', function () {
  this.timeout(30_000);
  let a: TestServer;
  let b: TestServer;
  let redis: Redis;
  const clients: TestClient[] = [];

  before(async function () {
    await requireService(this, 'redis');
    const manifest = `name: Audio Relay\nplugins: [plugin.ts]\nfeatures:\n  audio:\n    enabled: true\nsession:\n  store: redis\n  key_prefix: "${PREFIX}"\n`;
    const file = writeApp({ 'chainlit.yaml': manifest, 'plugin.ts': PLUGIN });
    a = await startServer(file);
    b = await startServer(file);
    redis = new Redis('redis://127.0.0.1:6379');
  });
  afterEach(() => {
    for (const c of clients.splice(0)) c.close();
  });
  after(async () => {
    await a?.stop();
    await b?.stop();
    if (redis) {
      await dropKeysAndQuit(redis, PREFIX);
    }
  });

  /** A session owned by A, and a socket of it connected to B. */
  async function relayed(): Promise<TestClient> {
    const first = await connectClient(a.url);
    clients.push(first);
    await first.waitFor('new_message', (m: { output: string }) => m.output === 'ready');
    const second = await connectClient(b.url, { sessionId: first.sessionId, browserKey: first.browserKey, offset: first.lastOffset });
    clients.push(second);
    expect(b.app.registry.get(first.sessionId), 'B relays, A keeps the session').to.equal(undefined);
    await waitUntil('B relays the session', () => b.app.cluster!.relays.size === 1);
    return second;
  }

  it('hands the chunks sent through the other instance to onAudioChunk as Buffers, complete and in order', async () => {
    const client = await relayed();
    client.socket.emit('audio_start');
    expect(await client.waitFor('audio_connection')).to.equal('on');
    const sent: Buffer[] = [];
    for (let n = 1; n <= 25; n++) {
      // Every byte differs, so a reordered, lost or mangled byte changes the digest.
      const data = Buffer.alloc(8192);
      for (let i = 0; i < data.length; i++) data[i] = (n * 31 + i * 7) % 256;
      data[0] = n;
      sent.push(data);
      client.socket.emit('audio_chunk', { isStart: n === 1, mimeType: 'pcm16', elapsedTime: n * 170, data });
    }
    client.socket.emit('audio_end');
    const heard = await client.waitFor<{ output: string }>('new_message', (m) => m.output.startsWith('heard '));
    const { createHash } = await import('node:crypto');
    const digest = createHash('sha256').update(Buffer.concat(sent)).digest('hex');
    expect(heard.output).to.equal(`heard 25 ${Array.from({ length: 25 }, (_, i) => i + 1).join(',')} ${digest}`);
    expect(client.of<{ output: string }>('new_message').some((m) => m.output.includes('not a Buffer'))).to.equal(false);
  });

  it('sends the owner\'s speech to the relayed client as binary', async () => {
    const client = await relayed();
    client.socket.emit('audio_start');
    await client.waitFor('audio_connection');
    client.socket.emit('audio_chunk', { isStart: true, mimeType: 'pcm16', elapsedTime: 0, data: Buffer.alloc(8192, 1) });
    client.socket.emit('audio_end');
    await waitUntil('three chunks of speech arrived', () => client.of('audio_chunk').length === 3);
    const speech = client.of<{ track: string; data: unknown }>('audio_chunk');
    expect(speech.map((c) => [c.track, Buffer.isBuffer(c.data), Buffer.isBuffer(c.data) ? (c.data as Buffer).length : null, Buffer.isBuffer(c.data) ? (c.data as Buffer)[0] : null])).to.deep.equal([
      ['reply', true, 4800, 1],
      ['reply', true, 4800, 2],
      ['reply', true, 4800, 3],
    ]);
  });

  it('replays missed speech as binary to a client that comes back through the other instance', async () => {
    const first = await connectClient(a.url);
    clients.push(first);
    await first.waitFor('new_message', (m: { output: string }) => m.output === 'ready');
    const offset = first.lastOffset;
    first.socket.emit('audio_start');
    await first.waitFor('audio_connection');
    first.socket.emit('audio_chunk', { isStart: true, mimeType: 'pcm16', elapsedTime: 0, data: Buffer.alloc(8192, 9) });
    first.socket.emit('audio_end');
    await waitUntil('the speech was sent', () => first.of('audio_chunk').length === 3);
    first.close();
    const back = await connectClient(b.url, { sessionId: first.sessionId, browserKey: first.browserKey, offset });
    clients.push(back);
    await waitUntil('the missed speech was replayed', () => back.of('audio_chunk').length === 3);
    expect(back.of<{ data: unknown }>('audio_chunk').map((c) => Buffer.isBuffer(c.data))).to.deep.equal([true, true, true]);
  });
});
