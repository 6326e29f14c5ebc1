import { readFile } from 'node:fs/promises';
import { Action, AskActionMessage, AskFileMessage, AskTimeoutError, AskUserMessage, definePlugin, Message } from 'chainlit-rt';

const say = (content: string) => new Message({ content }).send();

/** AskUserMessage: free text; `undefined` when the timeout passes. */
async function askName(): Promise<void> {
  const res = await new AskUserMessage({ content: 'What is your name?', timeout: 30 }).send();
  if (!res) return void (await say('No answer within 30 seconds. Type **name** to try again.'));
  await say(`Nice to meet you, ${res.output}!`);
}

/** AskFileMessage: the accept map is checked on the server for every upload (type and extension). */
async function askFiles(): Promise<void> {
  const files = await new AskFileMessage({
    content: 'Upload up to two text or CSV files (1 MB each).',
    accept: { 'text/plain': ['.txt', '.md'], 'text/csv': ['.csv'] },
    maxSizeMb: 1,
    maxFiles: 2,
    timeout: 120,
  }).send();
  if (!files) return void (await say('No files received.'));
  const lines = await Promise.all(files.map(async (file) => {
    const text = await readFile(file.path, 'utf8');
    return `- **${file.name}** (${file.type}, ${file.size} bytes): ${text.split('\n').length} line(s)`;
  }));
  await say(`Received ${files.length} file(s):\n${lines.join('\n')}`);
}

/** AskActionMessage: resolves to the clicked action; the buttons disappear afterwards. */
async function askChoice(): Promise<void> {
  const res = await new AskActionMessage({
    content: 'Tea or coffee?',
    actions: [
      new Action({ name: 'tea', label: 'Tea', icon: 'leaf', payload: { drink: 'tea' } }),
      new Action({ name: 'coffee', label: 'Coffee', icon: 'coffee', payload: { drink: 'coffee' } }),
    ],
    timeout: 60,
  }).send();
  await say(res ? `One ${String(res.payload.drink)} coming up.` : 'Nothing chosen, nothing brewed.');
}

/** raiseOnTimeout: a timeout throws AskTimeoutError instead of resolving `undefined`. */
async function askQuick(): Promise<void> {
  try {
    const res = await new AskUserMessage({ content: 'Quick! What is 6 × 7? (5 seconds)', timeout: 5, raiseOnTimeout: true }).send();
    await say(res?.output.trim() === '42' ? 'Correct!' : `Not quite: ${res?.output ?? ''}`);
  } catch (err) {
    if (!(err instanceof AskTimeoutError)) throw err;
    await say('Too slow! (the ask raised AskTimeoutError)');
  }
}

export default definePlugin({
  name: 'ask-example',
  async onChatStart() {
    await say('Type **name**, **file**, **choice** or **quick** to see each kind of question.');
  },
  async onMessage(message) {
    switch (message.content.trim().toLowerCase()) {
      case 'name': return askName();
      case 'file': return askFiles();
      case 'choice': return askChoice();
      case 'quick': return askQuick();
      default: return void (await say('I only know **name**, **file**, **choice** and **quick**.'));
    }
  },
});
