import { definePlugin, Message } from 'chainlit-rt';

// A toy phrase book: this example needs no model or API key.
const FRENCH: Record<string, string> = {
  'good morning, how are you?': 'Bonjour, comment allez-vous ?',
  'thank you very much!': 'Merci beaucoup !',
};

/**
 * A starter click arrives as an ordinary user message; a starter with `command:` arrives
 * with that command selected, exactly as if the user had picked it in the composer.
 */
export default definePlugin({
  name: 'starters-example',
  async onMessage(message) {
    switch (message.command) {
      case 'translate': {
        const french = FRENCH[message.content.trim().toLowerCase()];
        await new Message({ content: french ? `In French: ${french}` : `I have no translation for "${message.content}".` }).send();
        return;
      }
      case 'explain':
        await new Message({ content: `Explained simply: "${message.content}" is a big question, so let us take it one small step at a time.` }).send();
        return;
      default:
        await new Message({ content: `You started with: ${message.content}` }).send();
    }
  },
});
