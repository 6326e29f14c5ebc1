import { definePlugin, Message } from 'chainlit-rt';

/** Token i of the streamed answer: words, a bold one every 50, a paragraph every 200. */
export function benchToken(i: number): string {
  if (i % 200 === 199) return '\n\n';
  return i % 50 === 0 ? `**word${i}** ` : `word${i} `;
}

/**
 * The final "done" message carries the server's own clock (epoch ms) for the first and
 * last item sent, so the page can tell how far behind the server it rendered.
 */
export default definePlugin({
  name: 'ui-bench',
  async onMessage(message) {
    const m = /^(stream|thread) (\d+)$/.exec(message.content.trim());
    if (!m) {
      await new Message({ content: `unknown: ${message.content}` }).send();
      return;
    }
    const n = Number(m[2]);
    let first = 0;
    if (m[1] === 'stream') {
      const answer = new Message({ content: '' });
      for (let i = 0; i < n; i++) {
        await answer.streamToken(benchToken(i));
        if (i === 0) first = Date.now();
        // Let socket.io flush now and then, as a model streaming over the network would.
        if (i % 500 === 0) await new Promise((r) => setImmediate(r));
      }
      const last = Date.now();
      await answer.send();
      await new Message({ content: `bench done first=${first} last=${last}` }).send();
      return;
    }
    for (let i = 0; i < n; i++) {
      await new Message({ content: `Message **${i}** with a [link](https://example.com/${i}) and \`code ${i}\`.` }).send();
      if (i === 0) first = Date.now();
    }
    const last = Date.now();
    await new Message({ content: `bench done first=${first} last=${last}` }).send();
  },
});
