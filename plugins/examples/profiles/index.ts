import { definePlugin, Message, Step, userSession } from 'chainlit-rt';

const profile = () => userSession.get<string>('chat_profile') ?? '(none)';

/** Serves every profile that has no plugin of its own (here: Assistant and Analyst). */
export default definePlugin({
  name: 'profiles-example',

  async onChatStart() {
    await new Message({ content: `You are talking to the **${profile()}** profile.` }).send();
  },

  async onMessage(message) {
    if (profile() === 'Analyst') {
      const stats = await Step.run({ name: 'count', type: 'tool' }, async (step) => {
        step.setInput(message.content);
        const words = message.content.split(/\s+/).filter(Boolean).length;
        const numbers = message.content.match(/-?\d+(\.\d+)?/g) ?? [];
        return { words, numbers: numbers.length, total: numbers.reduce((sum, n) => sum + Number(n), 0) };
      });
      await new Message({ content: `${stats.words} words, ${stats.numbers} numbers adding up to ${stats.total}.` }).send();
      return;
    }
    await new Message({ content: `[${profile()}] You said: ${message.content}` }).send();
  },
});
