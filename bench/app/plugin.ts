import { definePlugin, Message } from 'chainlit-rt';
import { parseStreamRequest, tokenAt } from '../lib/tokens.js';

/** Streams as fast as the runtime allows: no sleeps, one awaited streamToken per token. */
export default definePlugin({
  name: 'bench',
  async onChatStart() {
    await new Message({ content: 'Welcome!' }).send();
  },
  async onMessage(message) {
    const k = parseStreamRequest(message.content);
    const answer = new Message({ content: '' });
    for (let i = 0; i < k; i += 1) await answer.streamToken(tokenAt(i));
    await answer.send();
  },
});
