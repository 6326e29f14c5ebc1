import { ChainlitRtError } from '../../errors.js';
import type { McpToolResult } from '../../sdk/mcp.js';
import type { ClosableMcpConnection, SessionMcp } from './session-mcp.js';

/** A tool as a model is offered it (an OpenAI function definition's parts). */
export interface SourceTool {
  name: string;
  description: string;
  /** JSON Schema of the arguments. */
  parameters: object;
}

/** Where a tool registry finds tools: this module's `mcpToolSource` is the MCP one. */
export interface ToolSource<S> {
  readonly id: string;
  list(session: S): Promise<SourceTool[]>;
  call(session: S, name: string, args: Record<string, unknown>, signal?: AbortSignal): Promise<unknown>;
}

/** Anything that carries MCP connections: the runtime's Session does. */
export interface WithMcp {
  readonly mcp: SessionMcp;
}

// OpenAI function names: letters, digits, `_` and `-`, at most 64 characters.
const UNSAFE = /[^a-zA-Z0-9_-]/g;

/**
 * Offered names of every tool of the session's connections, in connection order. A tool
 * keeps its own name; when an earlier server already offers that name, it is offered as
 * `<server>__<tool>` so that both stay callable.
 */
function offered(mcp: SessionMcp): Map<string, { connection: ClosableMcpConnection; tool: string; description: string; parameters: object }> {
  const byName = new Map<string, { connection: ClosableMcpConnection; tool: string; description: string; parameters: object }>();
  for (const connection of mcp.all()) {
    for (const tool of connection.tools) {
      let name = tool.name.replace(UNSAFE, '_').slice(0, 64);
      if (byName.has(name)) name = `${connection.name}__${tool.name}`.replace(UNSAFE, '_').slice(0, 64);
      if (byName.has(name)) continue;
      byName.set(name, { connection, tool: tool.name, description: tool.description, parameters: tool.inputSchema });
    }
  }
  return byName;
}

/** Text of a tool result for a model: its text blocks joined, else the result as JSON. */
export function resultForModel(result: McpToolResult): unknown {
  const texts = result.content.filter((c) => c.type === 'text' && typeof c.text === 'string').map((c) => c.text as string);
  if (texts.length === result.content.length && texts.length > 0) {
    const text = texts.join('\n');
    return result.isError ? `Error: ${text}` : text;
  }
  return result.structuredContent ?? result;
}

/**
 * The session's MCP tools as a tool source (the tool registry offers them to models).
 * `call` answers the result's text (or its structured content / the whole result when it
 * is not text); a tool that reports an error answers `Error: …` so the model can react.
 */
export const mcpToolSource: ToolSource<WithMcp> = {
  id: 'mcp',
  async list(session) {
    return [...offered(session.mcp)].map(([name, t]) => ({ name, description: t.description, parameters: t.parameters }));
  },
  async call(session, name, args, signal) {
    const target = offered(session.mcp).get(name);
    if (!target) throw new ChainlitRtError('CRT_NOT_FOUND', `No MCP tool named ${name} in this session`, { expose: true });
    const result = await target.connection.callTool(target.tool, args, signal ? { signal } : {});
    return resultForModel(result);
  },
};
