import { expect } from 'chai';
import { channelOf } from '../../runtime/realtime/emitter.js';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { connectClient } from '../support/client.js';
import { REPO, startServer, writeApp, type TestServer } from '../support/server.js';
import { waitUntil } from '../support/wait.js';

const CORE = join(REPO, 'test/fixtures/apps/core/chainlit.yaml');

async function upload(server: TestServer, sessionId: string, browserKey: string, name: string, body: string, type = 'text/plain') {
  const form = new FormData();
  form.append('file', new Blob([body], { type }), name);
  const res = await fetch(`${server.url}/project/file?session_id=${sessionId}`, { method: 'POST', body: form, headers: { cookie: `chainlit_rt_browser=${browserKey}` } });
  return { status: res.status, body: (await res.json()) as { id?: string; detail?: string } };
}

describe('uploaded files and the session', () => {
  let server: TestServer;
  before(async () => {
    server = await startServer(CORE);
  });
  after(() => server.stop());

  it('attaches uploads to the user message as elements, and deletes them when the session ends', async () => {
    const client = await connectClient(server.url);
    await client.waitFor('new_message', (m: { output: string }) => m.output === 'Welcome!');
    const up = await upload(server, client.sessionId, client.browserKey, '../../etc/passwd', 'hello file');
    expect(up.status).to.equal(200);
    const record = server.app.registry.get(client.sessionId)!.files.get(up.body.id!)!;
    expect(record.name).to.equal('../../etc/passwd');
    expect(record.path.includes('..'), 'client file names are never used as paths').to.equal(false);
    expect(existsSync(record.path)).to.equal(true);

    const since = client.received.length;
    const id = crypto.randomUUID();
    client.socket.emit('client_message', { message: { id, output: 'with file', name: 'User', type: 'user_message' }, fileReferences: [{ id: up.body.id }, { id: 'unknown-file' }] });
    const element = await client.waitFor<{ forId: string; chainlitKey: string; type: string; name: string; mime: string }>('element', () => true, { since });
    expect(element).to.include({ forId: id, chainlitKey: up.body.id, type: 'file', name: '../../etc/passwd', mime: 'text/plain' });
    const download = await fetch(`${server.url}/project/file/${up.body.id}?session_id=${client.sessionId}`, { headers: { cookie: `chainlit_rt_browser=${client.browserKey}` } });
    expect(await download.text()).to.equal('hello file');

    const live = server.app.registry.get(client.sessionId)!;
    // The runtime's own disconnect listener was added first, so it has run when this one does.
    const handled = once([...channelOf(live).sockets][0]!, 'disconnect');
    client.socket.emit('clear_session');
    // The server handles events a tick after they arrive: close only once it took the clear.
    await waitUntil('clear_session handled', () => live.toClear);
    client.close();
    await handled;
    // A cleared session ends at its disconnect; the end deletes its files.
    await waitUntil('the file was removed with the session', () => !existsSync(record.path));
    expect(server.app.registry.get(client.sessionId), 'session ended').to.equal(undefined);
  });

  it('enforces features.spontaneous_file_upload.max_files per message on the server', async () => {
    const limited = await startServer(writeApp({
      'chainlit.yaml': 'name: Limited\nplugins: [p.ts]\nfeatures:\n  spontaneous_file_upload:\n    enabled: true\n    max_files: 1\n',
      'p.ts': "import { definePlugin, Message } from 'chainlit-rt';\nexport default definePlugin({ async onMessage(m) { await new Message({ content: `got ${m.elements.length}` }).send(); } });\n",
    }));
    try {
      const client = await connectClient(limited.url);
      const ids: string[] = [];
      for (const name of ['a.txt', 'b.txt']) ids.push((await upload(limited, client.sessionId, client.browserKey, name, name)).body.id!);
      const since = client.received.length;
      client.socket.emit('client_message', { message: { id: crypto.randomUUID(), output: 'two', name: 'User', type: 'user_message' }, fileReferences: ids.map((id) => ({ id })) });
      const err = await client.waitFor<{ isError: boolean; output: string }>('new_message', (m) => m.isError, { since });
      expect(err.output).to.equal('Too many files: at most 1 per message.');
      client.socket.emit('client_message', { message: { id: crypto.randomUUID(), output: 'one', name: 'User', type: 'user_message' }, fileReferences: [{ id: ids[0] }] });
      await client.waitFor<{ output: string }>('new_message', (m) => m.output === 'got 1', { since });
      client.close();
    } finally {
      await limited.stop();
    }
  });
});
