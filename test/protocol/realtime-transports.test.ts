import { expect } from 'chai';
import { join } from 'node:path';
import { connectClient } from '../support/client.js';
import { REPO, startServer, type TestServer } from '../support/server.js';

const CORE = join(REPO, 'test/fixtures/apps/core/chainlit.yaml');

describe('realtime: both transports stream every token in order', () => {
  let server: TestServer;
  before(async () => {
    server = await startServer(CORE);
  });
  after(() => server.stop());

  for (const transports of [['websocket'], ['polling'], ['polling', 'websocket']] as const) {
    it(`over ${transports.join(' then ')}`, async () => {
      const client = await connectClient(server.url, { transports: [...transports] });
      await client.waitFor('new_message', (m: { output: string }) => m.output === 'Welcome!');
      const since = client.received.length;
      client.send('slow');
      const final = await client.waitFor<{ output: string; streaming: boolean; type: string }>('new_message', (m) => m.type === 'assistant_message' && m.output.startsWith('t0 '), { since, timeoutMs: 15_000 });
      const start = client.received.slice(since).find((r) => r.event === 'stream_start')!.payload as { output: string };
      const tokens = client.received.slice(since).filter((r) => r.event === 'stream_token').map((r) => (r.payload as { token: string }).token);
      expect(start.output + tokens.join('')).to.equal(final.output);
      expect(tokens).to.have.length(199);
      client.close();
    });
  }
});
