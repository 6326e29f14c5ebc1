import { expect } from 'chai';
import { connectClient, type TestClient } from '../support/client.js';
import { startServer, writeApp, type TestServer } from '../support/server.js';

interface Step { output: string; isError?: boolean }

/**
 * A custom element's `sendUserMessage(text, command)` marks its message with
 * `metadata.fromElement`: its command reaches the manifest handler or onMessage even when
 * the composer never offered it; a typed message with such a command is still refused.
 */
describe('realtime: commands sent by custom elements', () => {
  let server: TestServer;
  let client: TestClient;
  before(async () => {
    const manifest = writeApp({
      'chainlit.yaml': 'name: Element commands\nplugins:\n  - plugin.ts\ncommands:\n  - { id: bell, icon: bell, description: Ring, handler: bell }\n',
      'plugin.ts': `import { definePlugin, Message } from 'chainlit-rt';
export default definePlugin({
  commands: { async bell(m) { await new Message({ content: 'bell: ' + m.content }).send(); } },
  async onMessage(m) { await new Message({ content: 'onMessage: ' + m.content + ' / ' + m.command }).send(); },
});
`,
    });
    server = await startServer(manifest);
    client = await connectClient(server.url);
  });
  after(async () => {
    client?.close();
    await server?.stop();
  });

  const reply = async (content: string, extra: Record<string, unknown>) => {
    const since = client.received.length;
    client.send(content, extra);
    await client.waitFor('task_end', () => true, { since });
    return client.received.slice(since).filter((r) => r.event === 'new_message').map((r) => r.payload as Step).filter((m) => m.output && !['on_message'].includes(m.output));
  };
  const fromElement = { location: 'test', fromElement: 'a3f0c7a2-5b8e-4f7e-9d61-0c3a9e1b2d4f' };

  it('passes an element message with a command never offered to onMessage', async () => {
    const out = await reply('Hello from custom element', { command: 'my_command', metadata: fromElement });
    expect(out.map((m) => m.output)).to.include('onMessage: Hello from custom element / my_command');
    expect(out.some((m) => m.isError)).to.equal(false);
  });

  it('routes an element message with a declared command to its handler', async () => {
    const out = await reply('ring', { command: 'bell', metadata: fromElement });
    expect(out.map((m) => m.output)).to.include('bell: ring');
  });

  it('still refuses that command in a message typed in the composer', async () => {
    const out = await reply('typed', { command: 'my_command' });
    const err = out.find((m) => m.isError);
    expect(err?.output).to.equal('Unknown command "/my_command".');
  });
});
