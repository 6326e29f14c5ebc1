import { definePlugin, Message } from 'chainlit-rt';
import { createMemoryDataLayer } from './memory-layer.js';

/**
 * A custom data layer from a plugin: the manifest names this module in
 * `data_layer.module`, and its `dataLayer()` hook returns the layer the runtime uses
 * instead of the built-in SQL one. Here, an in-memory store (see memory-layer.ts).
 */
export default definePlugin({
  name: 'data-layer-example',
  dataLayer() {
    return createMemoryDataLayer();
  },
  async onMessage(message) {
    await new Message({ content: `Stored in memory: "${message.content}"` }).send();
  },
});
