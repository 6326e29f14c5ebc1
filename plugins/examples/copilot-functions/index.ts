import { CopilotFunction, definePlugin, Message, sendWindowMessage } from 'chainlit-rt';

const say = (content: string) => new Message({ content }).send();

export default definePlugin({
  name: 'copilot-functions-example',

  async onMessage(message) {
    const text = message.content.trim().toLowerCase();
    if (text === 'color') {
      // The host page answers through the `chainlit-call-fn` event's callback.
      const answer = await new CopilotFunction({ name: 'get_page_color', args: { element: 'body' }, timeout: 10 }).acall();
      if (answer === undefined) return void (await say('The host page did not answer (is the app embedded?).'));
      return void (await say(`The host page says its colour is ${JSON.stringify(answer)}.`));
    }
    if (text.startsWith('paint ')) {
      const color = text.slice('paint '.length);
      const answer = await new CopilotFunction({ name: 'set_page_color', args: { color }, timeout: 10 }).acall();
      return void (await say(answer === undefined ? 'No answer from the host page.' : `Painted the page ${color}.`));
    }
    // A fire-and-forget notice to the host page (window.parent.postMessage in the UI).
    await sendWindowMessage({ type: 'echo', text: message.content });
    await say(`Sent "${message.content}" to the host page as a window message.`);
  },

  // The host page's `postMessage` to the app's frame arrives here.
  async onWindowMessage(data) {
    await say(`The host page sent: ${JSON.stringify(data)}`);
  },
});
