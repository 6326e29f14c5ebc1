import { expect } from 'chai';
import { dirname, join } from 'node:path';
import { createKnexDataLayer } from '../../runtime/data/knex/index.js';
import { createLogger } from '../../runtime/log.js';
import { connectClient } from '../support/client.js';
import { startProcessCluster, type ProcessCluster } from '../support/process-cluster.js';
import { writeApp } from '../support/server.js';
import { waitUntil } from '../support/wait.js';
import type { StepDict } from '../../runtime/wire.js';

const PLUGIN = `import { definePlugin, Message, Step } from 'chainlit-rt';
export default definePlugin({
  async onMessage(message) {
    await Step.run({ name: 'lookup', type: 'tool' }, async () => 'found ' + message.content);
    const answer = new Message({ content: '' });
    await answer.streamToken('partial ');
    // The answer never finishes: the process is killed while it streams.
    await new Promise(() => undefined);
  },
});
`;

/**
 * Steps are written as they are sent: a server killed (-9) in the middle of a streamed
 * answer leaves in the database every step it had sent, the open stream included.
 */
describe('persistence: kill -9 during a streamed answer', function () {
  this.timeout(120_000);
  let cluster: ProcessCluster | undefined;
  after(() => cluster?.stop());

  it('loses no step already sent', async () => {
    const manifest = writeApp({ 'chainlit.yaml': 'name: Kill\nplugins: [plugin.ts]\ndata_layer:\n  url: sqlite://./history.db\n', 'plugin.ts': PLUGIN });
    const file = join(dirname(manifest), 'history.db');
    cluster = await startProcessCluster(manifest, 1);
    const client = await connectClient(cluster.instances[0]!.url);
    client.send('the question');
    const stream = await client.waitFor<StepDict>('stream_start', (m) => m.output === 'partial ');
    const sent = client.of<StepDict>('new_message').filter((m) => m.output.startsWith('found')).concat(stream);
    const layer = await createKnexDataLayer({ url: `sqlite://${file}`, storage: null, logger: createLogger({ silent: true }) });
    try {
      // Written as sent (the chat never waits for the database): wait until it shows there.
      await waitUntil('the sent steps are in the database', async () => {
        const thread = await layer.getThread(stream.threadId);
        return Boolean(thread && sent.every((s) => thread.steps.some((t) => t.id === s.id)));
      });
      await cluster.instances[0]!.kill('SIGKILL');
      const thread = (await layer.getThread(stream.threadId))!;
      const outputs = thread.steps.map((s) => `${s.type}:${s.name}:${s.output}`);
      expect(outputs).to.include('user_message:User:the question');
      expect(outputs.some((o) => o.startsWith('tool:lookup:found the question'))).to.equal(true);
      expect(thread.steps.find((s) => s.id === stream.id)?.output, 'the open stream as it started').to.equal('partial ');
    } finally {
      client.close();
      await layer.close();
    }
  });
});
