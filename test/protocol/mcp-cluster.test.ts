import { expect } from 'chai';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { connectClient, type TestClient } from '../support/client.js';
import { REPO, startServer, writeApp, type TestServer } from '../support/server.js';
import { requireService } from '../support/services.js';
import { dropKeysAndQuit, SHARED_REDIS_URL } from '../support/redis-server.js';

const PREFIX = `crt-mcp-cluster-${process.pid}-${Date.now()}:`;
const STDIO_SERVER = join(REPO, 'test/fixtures/mcp/stdio-server.mjs');

const PLUGIN = `
import { definePlugin, Message, context } from 'chainlit-rt';
export default definePlugin({
  async onChatStart() { await new Message({ content: 'ready' }).send(); },
  async onMcpConnect(connection) { await new Message({ content: 'connected ' + connection.name }).send(); },
  async onMcpDisconnect(name) { await new Message({ content: 'disconnected ' + name }).send(); },
  async onMessage() {
    await new Message({ content: 'servers: ' + [...context.session.mcp.keys()].join(',') }).send();
  },
});
`;

/** Two instances of one app sharing Redis sessions (the manifest's last lines given). */
async function twoInstances(tail: string[]): Promise<[TestServer, TestServer]> {
  const manifest = ['name: MCP Cluster', 'plugins: [p.ts]', 'session:', '  store: redis', `  key_prefix: "${PREFIX}"`, 'data_layer:', '  enabled: false', ...tail].join('\n');
  const file = writeApp({ 'chainlit.yaml': manifest, 'p.ts': PLUGIN });
  return [await startServer(file), await startServer(file)];
}

/**
 * Two instances sharing Redis sessions: the /mcp routes that land on the instance that does
 * not run the session are passed to the one that does, where the connection must live (its
 * child process, its hooks, the session's tools).
 */
describe('mcp: routes with several instances', function () {
  this.timeout(60_000);
  let a: TestServer;
  let b: TestServer;
  let client: TestClient;

  before(async function () {
    await requireService(this, 'redis');
    [a, b] = await twoInstances(['features:', '  mcp:', '    enabled: true', '    stdio:', '      allowed_executables: [node]']);
    client = await connectClient(a.url);
    await client.waitFor('new_message', (m: { output: string }) => m.output === 'ready');
  });
  after(async () => {
    client?.close();
    await a?.stop();
    await b?.stop();
    await dropKeysAndQuit(new Redis(SHARED_REDIS_URL), PREFIX);
  });

  const call = (server: TestServer, method: 'POST' | 'DELETE', body: Record<string, unknown>, browserKey = client.browserKey) =>
    fetch(`${server.url}/mcp`, {
      method,
      headers: { 'content-type': 'application/json', cookie: `chainlit_rt_browser=${browserKey}` },
      body: JSON.stringify({ sessionId: client.sessionId, ...body }),
    });

  it('POST and DELETE /mcp on the other instance connect and remove the server in the owner\'s session', async () => {
    expect(b.app.registry.get(client.sessionId), 'B does not run the session').to.equal(undefined);
    const added = await call(b, 'POST', { clientType: 'stdio', name: 'calc', fullCommand: `node ${STDIO_SERVER}` });
    expect(added.status, await added.clone().text()).to.equal(200);
    const body = (await added.json()) as { success: boolean; mcp: { name: string; tools: Array<{ name: string }> } };
    expect(body.success).to.equal(true);
    expect(body.mcp.name).to.equal('calc');
    expect(body.mcp.tools.length).to.be.greaterThan(0);
    await client.waitFor('new_message', (m: { output: string }) => m.output === 'connected calc');
    // The connection lives in the owner's session, where the plugins run.
    const owned = a.app.registry.get(client.sessionId);
    expect(owned?.mcp.names().includes('calc'), 'A holds the connection').to.equal(true);
    let since = client.received.length;
    client.send('list');
    await client.waitFor('new_message', (m: { output: string }) => m.output === 'servers: calc', { since });

    // Someone else's browser is refused through B as it would be on A.
    const refused = await call(b, 'DELETE', { name: 'calc' }, 'another-browser');
    expect(refused.status).to.equal(404);
    expect(owned?.mcp.names().includes('calc')).to.equal(true);

    const removed = await call(b, 'DELETE', { name: 'calc' });
    expect(removed.status, await removed.clone().text()).to.equal(200);
    await client.waitFor('new_message', (m: { output: string }) => m.output === 'disconnected calc');
    expect(owned?.mcp.names().includes('calc')).to.equal(false);
    since = client.received.length;
    client.send('list');
    await client.waitFor('new_message', (m: { output: string }) => m.output === 'servers: ', { since });
  });
});

/**
 * The manifest's MCP servers live in the process that runs the session. When another
 * instance takes the session over, it connects them again before the next message runs.
 */
describe('mcp: declared servers after a session is taken over', function () {
  this.timeout(60_000);
  let a: TestServer;
  let b: TestServer;
  const clients: TestClient[] = [];

  before(async function () {
    await requireService(this, 'redis');
    [a, b] = await twoInstances(['mcp:', '  servers:', '    calc:', `      command: node ${STDIO_SERVER}`]);
  });
  after(async () => {
    for (const c of clients) c.close();
    await a?.stop();
    await b?.stop();
    await dropKeysAndQuit(new Redis(SHARED_REDIS_URL), PREFIX);
  });

  it('the instance that takes the session over connects them again; the next message finds them', async () => {
    const first = await connectClient(a.url);
    clients.push(first);
    await first.waitFor('new_message', (m: { output: string }) => m.output === 'ready');
    first.send('list');
    await first.waitFor('new_message', (m: { output: string }) => m.output === 'servers: calc');

    await a.stop(); // its sessions live on in Redis; B takes them over
    const moved = await connectClient(b.url, { sessionId: first.sessionId, browserKey: first.browserKey, offset: first.lastOffset });
    clients.push(moved);
    expect(b.app.registry.get(first.sessionId), 'B runs the session now').to.not.equal(undefined);
    moved.send('list');
    await moved.waitFor('new_message', (m: { output: string }) => m.output === 'servers: calc');
    expect(b.app.registry.get(first.sessionId)?.mcp.names()).to.deep.equal(['calc']);
  });
});
