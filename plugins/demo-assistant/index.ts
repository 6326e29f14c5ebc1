import { Action, definePlugin, Message, sleep, Step, userSession } from 'chainlit-rt';

/** Splits a reply into word-sized tokens, the way an LLM streams. */
function tokens(text: string): string[] {
  return text.match(/\S+\s*/g) ?? [];
}

function reply(question: string, words: number): string {
  return [
    `You asked: **${question.trim() || '(nothing)'}**.`,
    '',
    `That is ${words} word${words === 1 ? '' : 's'}. This demo assistant runs without any API key:`,
    'it streams its answer token by token, shows a tool step above, and offers an action button below.',
    'Replace `plugins/demo-assistant/index.ts` with your own plugin to call a real model.',
  ].join('\n');
}

export default definePlugin({
  name: 'demo-assistant',

  async onChatStart() {
    userSession.set('questions', 0);
  },

  async onMessage(message) {
    const count = (userSession.get<number>('questions') ?? 0) + 1;
    userSession.set('questions', count);

    const words = await Step.run({ name: 'word_counter', type: 'tool', showInput: 'text' }, async (step) => {
      step.setInput(message.content);
      await sleep(0.2);
      return message.content.split(/\s+/).filter(Boolean).length;
    });

    const answer = new Message({
      content: '',
      actions: [new Action({ name: 'show_count', label: 'How many questions?', icon: 'hash', payload: { count } })],
    });
    for (const token of tokens(reply(message.content, words))) {
      await answer.streamToken(token);
      await sleep(0.02);
    }
    await answer.send();
  },

  actions: {
    async show_count(action) {
      await new Message({ content: `This is question number ${String(action.payload.count)} of this chat.` }).send();
      await action.remove();
    },
  },
});
