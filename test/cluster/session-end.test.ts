import { expect } from 'chai';
import { connectClient } from '../support/client.js';
import { startProcessCluster, type ProcessCluster } from '../support/process-cluster.js';
import { startPrivateRedis, type PrivateRedis } from '../support/redis-server.js';
import { writeApp } from '../support/server.js';
import { requireService } from '../support/services.js';
import { waitUntil } from '../support/wait.js';

const PLUGIN = `import { context, definePlugin, Message } from 'chainlit-rt';
const ends: string[] = [];
export default definePlugin({
  async onChatStart() { await new Message({ content: 'Welcome!' }).send(); },
  async onMessage(m) { await new Message({ content: 'echo ' + m.content }).send(); },
  async onChatEnd() { ends.push(context.session.id); },
  routes: { 'GET /ends': async () => ends },
});
`;

/**
 * onChatEnd runs once per session across the cluster, also when the instance that owned the
 * session died: another one takes the orphan over and ends it after session_timeout.
 */
describe('cluster: a session whose instance died still ends, once', function () {
  this.timeout(120_000);
  let redis: PrivateRedis;
  let cluster: ProcessCluster;

  before(async function () {
    this.timeout(180_000);
    await requireService(this, 'redis');
    redis = await startPrivateRedis();
    const manifest = `name: Ends\nplugins: [plugin.ts]\nproject:\n  session_timeout: 2\n  transports: [websocket]\nsession:\n  store: redis\n  redis_url: ${redis.url}\ndata_layer:\n  enabled: false\n`;
    cluster = await startProcessCluster(writeApp({ 'chainlit.yaml': manifest, 'plugin.ts': PLUGIN }), 2);
  });
  after(async () => {
    await cluster?.stop();
    await redis?.stop();
  });

  it('runs onChatEnd on the survivor, exactly once', async () => {
    const [victim, survivor] = cluster.instances as [typeof cluster.instances[0], typeof cluster.instances[0]];
    const client = await connectClient(victim!.url);
    await client.waitFor('new_message', (m: { output: string }) => m.output === 'Welcome!');
    client.send('hi');
    await client.waitFor('new_message', (m: { output: string }) => m.output === 'echo hi');
    client.close();
    await victim!.kill('SIGKILL');
    const ends = async () => (await (await fetch(`${survivor!.url}/ends`)).json()) as string[];
    await waitUntil('the survivor ended the orphaned session', async () => (await ends()).includes(client.sessionId), 60_000).catch((err) => {
      console.log(survivor!.output.join('').slice(-3000));
      throw err;
    });
    // Ended means gone: the record is deleted, so nothing can end it a second time.
    await waitUntil('the session record is gone', async () => (await redis.admin.exists(`chainlit-rt:session:${client.sessionId}`)) === 0);
    expect((await ends()).filter((id) => id === client.sessionId)).to.have.length(1);
  });
});
