import { context, definePlugin, Message } from 'chainlit-rt';

/**
 * Bound to the Pirate profile by `profiles[].plugin`: for sessions on that profile its hooks
 * replace the app's; `context.config` is the profile's `config:` from the manifest.
 */
export default definePlugin({
  name: 'pirate',

  async onChatStart() {
    await new Message({ content: `${String(context.config.greeting)}! Welcome aboard ${String(context.config.ship)}.` }).send();
  },

  async onMessage(message) {
    await new Message({ content: `${String(context.config.greeting)}, matey! Ye said: ${message.content}` }).send();
  },
});
