import { expect } from 'chai';
import { once } from 'node:events';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { connectClient, type TestClient } from '../support/client.js';
import type { ReloadEvents } from '../../runtime/reload.js';
import { startServer, writeApp, type TestServer } from '../support/server.js';

const plugin = (reply: string) => `import { definePlugin, Message } from 'chainlit-rt';
export default definePlugin({ async onMessage(m) { await new Message({ content: '${reply}: ' + m.content }).send(); } });
`;

async function ask(client: TestClient, text: string): Promise<string> {
  const since = client.received.length;
  client.send(text);
  const m = await client.waitFor<{ output: string; type: string; isError?: boolean }>('new_message', (x) => x.type === 'assistant_message', { since, timeoutMs: 8000 });
  return m.output;
}

/**
 * The next reload outcome of that kind; call it before writing the file (the listener is
 * registered at once). The watcher debounces, so one write gives one reload.
 */
async function nextReload<K extends keyof ReloadEvents>(server: TestServer, kind: K, timeoutMs = 8000): Promise<ReloadEvents[K][0]> {
  const signal = AbortSignal.timeout(timeoutMs);
  const [event] = (await once(server.app.reloads, kind, { signal }).catch((err: unknown) => {
    throw signal.aborted ? new Error(`no ${kind} within ${timeoutMs} ms`) : err;
  })) as ReloadEvents[K];
  return event;
}

describe('serve -w: hot reload', () => {
  let server: TestServer;
  let manifest: string;
  let root: string;
  before(async () => {
    manifest = writeApp({ 'chainlit.yaml': 'name: Reload\nplugins: [plugin.ts]\nui:\n  cot: full\n', 'plugin.ts': plugin('v1') });
    root = dirname(manifest);
    server = await startServer(manifest, { watch: true });
  });
  after(() => server.stop());

  it('swaps a changed plugin without dropping the connected session; a broken edit keeps the last good version', async () => {
    const client = await connectClient(server.url);
    expect(await ask(client, 'a')).to.equal('v1: a');
    const reloaded = nextReload(server, 'reloaded');
    writeFileSync(join(root, 'plugin.ts'), plugin('v2'));
    expect((await reloaded).uiChanged).to.equal(false);
    expect(await ask(client, 'b')).to.equal('v2: b');
    expect(client.socket.connected).to.equal(true);
    expect(client.of('reload'), 'no UI change, no reload').to.have.length(0);

    const failed = nextReload(server, 'reload-failed');
    writeFileSync(join(root, 'plugin.ts'), 'export default {{{ broken');
    expect((await failed).error).to.match(/plugin\.ts/);
    expect(await ask(client, 'c')).to.equal('v2: c');
    client.close();
  });

  it('tells connected browsers to reload when the UI config changes', async () => {
    const client = await connectClient(server.url);
    const repaired = nextReload(server, 'reloaded');
    writeFileSync(join(root, 'plugin.ts'), plugin('v3')); // repair the broken edit of the previous test
    await repaired;
    expect(await ask(client, 'd')).to.equal('v3: d');
    expect(client.of('reload')).to.have.length(0);
    const text = readFileSync(manifest, 'utf8').replace('cot: full', 'cot: hidden');
    writeFileSync(manifest, text);
    await client.waitFor('reload', () => true, { timeoutMs: 8000 });
    expect(server.app.services.manifest().config.ui.cot).to.equal('hidden');
    client.close();
  });

  it('tells connected browsers to reload when a file of public/ changes (theme, custom CSS)', async () => {
    const client = await connectClient(server.url);
    mkdirSync(join(root, 'public'), { recursive: true });
    writeFileSync(join(root, 'public', 'theme.json'), JSON.stringify({ variables: { light: { '--primary': '0 0% 0%' }, dark: {} } }));
    await client.waitFor('reload', () => true, { timeoutMs: 8000 });
    client.close();
  });
});
