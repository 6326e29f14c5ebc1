import { AskUserMessage, definePlugin, Message } from 'chainlit-rt';

/** The classic first app: ask the user's name, then greet them. */
export default definePlugin({
  name: 'hello',
  async onChatStart() {
    const res = await new AskUserMessage({ content: 'What is your name?', timeout: 60 }).send();
    if (res) await new Message({ content: `Hello ${res.output}! Nice to meet you.` }).send();
  },
  async onMessage(message) {
    await new Message({ content: `You said: ${message.content}` }).send();
  },
});
