import { contextFor, runInContext } from '../../context.js';
import { ChainlitRtError, HttpError } from '../../errors.js';
import { callHook, hasHook } from '../../realtime/invoke.js';
import { chatSessionInfo } from '../../sdk/context.js';
import type { Session } from '../../session/session.js';
import type { McpServerConfig } from '../../manifest/types.gen.js';
import type { McpServerSpec, OpenMcpConnection } from './connection.js';
import { resolveStdioCommand, splitCommand } from './stdio-command.js';

/** A `POST /mcp` body after validation (PROTOCOL.md §4.8). */
export type McpConnectRequest =
  | { name: string; clientType: 'stdio'; fullCommand: string }
  | { name: string; clientType: 'sse' | 'streamable-http'; url: string; headers: Record<string, string> };

/** The `mcp` object of the `POST /mcp` reply. */
export interface McpConnectReply {
  name: string;
  tools: Array<{ name: string; description: string }>;
  clientType: McpConnectRequest['clientType'];
  command: string | null;
  url: string | null;
  headers: Record<string, string> | null;
}

function message(err: unknown): string {
  return err instanceof Error ? err.message || err.name : String(err);
}

/** Runs an MCP hook of the session's plugins in its context; a throw propagates. */
async function runHook(session: Session, hook: 'onMcpConnect' | 'onMcpDisconnect', first: OpenMcpConnection | string): Promise<void> {
  if (!hasHook(session, hook)) return;
  const info = chatSessionInfo(session);
  await runInContext(contextFor(session), () =>
    hook === 'onMcpConnect' ? callHook(session, hook, first as OpenMcpConnection, info) : callHook(session, hook, first as string, info));
}

/**
 * Disconnects a server: its disconnect hook, then the connection closes (also when the hook
 * threw: the child process and HTTP session never outlive the request). Resolves false when
 * no such connection exists; rejects with a 400 when the hook failed.
 */
export async function disconnectServer(session: Session, name: string): Promise<boolean> {
  if (!session.mcp.get(name)) return false;
  let failure: unknown;
  try {
    await runHook(session, 'onMcpDisconnect', name);
  } catch (err) {
    failure = err;
  }
  await session.mcp.remove(name);
  if (failure !== undefined) throw new HttpError(400, `Could not disconnect from the MCP: ${message(failure)}`, 'CRT_HOOK_FAILED');
  return true;
}

/**
 * Connects a server to the session: one of the same name is disconnected first, then the
 * connection opens (handshake, tool list) and the connect hook runs; a failure of either
 * closes what was opened and becomes a 400 that says why.
 */
export async function connectServer(session: Session, spec: McpServerSpec, trusted: boolean): Promise<OpenMcpConnection> {
  await disconnectServer(session, spec.name);
  const features = session.runtime.config().features.mcp;
  let connection: OpenMcpConnection;
  try {
    // The MCP SDK and undici load on first use (most apps never connect a server; ~0.8 s).
    const { openConnection } = await import('./connection.js');
    connection = await openConnection(spec, {
      trusted,
      allowPrivate: features.allow_private_addresses ?? false,
      logger: session.runtime.logger,
    });
  } catch (err) {
    throw new HttpError(400, `Could not connect to the MCP: ${message(err)}`, err instanceof ChainlitRtError && err.code === 'CRT_MCP_REFUSED' ? 'CRT_MCP_REFUSED' : 'CRT_NOT_FOUND');
  }
  if (session.ended) {
    await connection.close();
    throw new HttpError(404, 'Session not found', 'CRT_SESSION_NOT_FOUND');
  }
  // Two connects of one name at once: the later one wins, the earlier closes.
  await session.mcp.remove(spec.name);
  session.mcp.set(connection);
  try {
    await runHook(session, 'onMcpConnect', connection);
  } catch (err) {
    await session.mcp.remove(spec.name);
    throw new HttpError(400, `Could not connect to the MCP: ${message(err)}`, 'CRT_HOOK_FAILED');
  }
  return connection;
}

/** Connections a session may hold: each may be a child process, so a user cannot start hundreds. */
export const MAX_CONNECTIONS_PER_SESSION = 20;

/**
 * A client's `POST /mcp`: the feature switches of the session's profile, then the security
 * policy — stdio runs only an allowed executable, without a shell and without any
 * environment from the client; HTTP URLs go through the address policy (connection.ts).
 */
export async function connectFromClient(session: Session, request: McpConnectRequest): Promise<McpConnectReply> {
  const features = session.runtime.config().features.mcp;
  if (features.enabled !== true) throw new HttpError(400, 'This app does not support MCP.', 'CRT_MCP_REFUSED');
  if (!session.mcp.get(request.name) && session.mcp.names().length >= MAX_CONNECTIONS_PER_SESSION) {
    throw new HttpError(400, `Too many MCP servers in this session (at most ${MAX_CONNECTIONS_PER_SESSION}); remove one first`, 'CRT_MCP_REFUSED');
  }
  let spec: McpServerSpec;
  if (request.clientType === 'stdio') {
    if (features.stdio.enabled === false) throw new HttpError(400, 'Stdio MCP is not enabled', 'CRT_MCP_REFUSED');
    const { command, args } = resolveStdioCommand(request.fullCommand, features.stdio.allowed_executables ?? []);
    spec = { name: request.name, clientType: 'stdio', command, args, env: {}, fullCommand: request.fullCommand };
  } else {
    const enabled = request.clientType === 'sse' ? features.sse.enabled : features.streamable_http.enabled;
    if (enabled === false) throw new HttpError(400, request.clientType === 'sse' ? 'SSE MCP is not enabled' : 'HTTP MCP is not enabled', 'CRT_MCP_REFUSED');
    spec = { name: request.name, clientType: request.clientType, url: request.url, headers: request.headers };
  }
  const connection = await connectServer(session, spec, false);
  return {
    name: connection.name,
    tools: connection.tools.map((t) => ({ name: t.name, description: t.description })),
    clientType: request.clientType,
    command: request.clientType === 'stdio' ? request.fullCommand : null,
    url: request.clientType === 'stdio' ? null : request.url,
    headers: request.clientType === 'stdio' ? null : request.headers,
  };
}

function defined(map: Record<string, string | undefined> | undefined): Record<string, string> {
  return Object.fromEntries(Object.entries(map ?? {}).filter((e): e is [string, string] => e[1] !== undefined));
}

/** A server of the manifest's `mcp.servers` as a spec: the author's command is split without a shell too. */
export function declaredSpec(name: string, server: McpServerConfig, appRoot: string): McpServerSpec {
  if (server.command !== undefined && server.client_type !== 'sse' && server.client_type !== 'streamable-http') {
    const [command, ...args] = splitCommand(server.command);
    if (!command) throw new ChainlitRtError('CRT_CONFIG', `mcp.servers.${name}.command is empty`, { expose: true });
    return { name, clientType: 'stdio', command, args: [...args, ...(server.args ?? [])], env: defined(server.env), cwd: appRoot, fullCommand: server.command };
  }
  return { name, clientType: server.client_type === 'sse' ? 'sse' : 'streamable-http', url: server.url ?? '', headers: defined(server.headers) };
}

/**
 * Connects the manifest's `mcp.servers` to a new session (at chat start, before
 * `onChatStart`, so it finds them). They are trusted: the app author chose them. A server
 * that fails is logged and the user warned; the chat starts without it.
 */
export async function connectDeclaredServers(session: Session): Promise<void> {
  const servers = Object.entries(session.runtime.config().mcp.servers ?? {});
  await Promise.all(servers.map(async ([name, server]) => {
    if (!server) return;
    try {
      await connectServer(session, declaredSpec(name, server, session.runtime.appRoot()), true);
    } catch (err) {
      session.runtime.logger.warn({ err, sessionId: session.id, server: name }, 'could not connect a declared MCP server');
      session.emitter.sendToast(`MCP server "${name}" is unavailable: ${message(err)}`, 'warning');
    }
  }));
}
