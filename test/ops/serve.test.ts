import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { ChainlitRtError } from '../../runtime/errors.js';
import { connectRedis } from '../../runtime/session/redis-store.js';
import { connectClient, type TestClient } from '../support/client.js';
import { startGate, type Gate } from '../support/gate.js';
import { freePort } from '../support/redis-server.js';
import { REPO, writeApp } from '../support/server.js';
import { opsApp, spawnServe } from './support.js';

type Msg = { output: string };

async function holding(url: string, gate: Gate, name: string): Promise<TestClient> {
  const client = await connectClient(url);
  await client.waitFor<Msg>('new_message', (m) => m.output === 'ready');
  client.send(`hold:${name}`);
  await gate.arrived(name);
  return client;
}

describe('serve: SIGTERM/SIGINT in a real process', () => {
  let gate: Gate;
  before(async () => {
    gate = await startGate();
  });
  after(async () => {
    await gate?.close();
  });

  it('SIGTERM while a handler streams: the answer completes, the session ends, exit 0', async () => {
    const serve = await spawnServe(opsApp(gate));
    const client = await holding(serve.url, gate, 'cli-answer');
    const endedBefore = gate.count('chat-ended');
    serve.child.kill('SIGTERM');
    await serve.waitForOutput(/draining: no new connections/);
    gate.release('cli-answer');
    await client.waitFor<Msg>('new_message', (m) => m.output === 'first second third');
    expect(await serve.exited, serve.output()).to.equal(0);
    expect(serve.output()).to.match(/drained: every handler finished/);
    expect(gate.count('chat-ended'), 'onChatEnd ran (memory store)').to.equal(endedBefore + 1);
  });

  it('SIGINT and a grace period that runs out: the handler is stopped, exit 0', async () => {
    const serve = await spawnServe(opsApp(gate, 'server:\n  shutdown_grace_seconds: 0.5\n'));
    const client = await holding(serve.url, gate, 'cli-never');
    serve.child.kill('SIGINT');
    expect(await serve.exited, serve.output()).to.equal(0);
    expect(serve.output()).to.match(/grace period over: stopped the running handlers/);
    expect(client.of<Msg>('new_message').some((m) => m.output === 'first second third')).to.equal(false);
  });

  it('a second SIGTERM stops the running handlers at once', async () => {
    // A grace period far longer than the test's timeout: only the second signal ends it in time.
    const serve = await spawnServe(opsApp(gate, 'server:\n  shutdown_grace_seconds: 600\n'));
    await holding(serve.url, gate, 'cli-forced');
    serve.child.kill('SIGTERM');
    await serve.waitForOutput(/draining: no new connections/);
    serve.child.kill('SIGTERM');
    expect(await serve.exited, serve.output()).to.equal(0);
    expect(serve.output()).to.match(/second signal: stopping the running handlers now/);
    expect(serve.output()).to.match(/shutdown forced: stopped the running handlers/);
  });
});

describe('serve: Redis down at start', () => {
  it('prints one error naming session.redis_url and the address (password hidden), and exits 1', async () => {
    const port = await freePort(); // nothing listens there
    const file = writeApp({ 'chainlit.yaml': `name: X\nsession:\n  store: redis\n  redis_url: redis://:s3cret@127.0.0.1:${port}/0\n` });
    const res = spawnSync(process.execPath, [join(REPO, 'bin/chainlit-rt.js'), 'serve', file, '-h', '--ci', '--port', '0'], { encoding: 'utf8', timeout: 30_000 });
    expect(res.status, res.stderr + res.stdout).to.equal(1);
    const lines = res.stderr.split('\n').filter(Boolean);
    expect(lines, res.stderr).to.have.length(1);
    expect(lines[0]).to.equal(`Cannot reach Redis at redis://:***@127.0.0.1:${port}/0 (session.redis_url): connect ECONNREFUSED 127.0.0.1:${port}.`);
    expect(res.stdout, 'it never listened').to.not.match(/running at/);
  });

  it('gives up on a server that accepts but never answers, within the bound', async () => {
    const silent = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as AddressInfo;
    try {
      const err = await connectRedis(`redis://127.0.0.1:${port}`, 300).then(() => null, (e: Error) => e);
      expect(err).to.be.instanceOf(ChainlitRtError);
      expect(err!.message).to.equal(`Cannot reach Redis at redis://127.0.0.1:${port} (session.redis_url): no answer within 300 ms.`);
    } finally {
      silent.close();
    }
  });
});
