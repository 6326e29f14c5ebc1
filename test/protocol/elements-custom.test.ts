import { expect } from 'chai';
import type { TestClient } from '../support/client.js';
import { startServer, type TestServer } from '../support/server.js';
import { ELEMENTS_APP, connectReady, ownerFetch, runCommand } from '../fixtures/apps/elements/harness.js';
import type { ElementDict, StepDict } from '../../runtime/wire.js';

/** What a compiled element module exports (docs/elements.md). */
interface ElementModule {
  source: string;
  error: { file: string; line: number; column: number; message: string } | null;
  default: (scope: Record<string, unknown>) => (...args: unknown[]) => unknown;
}

/** Tiny stand-ins for the UI's modules: JSX becomes plain objects we can inspect. */
function fakeRequire(specifier: string): unknown {
  const node = (type: unknown, props: Record<string, unknown>) => ({ type, props });
  const modules: Record<string, unknown> = {
    'react/jsx-runtime': { jsx: node, jsxs: node },
    react: { createElement: (type: unknown, props: Record<string, unknown>, ...children: unknown[]) => ({ type, props: { ...props, children } }) },
    '@/components/ui/button': { Button: 'Button' },
    'lucide-react': { Plus: 'PlusIcon' },
  };
  if (!(specifier in modules)) throw new Error(`unexpected import ${specifier}`);
  return modules[specifier];
}

async function importModule(code: string): Promise<ElementModule> {
  return (await import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`)) as ElementModule;
}

interface Node { type: unknown; props: { children?: unknown; onClick?: () => void; id?: string } }

function flatten(node: unknown): Node[] {
  if (!node || typeof node !== 'object') return [];
  const n = node as Node;
  const children = Array.isArray(n.props?.children) ? n.props.children : [n.props?.children];
  return [n, ...children.flatMap(flatten)];
}

describe('elements: custom elements, their routes, AskElementMessage, JSX modules', () => {
  let server: TestServer;
  let client: TestClient;
  let answer: unknown;
  before(async () => {
    server = await startServer(ELEMENTS_APP);
    client = await connectReady(server, { onAsk: () => answer });
  });
  after(async () => {
    client.close();
    await server.stop();
  });

  const put = (body: unknown, c: TestClient = client, method = 'PUT') =>
    ownerFetch(c, `${server.url}/project/element`, { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

  it('CustomElement: props on the wire, update() sends new props under the same id', async () => {
    const run = await runCommand(client, 'custom');
    const el = run.elements[0]!;
    expect(el).to.include({ type: 'custom', name: 'Counter', mime: 'application/json', display: 'inline' });
    expect(el.props).to.deep.equal({ count: 1 });
    const updated = await runCommand(client, 'custom-update');
    expect(updated.elements[0]!.id).to.equal(el.id);
    expect(updated.elements[0]!.props).to.deep.equal({ count: 42 });
  });

  it('PUT /project/element rebuilds a custom element from the browser and emits it; DELETE removes it', async () => {
    const run = await runCommand(client, 'custom');
    const el = run.elements[0]!;
    const since = client.received.length;
    const sent = { ...el, props: { count: 7 }, url: 'https://evil.example/x', mime: 'text/html', chainlitKey: 'ignored' };
    const res = await put({ sessionId: client.sessionId, element: sent });
    expect(res.status).to.equal(200);
    expect(await res.json()).to.deep.equal({ success: true });
    const emitted = await client.waitFor<ElementDict>('element', (e) => e.id === el.id, { since });
    expect(emitted).to.include({ name: 'Counter', type: 'custom', forId: el.forId, url: null, mime: 'application/json', display: 'inline' });
    expect(emitted.props).to.deep.equal({ count: 7 });
    expect(emitted.chainlitKey).to.not.equal('ignored');

    const del = await put({ sessionId: client.sessionId, element: el }, client, 'DELETE');
    expect(await del.json()).to.deep.equal({ success: true });
    expect(await client.waitFor('remove_element', (p: { id: string }) => p.id === el.id, { since })).to.deep.equal({ id: el.id });
  });

  it('PUT/DELETE: non-custom elements are refused with success false; owner, session and body are checked', async () => {
    const image = { id: 'i1', type: 'image', name: 'pic', props: {} };
    for (const method of ['PUT', 'DELETE']) {
      const res = await put({ sessionId: client.sessionId, element: image }, client, method);
      expect(await res.json(), method).to.deep.equal({ success: false });
    }
    const custom = { id: 'c1', type: 'custom', name: 'Counter', props: {} };
    const stranger = await fetch(`${server.url}/project/element`, {
      method: 'PUT', headers: { 'content-type': 'application/json', cookie: 'chainlit_rt_browser=someone-else' },
      body: JSON.stringify({ sessionId: client.sessionId, element: custom }),
    });
    expect(stranger.status).to.equal(404);
    expect(await stranger.json()).to.deep.equal({ detail: 'Session not found' });
    const strangerDelete = await fetch(`${server.url}/project/element`, {
      method: 'DELETE', headers: { 'content-type': 'application/json', cookie: 'chainlit_rt_browser=someone-else' },
      body: JSON.stringify({ sessionId: client.sessionId, element: custom }),
    });
    expect(strangerDelete.status).to.equal(404);
    expect(((await strangerDelete.json()) as { detail: string }).detail).to.equal('Session not found');
    expect((await put({ sessionId: crypto.randomUUID(), element: custom })).status).to.equal(404);
    const noElement = await put({ sessionId: client.sessionId });
    expect(noElement.status).to.equal(422);
  });

  it('AskElementMessage: element linked to the question, then ask; resolves to the submitted values', async () => {
    answer = { submitted: true, count: 9 };
    const run = await runCommand(client, 'ask-element');
    const after = client.received.slice(run.since);
    const ask = after.find((r) => r.event === 'ask')!.payload as { msg: StepDict; spec: Record<string, unknown> };
    const element = run.elements[0]!;
    expect(element).to.include({ type: 'custom', name: 'Counter', forId: ask.msg.id });
    expect(ask.spec).to.deep.equal({ type: 'element', step_id: ask.msg.id, timeout: 5, element_id: element.id });
    expect(after.findIndex((r) => r.event === 'element')).to.be.lessThan(after.findIndex((r) => r.event === 'ask'));
    expect(run.messages.map((m) => m.output)).to.include('answer: {"submitted":true,"count":9}');
    expect(after.some((r) => r.event === 'remove_element' && (r.payload as { id: string }).id === element.id)).to.equal(true);
    const updated = after.filter((r) => r.event === 'update_message').map((r) => r.payload as StepDict).find((m) => m.id === ask.msg.id);
    expect(updated?.output).to.equal('Thanks for submitting');
  });

  it('AskElementMessage: a cancel resolves { submitted: false }; a timeout resolves undefined', async () => {
    answer = { submitted: false };
    const cancelled = await runCommand(client, 'ask-element');
    expect(cancelled.messages.map((m) => m.output)).to.include('answer: {"submitted":false}');
    const cancelUpdate = client.received.slice(cancelled.since).filter((r) => r.event === 'update_message').map((r) => (r.payload as StepDict).output);
    expect(cancelUpdate).to.include('Cancelled');

    answer = undefined;
    const timedOut = await runCommand(client, 'ask-element-quick');
    expect(timedOut.messages.map((m) => m.output)).to.include('answer: null');
    expect(timedOut.events).to.include('ask_timeout');
    const timeoutUpdate = client.received.slice(timedOut.since).filter((r) => r.event === 'update_message').map((r) => (r.payload as StepDict).output);
    expect(timeoutUpdate).to.include('Timed out');
  });

  it('GET /elements/<name>.js: an ESM factory; scope names and relative imports work, bare imports go to scope.require', async () => {
    const res = await fetch(`${server.url}/elements/Counter.js`);
    expect(res.status).to.equal(200);
    expect(res.headers.get('content-type')).to.equal('text/javascript; charset=utf-8');
    expect(res.headers.get('cache-control')).to.equal('no-cache');
    const etag = res.headers.get('etag')!;
    const mod = await importModule(await res.text());
    expect(mod.error).to.equal(null);
    expect(mod.source).to.equal('public/elements/Counter.jsx');
    const updates: unknown[] = [];
    const Component = mod.default({ props: { count: 3 }, updateElement: (p: unknown) => updates.push(p), require: fakeRequire });
    const nodes = flatten(Component());
    expect(nodes.some((n) => n.props.children === 'Count: 3')).to.equal(true);
    const button = nodes.find((n) => n.type === 'Button')!;
    expect(button.props.id).to.equal('increment');
    button.props.onClick!();
    expect(updates).to.deep.equal([{ count: 4 }]);
    expect(nodes.some((n) => n.type === 'PlusIcon')).to.equal(true);

    const again = await fetch(`${server.url}/elements/Counter.js`, { headers: { 'if-none-match': etag } });
    expect(again.status).to.equal(304);
  });

  it('a manifest elements: entry is served under its name', async () => {
    const mod = await importModule(await (await fetch(`${server.url}/elements/Declared.js`)).text());
    const Component = mod.default({ props: { text: 'declared!' }, require: fakeRequire });
    expect(Component()).to.deep.equal({ type: 'p', props: { className: 'declared', children: 'declared!' } });
  });

  it('a JSX compile error becomes a module that renders the error with file and line', async () => {
    const res = await fetch(`${server.url}/elements/Broken.js`);
    expect(res.status).to.equal(200);
    const mod = await importModule(await res.text());
    expect(mod.error).to.include({ file: 'public/elements/Broken.jsx', line: 4 });
    const rendered = mod.default({ props: {}, require: fakeRequire })() as { type: string; props: { children: string[]; role: string } };
    expect(rendered.type).to.equal('pre');
    expect(rendered.props.role).to.equal('alert');
    expect(rendered.props.children.join('')).to.match(/Custom element "Broken" failed to compile: public\/elements\/Broken\.jsx:4:\d+: /);
  });

  it('unknown custom elements are 404', async () => {
    expect((await fetch(`${server.url}/elements/Nope.js`)).status).to.equal(404);
  });
});

describe('elements: the compile cache follows edits', () => {
  it('an edited JSX file (or a file it imports) is recompiled on the next request', async () => {
    const { writeApp } = await import('../support/server.js');
    const { writeFile } = await import('node:fs/promises');
    const { dirname, join } = await import('node:path');
    const manifest = writeApp({
      'chainlit.yaml': 'name: Edits\n',
      'public/elements/Live.jsx': "import { word } from './word.js';\nexport default function Live() { return word; }\n",
      'public/elements/word.js': "export const word = 'one';\n",
    });
    const server = await startServer(manifest);
    try {
      const load = async () => (await importModule(await (await fetch(`${server.url}/elements/Live.js`)).text())).default({ require: fakeRequire })();
      expect(await load()).to.equal('one');
      await writeFile(join(dirname(manifest), 'public/elements/word.js'), "export const word = 'two';\n");
      expect(await load()).to.equal('two');
      await writeFile(join(dirname(manifest), 'public/elements/Live.jsx'), 'export default function Live() { return 3; }\n');
      expect(await load()).to.equal(3);
    } finally {
      await server.stop();
    }
  });
});
