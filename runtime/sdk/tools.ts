import { currentContext } from '../context.js';
import { ToolRegistry, registerToolSource, type OpenAITool, type ToolResult, type ToolSource } from '../integrations/tools/registry.js';

/** The tools of this session as listed once: reuse it for a whole turn (listing asks every source). */
export interface SessionTools {
  names(): string[];
  /** OpenAI tool definitions, all or only `names` (an unknown name throws `CRT_NOT_FOUND`). */
  definitions(names?: readonly string[]): OpenAITool[];
  /**
   * Runs a call as a model made it (`args`: its JSON text, or an object), shown as a `tool`
   * step. Invalid arguments and throwing tools give `isError: true` and an `Error: …` text.
   */
  call(name: string, args: string | Record<string, unknown>): Promise<ToolResult>;
}

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
  /** Lists every source once; the result serves a whole turn. */
  async load(): Promise<SessionTools> {
    const { session } = currentContext();
    const registry = await ToolRegistry.forSession(session);
    return {
      names: () => registry.names(),
      definitions: (names) => registry.definitions(names),
      call(name, args) {
        // The context of the call, not of load(): a tool step nests where it is called.
        return registry.call(session, name, typeof args === 'string' ? args : JSON.stringify(args), currentContext().signal);
      },
    };
  },
  /** Tool names available in this session. */
  async names(): Promise<string[]> {
    return (await tools.load()).names();
  },
  /** OpenAI tool definitions, all or only `names` (an unknown name throws `CRT_NOT_FOUND`). */
  async definitions(names?: readonly string[]): Promise<OpenAITool[]> {
    return (await tools.load()).definitions(names);
  },
  /** Runs one call (see {@link SessionTools.call}). */
  async call(name: string, args: string | Record<string, unknown>): Promise<ToolResult> {
    return (await tools.load()).call(name, args);
  },
  /** Adds a tool source (e.g. an MCP connection) for all sessions; returns its removal. */
  register(source: ToolSource): () => void {
    return registerToolSource(source);
  },
};
