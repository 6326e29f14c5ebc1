/**
 * Manifest keys the server honours, each proved end to end against a real server: plugin
 * entries, ui name/description/metas, a custom UI build, server host/port/root_path/
 * public_dir, local storage, and every chat-settings widget key. Listed as proofs in
 * test/unit/manifest/working-keys.ts. Also: what is not available refuses to start.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { expect } from 'chai';
import { freePort } from '../support/redis-server.js';
import { createApp } from '../../runtime/app.js';
import { createLogger } from '../../runtime/log.js';
import { connectClient, type TestClient } from '../support/client.js';
import { startServer, writeApp, type TestServer } from '../support/server.js';

const silent = createLogger({ silent: true, pretty: false });

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

const PLUGIN = `import { definePlugin, File, Message } from 'chainlit-rt';
export default definePlugin(
  (options: { greeting: string }) => ({
    async onMessage(message) {
      if (message.content === 'file') {
        await new Message({ content: 'here', elements: [new File({ name: 'note.txt', content: 'stored by the plugin' })] }).send();
        return;
      }
      await new Message({ content: \`\${options.greeting} \${message.content}\` }).send();
    },
  }),
  { name: 'greeter', optionsSchema: { type: 'object', required: ['greeting'], properties: { greeting: { type: 'string' } } } },
);
`;

const INDEX = `<!doctype html><html><head><!-- TAG INJECTION PLACEHOLDER --><!-- CSS INJECTION PLACEHOLDER --></head>
<body><div id="custom-build">my own UI</div><script src="/assets/app.js"></script><!-- JS INJECTION PLACEHOLDER --></body></html>`;

describe('manifest keys the server honours', () => {
  let server: TestServer;
  let client: TestClient;
  let manifest: string;

  before(async () => {
    manifest = writeApp({
      'chainlit.yaml': [
        'name: Top Name',
        'description: top description',
        'plugins:',
        '  - module: plugins/greeter.ts',
        '    id: hello-plugin',
        '    options: { greeting: Ahoy }',
        'ui:',
        '  name: Shown Name',
        '  description: Shown description',
        '  custom_meta_url: https://example.com/app',
        '  custom_meta_image_url: https://example.com/og.png',
        '  custom_build: ./my-ui',
        'server:',
        '  public_dir: ./static',
        'storage:',
        '  kind: local',
        '  path: ./stored-files',
        'chat_settings:',
        '  - { type: select, id: model, label: Model, items: { Small: s, Large: l }, initial_value: l, tooltip: Pick one, description: The model }',
        '  - { type: radio, id: tone, label: Tone, items: [{ label: Calm, value: calm }, { label: Loud, value: loud }], initial_index: 1 }',
        '  - { type: multiselect, id: tools, label: Tools, values: [web, code], initial: [code] }',
        '  - { type: slider, id: temperature, label: Temperature, min: 0, max: 2, step: 0.5, initial: 1 }',
        '  - { type: switch, id: stream, label: Stream, initial: true }',
        '  - { type: checkbox, id: agree, label: Agree, disabled: true }',
        '  - { type: tags, id: topics, label: Topics, values: [a, b], initial: [a] }',
        '  - { type: textinput, id: prompt, label: Prompt, multiline: true, placeholder: Type here, initial: hi }',
        '  - { type: numberinput, id: top_k, label: Top K, min: 1, max: 9, step: 2, placeholder: k, initial: 3 }',
        '  - { type: datepicker, id: when, label: When, mode: range, min_date: "2026-01-01", max_date: "2026-12-31", format: yyyy-MM-dd, placeholder: Pick, initial: ["2026-02-01", "2026-02-02"] }',
        '',
      ].join('\n'),
      'plugins/greeter.ts': PLUGIN,
      'static/hello.txt': 'from the public_dir',
      'my-ui/index.html': INDEX,
      'my-ui/assets/app.js': 'window.custom = 1;',
    });
    server = await startServer(manifest);
    client = await connectClient(server.url);
  });
  after(async () => {
    client?.close();
    await server?.stop();
  });

  it('plugins: a `{ module, id, options }` entry loads the module under that id with its options', async () => {
    const since = client.received.length;
    client.send('there');
    const answer = await client.waitFor<{ output: string }>('new_message', (m) => m.output.startsWith('Ahoy'), { since });
    expect(answer.output).to.equal('Ahoy there');
    expect(server.app.services.plugins().plugins.map((p) => p.id)).to.deep.equal(['hello-plugin']);
  });

  it('ui.name and ui.description win over the top-level ones in the page, the settings and the default logo', async () => {
    const html = await (await fetch(`${server.url}/`)).text();
    expect(html).to.include('<title>Shown Name</title>');
    expect(html).to.include('<meta name="description" content="Shown description" />');
    const settings = await (await fetch(`${server.url}/project/settings`)).json() as { ui: { name: string; description: string } };
    expect(settings.ui).to.include({ name: 'Shown Name', description: 'Shown description' });
    const logo = await (await fetch(`${server.url}/logo?theme=dark`)).text();
    expect(logo).to.include('>Shown Name</text>');
    expect(logo).to.not.include('chainlit-rt');
  });

  it('ui.custom_meta_url and ui.custom_meta_image_url become og:url and og:image', async () => {
    const html = await (await fetch(`${server.url}/`)).text();
    expect(html).to.include('<meta property="og:url" content="https://example.com/app" />');
    expect(html).to.include('<meta property="og:image" content="https://example.com/og.png" />');
  });

  it('ui.custom_build: its index.html (with the injected metas) and its assets replace the built-in UI', async () => {
    const html = await (await fetch(`${server.url}/some/page`)).text();
    expect(html).to.include('<div id="custom-build">my own UI</div>');
    expect(html).to.include('<title>Shown Name</title>');
    const asset = await fetch(`${server.url}/assets/app.js`);
    expect(asset.status).to.equal(200);
    expect(await asset.text()).to.equal('window.custom = 1;');
  });

  it('server.public_dir: the folder served at /public', async () => {
    const res = await fetch(`${server.url}/public/hello.txt`);
    expect(res.status).to.equal(200);
    expect(await res.text()).to.equal('from the public_dir');
  });

  it('storage.kind local with storage.path: element files land in that folder', async () => {
    const since = client.received.length;
    client.send('file');
    await client.waitFor('element', () => true, { since });
    const stored = filesUnder(join(dirname(manifest), 'stored-files'));
    expect(stored.some((f) => readFileSync(f, 'utf8') === 'stored by the plugin'), stored.join(', ')).to.equal(true);
  });

  it('chat_settings: every widget key reaches the client in Chainlit\'s wire shape', async () => {
    const widgets = client.of<Array<Record<string, unknown>>>('chat_settings')[0]!;
    const byId = Object.fromEntries(widgets.map((w) => [w.id, w]));
    expect(byId.model).to.deep.include({ type: 'select', items: [{ label: 'Small', value: 's' }, { label: 'Large', value: 'l' }], initial: 'l', tooltip: 'Pick one', description: 'The model', disabled: false });
    expect(byId.tone).to.deep.include({ type: 'radio', items: [{ label: 'Calm', value: 'calm' }, { label: 'Loud', value: 'loud' }], initial: 'loud' });
    expect(byId.tools).to.deep.include({ type: 'multiselect', items: [{ label: 'web', value: 'web' }, { label: 'code', value: 'code' }], initial: ['code'] });
    expect(byId.temperature).to.deep.include({ type: 'slider', min: 0, max: 2, step: 0.5, initial: 1 });
    expect(byId.stream).to.deep.include({ type: 'switch', initial: true });
    expect(byId.agree).to.deep.include({ type: 'checkbox', disabled: true, initial: false });
    expect(byId.topics).to.deep.include({ type: 'tags', initial: ['a'] });
    expect(byId.prompt).to.deep.include({ type: 'textinput', multiline: true, placeholder: 'Type here', initial: 'hi' });
    expect(byId.top_k).to.deep.include({ type: 'numberinput', min: 1, max: 9, step: 2, placeholder: 'k', initial: 3 });
    expect(byId.when).to.deep.include({ type: 'datepicker', mode: 'range', min_date: '2026-01-01', max_date: '2026-12-31', format: 'yyyy-MM-dd', placeholder: 'Pick', initial: ['2026-02-01', '2026-02-02'] });
  });
});

describe('manifest keys: server.host, server.port and server.root_path from the manifest', () => {
  it('listens where the manifest says and serves under its root path', async () => {
    const port = await freePort();
    const file = writeApp({ 'chainlit.yaml': `name: Placed\nserver:\n  host: 127.0.0.1\n  port: ${port}\n  root_path: /placed\n` });
    const app = await createApp({ manifestPath: file, logger: silent });
    try {
      const url = await app.start();
      expect(url).to.equal(`http://127.0.0.1:${port}/placed`);
      const res = await fetch(`http://127.0.0.1:${port}/placed/health`);
      expect(await res.json()).to.deep.equal({ status: 'ok' });
      expect((await fetch(`http://127.0.0.1:${port}/health`)).status).to.equal(404);
    } finally {
      await app.stop();
    }
  });
});

describe('not available: an app that declares what this version lacks does not start', () => {
  async function startError(files: Record<string, string>): Promise<{ code?: string; message: string }> {
    const app = await createApp({ manifestPath: writeApp(files), host: '127.0.0.1', port: 0, logger: silent }).then(
      async (started) => { await started.stop(); return undefined; },
      (err: unknown) => err as { code?: string; message: string },
    );
    expect(app, 'the app must not start').to.not.equal(undefined);
    return app!;
  }

  it('a key this version cannot honour is refused with its line, so the app never runs without it', async () => {
    const err = await startError({ 'chainlit.yaml': 'name: Slack\nfeatures:\n  slack:\n    reaction_on_message_received: true\n' });
    expect(err.code).to.equal('CRT_NOT_AVAILABLE');
    expect(err.message).to.match(/chainlit\.yaml:4:5 features\.slack\.reaction_on_message_received: CRT_NOT_AVAILABLE: not available yet \(/);
  });

  it('declared login without a secret never serves: the manifest or an auth hook alone', async () => {
    const saved = process.env.CHAINLIT_AUTH_SECRET;
    delete process.env.CHAINLIT_AUTH_SECRET;
    try {
      const declared = await startError({ 'chainlit.yaml': 'name: Locked\nauth:\n  header:\n    name: x-forwarded-user\n' });
      expect(declared.code).to.equal('CRT_CONFIG');
      expect(declared.message).to.include('chainlit-rt create-secret');
      const hooked = await startError({
        'chainlit.yaml': 'name: Hooked\nplugins: [plugins/auth.ts]\n',
        'plugins/auth.ts': "import { definePlugin } from 'chainlit-rt';\nexport default definePlugin({ async passwordAuth() { return null; } });\n",
      });
      expect(hooked.code).to.equal('CRT_CONFIG');
      expect(hooked.message).to.include('chainlit-rt create-secret');
    } finally {
      if (saved !== undefined) process.env.CHAINLIT_AUTH_SECRET = saved;
    }
  });

  it('a plugin file that does not exist is CRT_PLUGIN_NOT_FOUND with the manifest line, not an esbuild error', async () => {
    const err = await startError({ 'chainlit.yaml': 'name: Lost\nplugins:\n  - plugins/app.ts\n' });
    expect(err.code).to.equal('CRT_PLUGIN_NOT_FOUND');
    expect(err.message).to.match(/chainlit\.yaml:3:5 plugins\[0\]: CRT_PLUGIN_NOT_FOUND: plugin file not found: plugins\/app\.ts/);
    expect(err.message).to.not.include('Could not resolve');
  });
});
