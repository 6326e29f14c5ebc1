import { ChatSettings, Checkbox, DatePicker, definePlugin, Message, MultiSelect, NumberInput, RadioGroup, Select, Slider, Switch, Tags, TextInput, userSession } from 'chainlit-rt';

const show = (values: unknown) => JSON.stringify(values, null, 2);

/** The same kinds of widget as the manifest, built in code (Chainlit's `cl.ChatSettings([...]).send()`). */
function imagePanel(): ChatSettings {
  return new ChatSettings([
    new Select({ id: 'size', label: 'Image size', items: { Small: '256x256', Medium: '512x512', Large: '1024x1024' }, initialValue: '512x512' }),
    new RadioGroup({ id: 'style', label: 'Style', values: ['photo', 'sketch', 'pixel art'], initialIndex: 1 }),
    new MultiSelect({ id: 'extras', label: 'Extras', values: ['border', 'caption'], initial: [] }),
    new Slider({ id: 'count', label: 'Images', min: 1, max: 4, step: 1, initial: 1 }),
    new Switch({ id: 'hd', label: 'HD', initial: false }),
    new Checkbox({ id: 'watermark', label: 'Watermark', initial: true }),
    new Tags({ id: 'keywords', label: 'Keywords', initial: ['sunset'] }),
    new TextInput({ id: 'negative', label: 'Negative prompt', placeholder: 'what to avoid' }),
    new NumberInput({ id: 'seed', label: 'Seed', min: 0, max: 999_999 }),
    new DatePicker({ id: 'range', label: 'Date range', mode: 'range' }),
  ]);
}

export default definePlugin({
  name: 'chat-settings-example',

  async onChatStart() {
    await new Message({ content: 'Open the settings panel and change something. Type **settings** to see the values, **image** to swap in a panel built in code.' }).send();
  },

  // Only values that fit the widgets get here; the runtime refuses the rest with a toast.
  async onSettingsUpdate(settings) {
    const changed = Object.entries(settings).map(([id, value]) => `${id} = ${JSON.stringify(value)}`).join(', ');
    await new Message({ content: `Settings updated: ${changed}` }).send();
  },

  async onMessage(message) {
    const text = message.content.trim().toLowerCase();
    if (text === 'image') {
      const values = await imagePanel().send();
      await new Message({ content: `New settings panel sent. Its initial values:\n\`\`\`json\n${show(values)}\n\`\`\`` }).send();
      return;
    }
    const current = userSession.get<Record<string, unknown>>('chat_settings') ?? {};
    await new Message({ content: `Current settings:\n\`\`\`json\n${show(current)}\n\`\`\`` }).send();
  },
});
