import { expect } from 'chai';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { connectClient, type TestClient } from '../support/client.js';
import { REPO, startServer, writeApp, type TestServer } from '../support/server.js';
import { requireService } from '../support/services.js';

const PREFIX = `crt-mcp-takeover-${process.pid}-${Date.now()}:`;
const STDIO_SERVER = join(REPO, 'test/fixtures/mcp/stdio-server.mjs');

const PLUGIN = `
import { definePlugin, Message, context } from 'chainlit-rt';
export default definePlugin({
  async onChatStart() { await new Message({ content: 'ready' }).send(); },
  async onMessage() {
    await new Message({ content: 'servers: ' + [...context.session.mcp.keys()].join(',') }).send();
  },
});
`;

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
    const manifest = [
      'name: MCP Takeover',
      'plugins: [p.ts]',
      'session:',
      '  store: redis',
      `  key_prefix: "${PREFIX}"`,
      'data_layer:',
      '  enabled: false',
      'mcp:',
      '  servers:',
      '    calc:',
      `      command: node ${STDIO_SERVER}`,
    ].join('\n');
    const file = writeApp({ 'chainlit.yaml': manifest, 'p.ts': PLUGIN });
    a = await startServer(file);
    b = await startServer(file);
  });
  after(async () => {
    for (const c of clients) c.close();
    await a?.stop();
    await b?.stop();
    const redis = new Redis('redis://127.0.0.1:6379');
    const keys = await redis.keys(`${PREFIX}*`);
    if (keys.length) await redis.del(...keys);
    await redis.quit();
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
