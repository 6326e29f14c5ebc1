import { expect } from 'chai';
import { connectClient, type TestClient } from '../support/client.js';
import { startServer, writeApp, type TestServer } from '../support/server.js';

interface Step { id: string; name: string; type: string; output: string; end?: string | null }
interface Element { id: string; name: string; forId: string | null; type: string }

/**
 * A step's elements reach the client with `forId` = the step id, also when they are set
 * inside `Step.run` after the step was first sent (Chainlit's own scenario).
 */
describe('realtime: step elements', () => {
  let server: TestServer;
  let client: TestClient;
  before(async () => {
    const manifest = writeApp({
      'chainlit.yaml': 'name: Step elements\nplugins:\n  - plugin.ts\n',
      'plugin.ts': `import { definePlugin, Image, Message, Step, Text } from 'chainlit-rt';
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a4e30000000049454e44ae426082', 'hex');
export default definePlugin({
  async onMessage() {
    await Step.run({ type: 'tool', name: 'tool1' }, async (step) => {
      step.elements = [new Image({ name: 'image2', content: PNG })];
      step.output = 'This step has an image';
    });
    await Step.run({ type: 'tool', name: 'tool2', elements: [new Text({ name: 'early', content: 'given up front' })] }, async () => 'out');
    await new Message({ content: 'done' }).send();
  },
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

  it('sends elements set inside Step.run with the step id as forId, before the step update that shows them', async () => {
    const since = client.received.length;
    client.send('go');
    await client.waitFor<Step>('new_message', (m) => m.output === 'done', { since });
    const events = client.received.slice(since);
    const tool1 = events.find((r) => r.event === 'new_message' && (r.payload as Step).name === 'tool1')!.payload as Step;
    const image = events.filter((r) => r.event === 'element').map((r) => r.payload as Element).find((e) => e.name === 'image2');
    expect(image, 'the element event of image2').to.not.equal(undefined);
    expect(image!.forId).to.equal(tool1.id);
    expect(image!.type).to.equal('image');
    const elementAt = events.findIndex((r) => r.event === 'element' && (r.payload as Element).name === 'image2');
    const updateAt = events.findIndex((r) => r.event === 'update_message' && (r.payload as Step).id === tool1.id && (r.payload as Step).output === 'This step has an image');
    expect(updateAt).to.be.greaterThan(elementAt);

    const tool2 = events.find((r) => r.event === 'new_message' && (r.payload as Step).name === 'tool2')!.payload as Step;
    const early = events.filter((r) => r.event === 'element').map((r) => r.payload as Element).filter((e) => e.name === 'early');
    expect(early.length, 'an element given up front is sent').to.be.at.least(1);
    expect(early.every((e) => e.forId === tool2.id)).to.equal(true);
  });
});
