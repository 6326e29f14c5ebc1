import { expect } from 'chai';
import { connectClient } from '../support/client.js';
import { startGate, type Gate } from '../support/gate.js';
import { startServer, type TestServer } from '../support/server.js';
import { waitUntil } from '../support/wait.js';
import { opsApp, sample } from './support.js';

type Msg = { output: string };

async function scrape(url: string): Promise<string> {
  const res = await fetch(url);
  expect(res.status).to.equal(200);
  expect(res.headers.get('content-type')).to.match(/^text\/plain; version=0\.0\.4/);
  return res.text();
}

describe('Prometheus metrics (server.metrics)', () => {
  let gate: Gate;
  const servers: TestServer[] = [];
  const start = async (manifestTail: string, options = {}) => {
    const server = await startServer(opsApp(gate, manifestTail), options);
    servers.push(server);
    return server;
  };
  before(async () => {
    gate = await startGate();
  });
  after(async () => {
    for (const server of servers) await server.stop();
    await gate?.close();
  });

  it('counts sessions, messages, streamed tokens, handler durations and errors as a chat goes', async () => {
    const server = await start('server:\n  metrics:\n    enabled: true\n');
    const metricsUrl = `${server.url}/metrics`;
    const before = await scrape(metricsUrl);
    expect(sample(before, 'chainlit_rt_sessions')).to.equal(0);
    expect(sample(before, 'chainlit_rt_messages_received_total')).to.equal(0);
    expect(sample(before, 'chainlit_rt_tokens_streamed_total')).to.equal(0);
    expect(before, 'process figures too').to.match(/^process_cpu_user_seconds_total /m);

    const client = await connectClient(server.url);
    await client.waitFor<Msg>('new_message', (m) => m.output === 'ready');
    client.send('plain');
    await client.waitFor<Msg>('new_message', (m) => m.output === 'first second third');
    const afterAnswer = await scrape(metricsUrl);
    expect(sample(afterAnswer, 'chainlit_rt_sessions')).to.equal(1);
    expect(sample(afterAnswer, 'chainlit_rt_connections')).to.equal(1);
    expect(sample(afterAnswer, 'chainlit_rt_messages_received_total')).to.equal(1);
    expect(sample(afterAnswer, 'chainlit_rt_tokens_streamed_total'), 'three tokens streamed').to.equal(3);
    expect(sample(afterAnswer, 'chainlit_rt_handler_duration_seconds_count', { hook: 'onChatStart' })).to.equal(1);
    expect(sample(afterAnswer, 'chainlit_rt_handler_duration_seconds_count', { hook: 'onMessage' })).to.equal(1);
    expect(sample(afterAnswer, 'chainlit_rt_handler_duration_seconds_sum', { hook: 'onMessage' })).to.be.greaterThan(0);
    expect(sample(afterAnswer, 'chainlit_rt_errors_total', { kind: 'handler' }), 'no error yet').to.equal(undefined);

    const since = client.received.length;
    client.send('fail');
    await client.waitFor<Msg>('new_message', (m) => m.output === 'failed on purpose', { since });
    expect((await fetch(`${server.url}/boom`)).status).to.equal(500);
    const afterErrors = await scrape(metricsUrl);
    expect(sample(afterErrors, 'chainlit_rt_messages_received_total')).to.equal(2);
    expect(sample(afterErrors, 'chainlit_rt_errors_total', { kind: 'handler' })).to.equal(1);
    expect(sample(afterErrors, 'chainlit_rt_errors_total', { kind: 'http' })).to.equal(1);
    expect(sample(afterErrors, 'chainlit_rt_handler_duration_seconds_count', { hook: 'onMessage' })).to.equal(2);

    client.close();
    await waitUntil('the connection is gone', async () => sample(await scrape(metricsUrl), 'chainlit_rt_connections') === 0);
    expect(sample(await scrape(metricsUrl), 'chainlit_rt_sessions'), 'kept for a reconnect').to.equal(1);
  });

  it('keeps one registry per app: a second app in the same process starts from zero', async () => {
    const first = await start('server:\n  metrics:\n    enabled: true\n');
    const second = await start('server:\n  metrics:\n    enabled: true\n');
    const client = await connectClient(first.url);
    await client.waitFor<Msg>('new_message', (m) => m.output === 'ready');
    client.send('plain');
    await client.waitFor<Msg>('new_message', (m) => m.output === 'first second third');
    expect(sample(await scrape(`${first.url}/metrics`), 'chainlit_rt_messages_received_total')).to.equal(1);
    expect(sample(await scrape(`${second.url}/metrics`), 'chainlit_rt_messages_received_total')).to.equal(0);
    client.close();
  });

  it('is off by default: no page, no meter', async () => {
    const server = await start('');
    expect(server.app.metrics).to.equal(null);
    const body = await (await fetch(`${server.url}/metrics`)).text();
    expect(body).to.not.contain('chainlit_rt_');
  });

  it('serves a custom path under the root path', async () => {
    const server = await start('server:\n  metrics:\n    enabled: true\n    path: /internal/prom\n', { rootPath: '/chat' });
    expect(sample(await scrape(`${server.url}/internal/prom`), 'chainlit_rt_sessions')).to.equal(0);
    expect(await (await fetch(`${server.url}/metrics`)).text()).to.not.contain('chainlit_rt_');
  });

  it('serves them on a port of their own when `port` is set, and not on the app port', async () => {
    const server = await start('server:\n  metrics:\n    enabled: true\n    port: 0\n');
    expect(server.app.metricsUrl).to.match(/^http:\/\/127\.0\.0\.1:\d+\/metrics$/);
    expect(new URL(server.app.metricsUrl!).port).to.not.equal(new URL(server.url).port);
    expect(sample(await scrape(server.app.metricsUrl!), 'chainlit_rt_sessions')).to.equal(0);
    expect(await (await fetch(`${server.url}/metrics`)).text()).to.not.contain('chainlit_rt_');
    expect((await fetch(new URL('/other', server.app.metricsUrl!))).status).to.equal(404);
  });
});
