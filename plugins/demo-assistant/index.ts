import {
  Action,
  AskActionMessage,
  AskUserMessage,
  Dataframe,
  definePlugin,
  Message,
  sleep,
  Step,
  step,
  Text,
  userSession,
} from 'chainlit-rt';

/**
 * The default demo: no API key, and each starter shows one thing the runtime does —
 * streaming, chain-of-thought steps, elements, action buttons, questions to the user.
 * Anything else typed gets a word count in a tool step and a streamed answer.
 */

/** Splits a reply into word-sized tokens, the way an LLM streams. */
function tokens(text: string): string[] {
  return text.match(/\S+\s*|\s+/g) ?? [];
}

/** Streams `text` into a new message, token by token, and sends it. */
async function streamReply(text: string, actions: Action[] = []): Promise<Message> {
  const reply = new Message({ content: '', actions });
  for (const token of tokens(text)) {
    await reply.streamToken(token);
    await sleep(0.02);
  }
  return reply.send();
}

/** "hello" → "hello."; a question or an exclamation keeps its own mark. */
function sentence(text: string): string {
  const trimmed = text.trim() || '(nothing)';
  return /[.!?…]$/.test(trimmed) ? `**${trimmed}**` : `**${trimmed}**.`;
}

function words(text: string): string[] {
  return text.split(/\s+/).filter(Boolean);
}

// The decorator form: each call is a tool step, its argument the input, its result the output.
const countWords = step({ name: 'word_counter', type: 'tool', showInput: 'text' }, async (text: string) => {
  await sleep(0.2);
  return words(text).length;
});

const HELP = [
  'I am a demo assistant that runs without any API key. Each starter shows one part of chainlit-rt:',
  '',
  '- **Count my words**: a *tool step* (above the answer) and an answer *streamed* token by token, with an *action button*.',
  '- **Show me a tool step**: nested *chain-of-thought steps*, one of them streaming its own output.',
  '- **Show me an element**: a *table* and a *code block* attached to a message.',
  '- **Ask me something**: the assistant *asks you* a question, then offers buttons to choose from.',
  '',
  'Replace `plugins/demo-assistant/index.ts` with your own plugin to call a real model.',
].join('\n');

async function showSteps(question: string): Promise<void> {
  const found = await Step.run({ name: 'research', type: 'run', defaultOpen: true }, async (research) => {
    research.setInput(question);
    const hits = await Step.run({ name: 'search_docs', type: 'retrieval' }, async (search) => {
      search.setInput({ query: question, limit: 2 });
      await sleep(0.2);
      return ['docs/sdk.md#step', 'docs/guide/README.md'];
    });
    // A step can stream its output, like an LLM call shown as it is generated.
    await Step.run({ name: 'summarise', type: 'llm' }, async (llm) => {
      llm.setInput(hits);
      for (const token of tokens('Steps nest under the step that runs them, and each shows its input and output.')) {
        await llm.streamToken(token);
        await sleep(0.02);
      }
    });
    return hits;
  });
  await streamReply(`That was a **run** step holding a **retrieval** step and a streamed **llm** step. It looked in ${found.length} places. Open the steps above to see their inputs and outputs.`);
}

async function showElements(): Promise<void> {
  const sample = 'the quick brown fox jumps over the lazy dog the end';
  const counts = new Map<string, number>();
  for (const word of words(sample)) counts.set(word, (counts.get(word) ?? 0) + 1);
  const rows = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([word, count]) => ({ word, count }));
  await new Message({
    content: 'Elements are attached to a message: a **table** of the words in a sample sentence, and the **code** that counted them.',
    elements: [
      new Dataframe({ name: 'word counts', data: rows }),
      new Text({ name: 'counter.ts', language: 'typescript', content: "const counts = new Map<string, number>();\nfor (const word of text.split(/\\s+/)) counts.set(word, (counts.get(word) ?? 0) + 1);\n" }),
    ],
  }).send();
}

async function askSomething(): Promise<void> {
  const answer = await new AskUserMessage({ content: 'What should I call you?', timeout: 120 }).send();
  const name = answer?.output.trim() || 'friend';
  userSession.set('name', name);
  const choice = await new AskActionMessage({
    content: `Nice to meet you, ${name}. Tea or coffee?`,
    actions: [
      new Action({ name: 'tea', label: 'Tea', payload: { drink: 'tea' } }),
      new Action({ name: 'coffee', label: 'Coffee', payload: { drink: 'coffee' } }),
    ],
    timeout: 120,
  }).send();
  await streamReply(choice ? `One ${String(choice.payload.drink)} for ${name}, coming up.` : `No drink then, ${name}.`);
}

async function answerWithCount(text: string, count: number): Promise<void> {
  const n = await countWords(text);
  await streamReply(
    `You asked: ${sentence(text)}\n\nThat is ${n} word${n === 1 ? '' : 's'}, counted in the tool step above; this answer was streamed token by token. The button below is an action: its callback runs on the server.`,
    [new Action({ name: 'show_count', label: 'How many questions?', icon: 'hash', payload: { count } })],
  );
}

export default definePlugin({
  name: 'demo-assistant',

  async onChatStart() {
    userSession.set('questions', 0);
  },

  async onMessage(message) {
    const count = (userSession.get<number>('questions') ?? 0) + 1;
    userSession.set('questions', count);
    const text = message.content.trim();
    const lower = text.toLowerCase();

    if (lower === 'what can you do?' || lower === 'help') await streamReply(HELP);
    else if (lower.includes('tool step')) await showSteps(text);
    else if (lower.includes('element')) await showElements();
    else if (lower.includes('ask me')) await askSomething();
    else await answerWithCount(text, count);
  },

  actions: {
    async show_count(action) {
      await new Message({ content: `This is question number ${String(action.payload.count)} of this chat.` }).send();
      await action.remove();
    },
  },
});
