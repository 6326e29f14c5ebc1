import type { Client } from '@modelcontextprotocol/sdk/client/index.js';

/** How an MCP server is reached. */
export type McpClientType = 'stdio' | 'sse' | 'streamable-http';

/** A tool an MCP server offers. */
export interface McpTool {
  name: string;
  description: string;
  /** JSON Schema of the tool's arguments. */
  inputSchema: Record<string, unknown>;
}

/** What a tool call returned (MCP's `CallToolResult`). */
export interface McpToolResult {
  /** Content blocks: `{ type: 'text', text }`, images, resources… */
  content: Array<Record<string, unknown>>;
  /** True when the tool reported a failure (the call itself succeeded). */
  isError: boolean;
  structuredContent?: Record<string, unknown>;
}

/**
 * One MCP server connected to a session (Chainlit's `McpConnection` plus its client session).
 * Find the session's connections at `context.session.mcp` (a map by name); `onMcpConnect`
 * receives each new one.
 *
 * @example
 * ```ts
 * const weather = context.session.mcp.get('weather');
 * const result = await weather?.callTool('forecast', { city: 'Paris' });
 * ```
 */
export interface McpConnection {
  readonly name: string;
  readonly clientType: McpClientType;
  /** The tools listed when the connection opened. */
  readonly tools: readonly McpTool[];
  /** Lists the tools again (a server may change them). */
  listTools(): Promise<McpTool[]>;
  /** Calls a tool; `signal` aborts the call (pass `context.signal` to stop with the task). */
  callTool(name: string, args?: Record<string, unknown>, options?: { signal?: AbortSignal }): Promise<McpToolResult>;
  /** The MCP SDK's client, for resources, prompts and everything else. */
  readonly client: Client;
}
