import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { SSEClientTransport } from '@modelcontextprotocol/sdk/client/sse.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { Logger } from '../../log.js';
import type { McpClientType, McpConnection, McpTool, McpToolResult } from '../../sdk/mcp.js';
import type { PrivateAddressPolicy } from './address.js';
import { checkResolved, createGuardedFetch, type GuardedFetch } from './guarded-fetch.js';

/** A server to connect, after the policy checks (stdio words already resolved). */
export type McpServerSpec =
  | { name: string; clientType: 'stdio'; command: string; args: string[]; env: Record<string, string>; cwd?: string; fullCommand: string }
  | { name: string; clientType: 'sse' | 'streamable-http'; url: string; headers: Record<string, string> };

export interface OpenOptions {
  /** Declared by the app author in `mcp.servers`: no address policy. */
  trusted: boolean;
  /** `features.mcp.allow_private_addresses`, for client-chosen URLs. */
  allowPrivate: PrivateAddressPolicy;
  logger: Logger;
  /** Milliseconds the handshake and the first tool listing may take. */
  timeoutMs?: number;
}

const CLIENT_INFO = { name: 'chainlit-rt', version: '0.1.0' };

function toTool(tool: { name: string; description?: string; inputSchema: Record<string, unknown> }): McpTool {
  return { name: tool.name, description: tool.description ?? '', inputSchema: tool.inputSchema };
}

/** An open MCP connection: the SDK client, its transport and what closes them. */
export class OpenMcpConnection implements McpConnection {
  private closing: Promise<void> | null = null;

  constructor(
    readonly spec: McpServerSpec,
    readonly client: Client,
    private readonly transport: Transport,
    private readonly guard: GuardedFetch | null,
    public tools: McpTool[],
  ) {}

  get name(): string {
    return this.spec.name;
  }

  get clientType(): McpClientType {
    return this.spec.clientType;
  }

  /** The child process of a stdio server (null for the HTTP transports or once closed). */
  get pid(): number | null {
    return this.transport instanceof StdioClientTransport ? this.transport.pid : null;
  }

  async listTools(): Promise<McpTool[]> {
    const tools: McpTool[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.client.listTools(cursor ? { cursor } : undefined);
      tools.push(...page.tools.map(toTool));
      cursor = page.nextCursor;
    } while (cursor);
    this.tools = tools;
    return tools;
  }

  async callTool(name: string, args: Record<string, unknown> = {}, options: { signal?: AbortSignal } = {}): Promise<McpToolResult> {
    const result = await this.client.callTool({ name, arguments: args }, undefined, options.signal ? { signal: options.signal } : undefined);
    const content = Array.isArray(result.content) ? (result.content as Array<Record<string, unknown>>) : [];
    const structured = result.structuredContent as Record<string, unknown> | undefined;
    return { content, isError: result.isError === true, ...(structured ? { structuredContent: structured } : {}) };
  }

  /** Ends the session with the server: the child process exits (or is killed), HTTP sessions are terminated. Idempotent. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      if (this.transport instanceof StreamableHTTPClientTransport && this.transport.sessionId) {
        await this.transport.terminateSession().catch(() => undefined);
      }
      await this.client.close().catch(() => undefined);
      await this.guard?.close().catch(() => undefined);
    })();
    return this.closing;
  }
}

function transportFor(spec: McpServerSpec, options: OpenOptions, guard: GuardedFetch | null, logger: Logger): Transport {
  if (spec.clientType === 'stdio') {
    // The SDK spawns without a shell, with its minimal environment (HOME, PATH, …) plus `env`.
    const transport = new StdioClientTransport({ command: spec.command, args: spec.args, env: spec.env, cwd: spec.cwd, stderr: 'pipe' });
    transport.stderr?.on('data', (chunk: Buffer) => logger.debug({ server: spec.name, stderr: chunk.toString('utf8').trimEnd() }, 'MCP server stderr'));
    return transport;
  }
  const url = new URL(spec.url);
  const fetch = guard?.fetch;
  const requestInit = { headers: spec.headers };
  // With the guard, redirects are left to it: it follows each hop after checking it.
  const guarded = fetch ? { fetch, redirectPolicy: 'follow' as const } : {};
  if (spec.clientType === 'sse') return new SSEClientTransport(url, { requestInit, ...guarded });
  return new StreamableHTTPClientTransport(url, { requestInit, ...guarded });
}

/** Connects, initialises and lists the tools; on any failure everything opened is closed again. */
export async function openConnection(spec: McpServerSpec, options: OpenOptions): Promise<OpenMcpConnection> {
  let guard: GuardedFetch | null = null;
  if (spec.clientType !== 'stdio' && !options.trusted) {
    await checkResolved(new URL(spec.url), options.allowPrivate);
    guard = createGuardedFetch(options.allowPrivate);
  }
  const client = new Client(CLIENT_INFO);
  const transport = transportFor(spec, options, guard, options.logger);
  const connection = new OpenMcpConnection(spec, client, transport, guard, []);
  try {
    await client.connect(transport, { timeout: options.timeoutMs ?? 30_000 });
    await connection.listTools();
    return connection;
  } catch (err) {
    await connection.close();
    throw err;
  }
}
