import { definePlugin, makeAsync, Message, sleep } from 'chainlit-rt';

/*
 * Runs in a worker thread: the function travels as source text, so it must be
 * self-contained (no outer variables; take everything as arguments) and return
 * structured-cloneable data.
 */
const countPrimes = makeAsync((below: number) => {
  const composite = new Uint8Array(below);
  let count = 0;
  for (let i = 2; i < below; i += 1) {
    if (composite[i]) continue;
    count += 1;
    for (let j = i * i; j < below; j += i) composite[j] = 1;
  }
  return count;
});

const LIMIT = 50_000_000;

export default definePlugin({
  name: 'make-async-example',

  async onChatStart() {
    await new Message({ content: `Send a number (up to ${LIMIT.toLocaleString('en-US')}) and I count the primes below it.` }).send();
  },

  async onMessage(message) {
    const below = Number(message.content.replace(/[_,\s]/g, ''));
    if (!Number.isInteger(below) || below < 2 || below > LIMIT) {
      await new Message({ content: `Please send a whole number between 2 and ${LIMIT.toLocaleString('en-US')}.` }).send();
      return;
    }
    const answer = new Message({ content: '' });
    await answer.streamToken(`Counting primes below ${below.toLocaleString('en-US')} `);
    const job = countPrimes(below);
    let done = false;
    // A handler attached now, so a failure is not an unhandled rejection while we stream.
    job.then(() => (done = true), () => (done = true));
    // The event loop stays free while the worker computes, so these tokens keep flowing.
    while (!done) {
      await answer.streamToken('.');
      await sleep(0.1);
    }
    answer.content = `There are ${(await job).toLocaleString('en-US')} primes below ${below.toLocaleString('en-US')}.`;
    await answer.send();
  },
});
