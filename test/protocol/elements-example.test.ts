import { join } from 'node:path';
import { expect } from 'chai';
import type { TestClient } from '../support/client.js';
import { REPO, startServer, type TestServer } from '../support/server.js';
import { connectReady, fileUrl, ownerFetch, runCommand } from '../fixtures/apps/elements/harness.js';

const EXAMPLE = join(REPO, 'manifests/elements.yaml');

describe('elements: the example app (manifests/elements.yaml) runs every demo', () => {
  let server: TestServer;
  let client: TestClient;
  before(async () => {
    server = await startServer(EXAMPLE);
    client = await connectReady(server);
    // The chat-start help message is its own task: let it finish before the first command.
    await client.waitFor<{ output: string }>('new_message', (m) => m.output.startsWith('Type one of'));
    const at = client.received.findIndex((r) => r.event === 'new_message' && String((r.payload as { output: string }).output).startsWith('Type one of'));
    await client.waitFor('task_end', () => true, { since: at });
  });
  after(async () => {
    client.close();
    await server.stop();
  });

  const expected: Record<string, string[]> = {
    text: ['text'], image: ['image'], file: ['file'], pdf: ['pdf'], audio: ['audio'], video: ['video'], plotly: ['plotly'],
    dataframe: ['dataframe'], pyplot: ['image'], tasks: ['tasklist'], step: ['image'], sidebar: ['text'], counter: ['custom'],
  };
  for (const [word, types] of Object.entries(expected)) {
    it(`${word}`, async () => {
      const run = await runCommand(client, word);
      expect(run.messages.filter((m) => m.isError).map((m) => m.output)).to.deep.equal([]);
      expect([...new Set(run.elements.map((e) => e.type))]).to.deep.equal(types);
      for (const el of run.elements.filter((e) => e.chainlitKey)) {
        expect((await ownerFetch(client, fileUrl(server, client, el.chainlitKey))).status).to.equal(200);
      }
    });
  }

  it('serves its custom elements without compile errors', async () => {
    for (const name of ['Counter', 'TicketForm']) {
      const code = await (await fetch(`${server.url}/elements/${name}.js`)).text();
      expect(code, name).to.include('export const error = null;');
    }
  });
});
