import { context, definePlugin, Message, type CommandDict } from 'chainlit-rt';

const say = (content: string) => new Message({ content }).send();

// setCommands replaces the whole list, so the manifest's commands are repeated here.
const ALL_COMMANDS: CommandDict[] = [
  { id: 'search', icon: 'globe', description: 'Search the web', button: true },
  { id: 'picture', icon: 'image', description: 'Draw a picture', persistent: true },
  { id: 'summarize', icon: 'list', description: 'Summarize a text' },
  { id: 'shout', icon: 'megaphone', description: 'Say it louder', button: true },
];

export default definePlugin({
  name: 'commands-example',

  async onChatStart() {
    await say('Type **/** to pick a command. Type **more** to unlock the **/shout** command.');
  },

  // Commands without a `handler` in the manifest reach onMessage with message.command set.
  async onMessage(message) {
    switch (message.command) {
      case 'search':
        return void (await say(`Searching the web for "${message.content}"…`));
      case 'picture':
        return void (await say(`Drawing "${message.content}" (the command stays selected for the next message).`));
      case 'shout':
        return void (await say(`${message.content.toUpperCase()}!`));
    }
    if (message.content.trim().toLowerCase() === 'more') {
      await context.emitter.setCommands(ALL_COMMANDS);
      return void (await say('Unlocked **/shout**.'));
    }
    await say(`No command selected. You said: ${message.content}`);
  },

  // `handler: summarize` in the manifest sends that command's messages here instead of onMessage.
  commands: {
    async summarize(message) {
      const sentences = message.content.split(/(?<=[.!?])\s+/).filter(Boolean);
      await say(`Summary (${sentences.length} sentence(s)): ${sentences[0] ?? ''}`);
    },
  },
});
