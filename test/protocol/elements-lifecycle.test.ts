import { createHash } from 'node:crypto';
import { expect } from 'chai';
import type { TestClient } from '../support/client.js';
import { rawRequest } from '../support/http.js';
import { startServer, type TestServer } from '../support/server.js';
import { ELEMENTS_APP, connectReady, fileUrl, ownerFetch, runCommand } from '../fixtures/apps/elements/harness.js';
import type { ElementDict, StepDict } from '../../runtime/wire.js';

describe('elements: update, remove, steps, sidebar, task lists, large files, path safety', () => {
  let server: TestServer;
  let client: TestClient;
  before(async () => {
    server = await startServer(ELEMENTS_APP);
    client = await connectReady(server);
  });
  after(async () => {
    client.close();
    await server.stop();
  });

  const text = async (key: string | null) => (await ownerFetch(client, fileUrl(server, client, key))).text();

  it('update re-sends the same id with new content under a new key (unchanged content keeps its key); remove emits remove_element', async () => {
    const run = await runCommand(client, 'update');
    expect(run.elements).to.have.length(3);
    const [first, second, third] = run.elements as [ElementDict, ElementDict, ElementDict];
    expect(new Set(run.elements.map((e) => e.id)).size).to.equal(1);
    expect(second.chainlitKey).to.not.equal(first.chainlitKey);
    expect(third.chainlitKey).to.equal(second.chainlitKey);
    expect(await text(first.chainlitKey)).to.equal('v1');
    expect(await text(second.chainlitKey)).to.equal('v2');
    const removed = client.of<{ id: string }>('remove_element');
    expect(removed.at(-1)).to.deep.equal({ id: first.id });
    const lastElementAt = run.events.lastIndexOf('element');
    expect(run.events.indexOf('remove_element')).to.be.greaterThan(lastElementAt);
  });

  it('elements of a step are sent before the step, linked by forId', async () => {
    const run = await runCommand(client, 'step');
    const step = run.messages.find((m) => m.name === 'draw')!;
    expect(run.elements).to.have.length(1);
    expect(run.elements[0]).to.include({ name: 'step-pixel', type: 'image', forId: step.id });
    const elementAt = client.received.findIndex((r, i) => i >= run.since && r.event === 'element');
    const stepAt = client.received.findIndex((r, i) => i >= run.since && r.event === 'new_message' && (r.payload as StepDict).id === step.id);
    expect(elementAt).to.be.lessThan(stepAt);
  });

  it('sidebar: title, elements sent first then listed with the key; an empty list closes it', async () => {
    const run = await runCommand(client, 'sidebar');
    const after = client.received.slice(run.since);
    expect(after.find((r) => r.event === 'set_sidebar_title')?.payload).to.equal('Sources');
    const listed = after.find((r) => r.event === 'set_sidebar_elements')?.payload as { elements: ElementDict[]; key: string | null };
    expect(listed.key).to.equal('k1');
    expect(listed.elements.map((e) => e.name)).to.deep.equal(['source 1']);
    expect(listed.elements[0]!.id).to.equal(run.elements[0]!.id);
    expect(listed.elements[0]!.chainlitKey).to.equal(run.elements[0]!.chainlitKey);
    expect(await text(listed.elements[0]!.chainlitKey)).to.equal('first source');
    expect(after.findIndex((r) => r.event === 'element')).to.be.lessThan(after.findIndex((r) => r.event === 'set_sidebar_elements'));
    const closed = await runCommand(client, 'sidebar-close');
    expect(client.received.slice(closed.since).find((r) => r.event === 'set_sidebar_elements')?.payload).to.deep.equal({ elements: [], key: null });
  });

  it('task list: sent twice with the same id, forId "", JSON content with statuses and task forId', async () => {
    const run = await runCommand(client, 'tasks');
    const working = run.messages.find((m) => m.output === 'working')!;
    expect(run.elements).to.have.length(2);
    for (const el of run.elements) expect(el).to.include({ type: 'tasklist', name: 'tasklist', forId: '', mime: 'application/json', id: run.elements[0]!.id });
    expect(JSON.parse(await text(run.elements[0]!.chainlitKey))).to.deep.equal({
      status: 'Running...',
      tasks: [{ title: 'Fetch', status: 'running' }, { title: 'Summarise', status: 'ready', forId: working.id }],
    });
    expect(JSON.parse(await text(run.elements[1]!.chainlitKey))).to.deep.equal({
      status: 'Failed',
      tasks: [{ title: 'Fetch', status: 'done' }, { title: 'Summarise', status: 'failed', forId: working.id }],
    });
  });

  it('a 20 MB file is copied and streamed back intact', async () => {
    const run = await runCommand(client, 'big');
    const [, sha, size] = run.messages.find((m) => m.output.startsWith('big '))!.output.split(' ');
    const res = await ownerFetch(client, fileUrl(server, client, run.elements[0]!.chainlitKey));
    expect(res.status).to.equal(200);
    expect(res.headers.get('content-type')).to.equal('application/octet-stream');
    const hash = createHash('sha256');
    let received = 0;
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      received += chunk.byteLength;
      hash.update(chunk);
    }
    expect(received).to.equal(Number(size));
    expect(hash.digest('hex')).to.equal(sha);
  });

  for (const [command, pattern] of [
    ['outside-abs', /Element path "\/etc\/hosts" is outside the allowed folders/],
    ['outside-rel', /Element path "(\.\.\/)+etc\/hosts" is outside the allowed folders/],
    ['hidden', /Element path "assets\/\.hidden-secret" is a hidden file/],
  ] as const) {
    it(`a plugin path that is not allowed (${command}) is an error in the chat, and nothing is served`, async () => {
      const filesBefore = client.received.filter((r) => r.event === 'element').length;
      const run = await runCommand(client, command);
      expect(run.elements).to.have.length(0);
      const err = run.messages.find((m) => m.isError);
      expect(err?.output).to.match(pattern);
      expect(err?.output).to.not.include(server.app.services.manifest().root);
      expect(client.received.filter((r) => r.event === 'element').length).to.equal(filesBefore);
    });
  }

  it('path traversal on every element and file route is a 4xx', async () => {
    const port = Number(new URL(server.url).port);
    const cookie = { cookie: `chainlit_rt_browser=${client.browserKey}` };
    const sid = client.sessionId;
    const attempts = [
      `/project/file/..%2F..%2F..%2Fpackage.json?session_id=${sid}`,
      `/project/file/%2e%2e%2fchainlit.yaml?session_id=${sid}`,
      `/project/file/anything?session_id=..%2F..%2Fetc`,
      `/elements/..%2F..%2Fchainlit.yaml.js`,
      `/elements/..%2Fplugin.ts.js`,
      `/elements/%2e%2e%2f%2e%2e%2fpackage.json.js`,
      `/elements/Counter.jsx`,
      `/public/elements/..%2F..%2Fchainlit.yaml`,
      `/public/elements/..%2F.hidden-secret`,
    ];
    for (const attempt of attempts) {
      const res = await rawRequest(port, 'GET', attempt, cookie);
      expect(res.status, attempt).to.be.within(400, 499);
      expect(res.body, attempt).to.not.include('plugins:');
    }
    for (const attempt of ['/elements/../../chainlit.yaml', '/elements/../plugin.ts', '/elements/shared/label.js']) {
      const res = await rawRequest(port, 'GET', attempt, cookie);
      expect(res.status, attempt).to.equal(400);
    }
    // Unencoded `..` never reaches the file route (it is not one path segment); whatever
    // answers, it is not the file.
    const raw = await rawRequest(port, 'GET', `/project/file/../../package.json?session_id=${sid}`, cookie);
    expect(raw.body).to.not.include('"name": "chainlit-rt"');
    for (const method of ['PUT', 'DELETE']) {
      const res = await ownerFetch(client, `${server.url}/project/element`, {
        method,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ sessionId: '../../etc/passwd', element: { id: 'x', type: 'custom', name: '../../chainlit.yaml' } }),
      });
      expect(res.status, method).to.equal(404);
    }
  });
});
