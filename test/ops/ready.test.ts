import { expect } from 'chai';
import { Readiness } from '../../runtime/readiness.js';
import { startGate, type Gate } from '../support/gate.js';
import { startPrivateRedis, type PrivateRedis } from '../support/redis-server.js';
import { startServer, type TestServer } from '../support/server.js';
import { waitUntil } from '../support/wait.js';
import { opsApp } from './support.js';

async function ready(server: TestServer): Promise<[number, unknown]> {
  const res = await fetch(`${server.url}/ready`);
  return [res.status, await res.json()];
}

/** Apps that check nothing but what a test names (a data layer adds a `database` probe). */
const NO_DATA_LAYER = 'data_layer:\n  enabled: false\n';

describe('probes: /health and /ready', () => {
  let gate: Gate;
  const servers: TestServer[] = [];
  before(async () => {
    gate = await startGate();
  });
  after(async () => {
    for (const server of servers) await server.stop();
    await gate?.close();
  });

  it('memory store: live and ready, with nothing to check', async () => {
    const server = await startServer(opsApp(gate, NO_DATA_LAYER));
    servers.push(server);
    const health = await fetch(`${server.url}/health`);
    expect([health.status, await health.json()]).to.deep.equal([200, { status: 'ok' }]);
    expect(await ready(server)).to.deep.equal([200, { status: 'ready', checks: {} }]);
  });

  it('answers 503 naming the probe that failed, and 200 again once it passes', async () => {
    const server = await startServer(opsApp(gate, NO_DATA_LAYER));
    servers.push(server);
    let databaseUp = false;
    const remove = server.app.readiness.add({
      name: 'database',
      check: async () => {
        if (!databaseUp) throw new Error('connect ECONNREFUSED 127.0.0.1:5999');
      },
    });
    expect(await ready(server)).to.deep.equal([503, { status: 'unavailable', checks: { database: 'connect ECONNREFUSED 127.0.0.1:5999' } }]);
    databaseUp = true;
    expect(await ready(server)).to.deep.equal([200, { status: 'ready', checks: { database: 'ok' } }]);
    expect(() => server.app.readiness.add({ name: 'database', check: async () => undefined })).to.throw(/already registered/);
    remove();
    expect(await ready(server)).to.deep.equal([200, { status: 'ready', checks: {} }]);
  });

  describe('with the Redis session store', () => {
    let redis: PrivateRedis | undefined;
    after(async () => {
      await redis?.stop().catch(() => undefined);
    });

    it('checks Redis: ready while it answers, 503 once it is gone', async () => {
      redis = await startPrivateRedis();
      const server = await startServer(opsApp(gate, `session:\n  store: redis\n  redis_url: ${redis.url}\n${NO_DATA_LAYER}`));
      servers.push(server);
      expect(server.app.readiness.names).to.deep.equal(['redis']);
      expect(await ready(server)).to.deep.equal([200, { status: 'ready', checks: { redis: 'ok' } }]);
      await redis.stop();
      let answer: [number, unknown] = [0, null];
      await waitUntil('/ready notices', async () => (answer = await ready(server))[0] === 503);
      const { status, checks } = answer[1] as { status: string; checks: { redis: string } };
      expect(status).to.equal('unavailable');
      // Usually the client already knows it lost Redis; a PING in flight fails otherwise.
      expect(checks.redis).to.match(/^not connected to Redis \(|max retries|Connection is closed/);
    });
  });

  it('with a data layer, the database is checked', async () => {
    const server = await startServer(opsApp(gate));
    try {
      const res = await fetch(`${server.url}/ready`);
      expect([res.status, await res.json()]).to.deep.equal([200, { status: 'ready', checks: { database: 'ok' } }]);
    } finally {
      await server.stop();
    }
  });

  it('a probe that does not answer in time fails, and its signal aborts', async () => {
    const readiness = new Readiness(() => false, 50);
    let aborted = false;
    readiness.add({ name: 'slow', check: (signal) => new Promise((resolve) => signal.addEventListener('abort', () => { aborted = true; resolve(); })) });
    expect(await readiness.check()).to.deep.equal({ ready: false, status: 'unavailable', checks: { slow: 'no answer within 50 ms' } });
    expect(aborted).to.equal(true);
  });

  it('says draining, without running the probes, once a shutdown began', async () => {
    let draining = false;
    let ran = 0;
    const readiness = new Readiness(() => draining);
    readiness.add({ name: 'redis', check: async () => void (ran += 1) });
    expect((await readiness.check()).ready).to.equal(true);
    draining = true;
    expect(await readiness.check()).to.deep.equal({ ready: false, status: 'draining', checks: {} });
    expect(ran).to.equal(1);
  });
});
