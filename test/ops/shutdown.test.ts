import { expect } from 'chai';
import http from 'node:http';
import { Redis } from 'ioredis';
import { connectClient, type TestClient } from '../support/client.js';
import { startGate, type Gate } from '../support/gate.js';
import { startServer } from '../support/server.js';
import { requireService } from '../support/services.js';
import { startTcpProxy } from '../support/tcp-proxy.js';
import { waitUntil } from '../support/wait.js';
import { disconnectReason, get, opsApp } from './support.js';
import { dropKeysAndQuit } from '../support/redis-server.js';

type Msg = { output: string };
type Token = { token: string };

/** What a client received of streamed answers: the opening token, then each next one. */
function streamed(client: TestClient): string[] {
  return client.received.flatMap((r) => (r.event === 'stream_start' ? [(r.payload as Msg).output] : r.event === 'stream_token' ? [(r.payload as Token).token] : []));
}

describe('graceful shutdown (App.shutdown)', () => {
  let gate: Gate;
  before(async () => {
    gate = await startGate();
  });
  after(async () => {
    await gate?.close();
  });

  it('lets a running answer finish while refusing new clients, then moves every client and ends the sessions', async () => {
    const server = await startServer(opsApp(gate, 'server:\n  shutdown_grace_seconds: 30\n'));
    const busy = await connectClient(server.url);
    const idle = await connectClient(server.url);
    await busy.waitFor<Msg>('new_message', (m) => m.output === 'ready');
    await idle.waitFor<Msg>('new_message', (m) => m.output === 'ready');
    // A kept-alive connection busy with a request when draining starts (as a balancer's pool has).
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const slow = get(agent, `${server.url}/slow`);
    await gate.arrived('route');
    busy.send('hold:answer');
    await gate.arrived('answer');
    const busyGone = disconnectReason(busy);
    const idleGone = disconnectReason(idle);

    const shutdown = server.app.shutdown();
    // The idle client is sent away at once, as a lost transport: socket.io-client reconnects then.
    expect(await idleGone).to.equal('transport close');
    expect(busy.socket.connected, 'the busy client keeps its connection').to.equal(true);
    const refused = await fetch(`${server.url}/health`).then(() => null, (err: Error) => err);
    expect((refused?.cause as { code?: string } | undefined)?.code, 'new connections are refused').to.equal('ECONNREFUSED');

    gate.release('route');
    const first = await slow;
    expect(JSON.parse(first.body)).to.deep.equal({ slow: 'done' });
    const ready = await get(agent, `${server.url}/ready`);
    expect(ready.localPort, 'same kept-alive connection').to.equal(first.localPort);
    expect([ready.status, JSON.parse(ready.body)]).to.deep.equal([503, { status: 'draining', checks: {} }]);
    const handshake = await get(agent, `${server.url}/ws/socket.io/?EIO=4&transport=polling`);
    expect(handshake.status, 'a Socket.IO handshake is refused while draining').to.equal(503);

    gate.release('answer');
    await busy.waitFor<Msg>('new_message', (m) => m.output === 'first second third');
    expect(await busyGone).to.equal('transport close');
    expect(streamed(busy)).to.deep.equal(['first ', 'second ', 'third']);
    expect(await shutdown).to.deep.equal({ finished: true, stopped: 0, moved: 2 });
    expect(gate.count('chat-ended'), 'memory store: both sessions ended (onChatEnd)').to.equal(2);
    agent.destroy();
  });

  it('stops what still runs when the grace period is over; drain hooks flush after the sessions ended', async () => {
    const server = await startServer(opsApp(gate));
    const client = await connectClient(server.url);
    await client.waitFor<Msg>('new_message', (m) => m.output === 'ready');
    const flushed: string[] = [];
    server.app.lifecycle.onDrain({ name: 'test-queue', flush: async () => void flushed.push(`after ${gate.count('chat-ended')} chat end(s)`) });
    const ended = gate.count('chat-ended');
    client.send('hold:never');
    await gate.arrived('never');

    const report = await server.app.shutdown({ graceMs: 200 });
    expect(report).to.deep.equal({ finished: false, stopped: 1, moved: 1 });
    expect(streamed(client), 'the answer was cut').to.deep.equal(['first ']);
    expect(client.received.some((r) => r.event === 'task_end'), 'the client learnt the task ended').to.equal(true);
    expect(flushed).to.deep.equal([`after ${ended + 1} chat end(s)`]);
  });

  it('a second signal (aborting `signal`) ends the grace period at once', async () => {
    const server = await startServer(opsApp(gate));
    const client = await connectClient(server.url);
    await client.waitFor<Msg>('new_message', (m) => m.output === 'ready');
    client.send('hold:forever');
    await gate.arrived('forever');
    const force = new AbortController();
    // A grace period longer than the test's timeout: only the abort can end it in time.
    const shutdown = server.app.shutdown({ graceMs: 120_000, signal: force.signal });
    await waitUntil('the app drains', () => server.app.lifecycle.draining);
    force.abort();
    expect(await shutdown).to.deep.equal({ finished: false, stopped: 1, moved: 1 });
  });

  describe('with Redis and a balancer without affinity', () => {
    const PREFIX = `crt-ops-${process.pid}-${Date.now()}:`;
    let redis: Redis | undefined;
    before(async function () {
      await requireService(this, 'redis');
      redis = new Redis('redis://127.0.0.1:6379');
    });
    after(async () => {
      if (!redis) return;
      await dropKeysAndQuit(redis, PREFIX);
    });

    it('a moved client reconnects by itself through the balancer to another instance, which takes its session over', async () => {
      const file = opsApp(gate, `session:\n  store: redis\n  key_prefix: "${PREFIX}"\n`);
      const a = await startServer(file);
      const b = await startServer(file);
      const proxy = await startTcpProxy([a.app.httpServer.address(), b.app.httpServer.address()].map((addr) => (addr as { port: number }).port));
      try {
        const client = await connectClient(proxy.url, { reconnection: true });
        await client.waitFor<Msg>('new_message', (m) => m.output === 'ready');
        expect(a.app.registry.get(client.sessionId), 'landed on A').to.not.equal(undefined);
        const reasons: string[] = [];
        client.socket.on('disconnect', (reason) => reasons.push(reason));
        const reconnected = new Promise<void>((resolve) => client.socket.io.once('reconnect', () => resolve()));

        await a.app.shutdown();
        await reconnected;
        expect(reasons).to.deep.equal(['transport close']);
        await waitUntil('B holds the session', () => b.app.registry.get(client.sessionId) !== undefined);
        const since = client.received.length;
        client.send('plain');
        await client.waitFor<Msg>('new_message', (m) => m.output === 'first second third', { since });
        expect(client.of<Msg>('new_message').filter((m) => m.output === 'ready'), 'no second onChatStart').to.have.length(1);

        // Why the drain closes the engine connection: a namespace disconnect sends the client
        // away for good (`io server disconnect`), and socket.io-client does not come back.
        const gone = disconnectReason(client);
        const serverSide = [...b.app.io.of('/').sockets.values()].find((s) => s.data.admission?.kind === 'local' && s.data.admission.session.id === client.sessionId);
        serverSide!.disconnect(true);
        expect(await gone).to.equal('io server disconnect');
        expect(client.socket.active, 'the client gave up').to.equal(false);
      } finally {
        await proxy.close();
        await b.stop();
      }
    });
  });
});
