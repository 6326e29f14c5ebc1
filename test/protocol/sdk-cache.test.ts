/**
 * cache(): entries survive `serve -w` reloads of the plugin (the point of Chainlit's
 * `@cl.cache`), and `project.cache: false` turns caching off.
 */
import { writeFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { dirname, join } from 'node:path';
import { expect } from 'chai';
import { connectClient, type TestClient } from '../support/client.js';
import { startServer, writeApp, type TestServer } from '../support/server.js';
import { waitUntil } from '../support/wait.js';

/** A plugin whose cached loader counts its real runs in a process-wide counter (module state resets on reload). */
function plugin(label: string, counter: string): string {
  return `import { cache, definePlugin, Message } from 'chainlit-rt';
const runs = globalThis as unknown as Record<string, number>;
const load = cache(async (name: string) => {
  runs['${counter}'] = (runs['${counter}'] ?? 0) + 1;
  return 'model:' + name;
});
export default definePlugin({
  async onMessage(m) {
    const model = await load(m.content);
    await new Message({ content: '${label} ' + model + ' runs=' + runs['${counter}'] }).send();
  },
});
`;
}

async function ask(client: TestClient, text: string): Promise<string> {
  const since = client.received.length;
  client.send(text);
  const m = await client.waitFor<{ output: string; type: string }>('new_message', (x) => x.type === 'assistant_message', { since });
  return m.output;
}

describe('sdk: cache() and project.cache', () => {
  let server: TestServer | undefined;
  let client: TestClient | undefined;
  afterEach(async () => {
    client?.close();
    await server?.stop();
    server = undefined;
  });

  it('keeps its entries when serve -w reloads the plugin', async () => {
    const counter = `crt_cache_${randomUUID().slice(0, 8)}`;
    const manifest = writeApp({ 'chainlit.yaml': 'name: Cached\nplugins: [plugin.ts]\n', 'plugin.ts': plugin('v1', counter) });
    server = await startServer(manifest, { watch: true });
    client = await connectClient(server.url);
    expect(await ask(client, 'big')).to.equal('v1 model:big runs=1');
    expect(await ask(client, 'big')).to.equal('v1 model:big runs=1');
    const before = server.app.services.plugins();
    writeFileSync(join(dirname(manifest), 'plugin.ts'), plugin('v2', counter));
    // The watcher reloads asynchronously and announces it to no client.
    await waitUntil('the plugins were reloaded', () => server!.app.services.plugins() !== before);
    expect(await ask(client, 'big'), 'the reloaded plugin reuses the entry').to.equal('v2 model:big runs=1');
    expect(await ask(client, 'small')).to.equal('v2 model:small runs=2');
  });

  it('project.cache: false runs the function on every call', async () => {
    const counter = `crt_cache_${randomUUID().slice(0, 8)}`;
    server = await startServer(writeApp({ 'chainlit.yaml': 'name: Uncached\nplugins: [plugin.ts]\nproject:\n  cache: false\n', 'plugin.ts': plugin('off', counter) }));
    client = await connectClient(server.url);
    expect(await ask(client, 'big')).to.equal('off model:big runs=1');
    expect(await ask(client, 'big')).to.equal('off model:big runs=2');
  });
});
