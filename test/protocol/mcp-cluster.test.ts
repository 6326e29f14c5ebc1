import { expect } from 'chai';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { connectClient, type TestClient } from '../support/client.js';
import { REPO, startServer, writeApp, type TestServer } from '../support/server.js';
import { requireService } from '../support/services.js';

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
    const manifest = [
      'name: MCP Cluster',
      'plugins: [p.ts]',
      'session:',
      '  store: redis',
      `  key_prefix: "${PREFIX}"`,
      'data_layer:',
      '  enabled: false',
      'features:',
      '  mcp:',
      '    enabled: true',
      '    stdio:',
      '      allowed_executables: [node]',
    ].join('\n');
    const file = writeApp({ 'chainlit.yaml': manifest, 'p.ts': PLUGIN });
    a = await startServer(file);
    b = await startServer(file);
    client = await connectClient(a.url);
    await client.waitFor('new_message', (m: { output: string }) => m.output === 'ready');
  });
  after(async () => {
    client?.close();
    await a?.stop();
    await b?.stop();
    const redis = new Redis('redis://127.0.0.1:6379');
    const keys = await redis.keys(`${PREFIX}*`);
    if (keys.length) await redis.del(...keys);
    await redis.quit();
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
