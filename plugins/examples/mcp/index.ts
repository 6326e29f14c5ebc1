import { definePlugin, Message, context } from 'chainlit-rt';

/**
 * MCP from a plugin: the manifest's `calculator` server is connected before onChatStart;
 * `add 2 3` calls its tool, `tools` lists every connected server's tools (including those
 * the user added in the MCP dialog).
 */
export default definePlugin({
  async onChatStart() {
    const names = [...context.session.mcp.keys()].join(', ');
    await new Message({ content: `Connected MCP servers: ${names || 'none'}. Try \`add 2 3\` or \`tools\`.` }).send();
  },
  async onMcpConnect(connection) {
    await new Message({ content: `MCP server **${connection.name}** connected with ${connection.tools.length} tools.` }).send();
  },
  async onMessage(message) {
    const add = /^add\s+(-?\d+(?:\.\d+)?)\s+(-?\d+(?:\.\d+)?)$/.exec(message.content.trim());
    if (add) {
      const calculator = context.session.mcp.get('calculator');
      if (!calculator) return new Message({ content: 'The calculator server is not connected.' }).send();
      const result = await calculator.callTool('add', { a: Number(add[1]), b: Number(add[2]) }, { signal: context.signal });
      const text = result.content.map((c) => (c.type === 'text' ? String(c.text) : '')).join('');
      return new Message({ content: `${add[1]} + ${add[2]} = ${text}` }).send();
    }
    const lines = [...context.session.mcp.values()].map((c) => `- **${c.name}** (${c.clientType}): ${c.tools.map((t) => `\`${t.name}\``).join(', ')}`);
    await new Message({ content: lines.length > 0 ? lines.join('\n') : 'No MCP server connected.' }).send();
  },
});
