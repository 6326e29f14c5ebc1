import { currentContext } from '../context.js';
import { ToolRegistry, registerToolSource, type OpenAITool, type ToolResult, type ToolSource } from '../integrations/tools/registry.js';

/**
 * The tools a model may call in this session: every plugin's `tools` plus registered
 * sources (MCP servers). Names are unique across sources (a clash is `CRT_TOOL_CONFLICT`).
 *
 * @example
 * ```ts
 * const defs = await tools.definitions(['calculator']);   // OpenAI `tools: [...]`
 * const result = await tools.call('calculator', '{"expression":"2+2"}'); // a `tool` step
 * // result: { content: '4', isError: false }
 * ```
 */
export const tools = {
  /** Tool names available in this session. */
  async names(): Promise<string[]> {
    return (await ToolRegistry.forSession(currentContext().session)).names();
  },
  /** OpenAI tool definitions, all or only `names` (an unknown name throws `CRT_NOT_FOUND`). */
  async definitions(names?: readonly string[]): Promise<OpenAITool[]> {
    return (await ToolRegistry.forSession(currentContext().session)).definitions(names);
  },
  /**
   * Runs a call as a model made it (`args`: its JSON text, or an object), shown as a `tool`
   * step. Invalid arguments and throwing tools give `isError: true` and an `Error: …` text.
   */
  async call(name: string, args: string | Record<string, unknown>): Promise<ToolResult> {
    const ctx = currentContext();
    const registry = await ToolRegistry.forSession(ctx.session);
    return registry.call(ctx.session, name, typeof args === 'string' ? args : JSON.stringify(args), ctx.signal);
  },
  /** Adds a tool source (e.g. an MCP connection) for all sessions; returns its removal. */
  register(source: ToolSource): () => void {
    return registerToolSource(source);
  },
};
