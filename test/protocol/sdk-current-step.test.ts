/**
 * context.currentStep is the running step itself (Chainlit's `cl.context.current_step`):
 * code deep inside a `step()`-wrapped function or a `Step.run` callback can stream into it
 * and set its input, output, tags and metadata.
 */
import { expect } from 'chai';
import { connectClient, type TestClient } from '../support/client.js';
import { startServer, writeApp, type TestServer } from '../support/server.js';

const PLUGIN = `import { context, definePlugin, Message, Step, step } from 'chainlit-rt';

/** Deep in a call chain: knows nothing of the step but what the context gives. */
async function annotate(label: string) {
  const current = context.currentStep;
  if (!current) throw new Error('no current step');
  current.tags = ['deep', label];
  current.metadata.annotatedBy = 'annotate';
  current.setInput({ rewritten: label });
}

async function report(text: string) {
  await context.currentStep!.streamToken(text);
}

const search = step({ name: 'search', type: 'tool' }, async (query: string) => {
  await annotate(query);
  return 'found ' + query;
});

export default definePlugin({
  async onMessage(message) {
    const outer = context.currentStep;
    if (message.content === 'decorator') {
      await search('cats');
    } else {
      await Step.run({ name: 'stream', type: 'llm' }, async (s) => {
        const same = context.currentStep === s;
        await report('tok1 ');
        await report('tok2');
        s.metadata.same = same;
      });
    }
    const after = context.currentStep;
    await new Message({ content: JSON.stringify({ outerType: outer?.type, outerName: outer?.name, restored: after === outer }) }).send();
  },
});
`;

interface StepDict { id: string; name: string; type: string; input: string; output: string; tags: string[] | null; metadata: Record<string, unknown>; parentId: string | null }

describe('sdk: context.currentStep is the running step', () => {
  let server: TestServer;
  let client: TestClient;
  before(async () => {
    server = await startServer(writeApp({ 'chainlit.yaml': 'name: Current step\nplugins: [plugin.ts]\n', 'plugin.ts': PLUGIN }));
    client = await connectClient(server.url);
  });
  after(async () => {
    client.close();
    await server.stop();
  });

  async function turn(text: string): Promise<{ since: number; answer: Record<string, unknown> }> {
    const since = client.received.length;
    client.send(text);
    const m = await client.waitFor<{ output: string; type: string }>('new_message', (x) => x.type === 'assistant_message', { since });
    return { since, answer: JSON.parse(m.output) as Record<string, unknown> };
  }

  it('inside a step()-wrapped function: tags, metadata and input set through the context land on the step; the return value is its output', async () => {
    const { since, answer } = await turn('decorator');
    const updates = client.received.slice(since).filter((r) => r.event === 'update_message').map((r) => r.payload as StepDict);
    const final = updates.filter((u) => u.name === 'search').at(-1)!;
    expect(final).to.deep.include({ type: 'tool', output: 'found cats', tags: ['deep', 'cats'] });
    expect(JSON.parse(final.input)).to.deep.equal({ rewritten: 'cats' });
    expect(final.metadata).to.deep.include({ annotatedBy: 'annotate' });
    // In the hook itself the current step is the hook's run step, and it is back after the step ends.
    expect(answer).to.deep.equal({ outerType: 'run', outerName: 'on_message', restored: true });
  });

  it('inside a Step.run callback: it is the step passed to the callback, and tokens streamed into it reach the client', async () => {
    const { since } = await turn('stream');
    const sent = client.received.slice(since).find((r) => r.event === 'new_message' && (r.payload as StepDict).name === 'stream')!.payload as StepDict;
    const streamed = client.received.slice(since).filter((r) => (r.event === 'stream_start' || r.event === 'stream_token') && (r.payload as { id: string }).id === sent.id);
    // The first token opens the stream (stream_start carries it), the next ones follow as stream_token.
    expect(streamed.map((r) => r.event)).to.deep.equal(['stream_start', 'stream_token']);
    expect((streamed[0]!.payload as StepDict).output).to.equal('tok1 ');
    expect((streamed[1]!.payload as { token: string }).token).to.equal('tok2');
    const final = client.received.slice(since).filter((r) => r.event === 'update_message' && (r.payload as StepDict).id === sent.id).map((r) => r.payload as StepDict).at(-1)!;
    expect(final.output).to.equal('tok1 tok2');
    expect(final.metadata).to.deep.include({ same: true });
  });
});
