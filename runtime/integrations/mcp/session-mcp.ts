import type { McpConnection } from '../../sdk/mcp.js';

/** What the session needs of a connection to end it. */
export interface ClosableMcpConnection extends McpConnection {
  close(): Promise<void>;
}

/**
 * The MCP connections of one session, by name (Chainlit's `mcp_sessions`). They live in
 * this process only (a child process or an HTTP session cannot move), and are closed when
 * the session ends, is handed to another instance, or the server stops.
 */
export class SessionMcp {
  private readonly connections = new Map<string, ClosableMcpConnection>();

  /** Read-only view for plugins (`context.session.mcp`). */
  get view(): ReadonlyMap<string, McpConnection> {
    return this.connections;
  }

  get(name: string): ClosableMcpConnection | undefined {
    return this.connections.get(name);
  }

  names(): string[] {
    return [...this.connections.keys()];
  }

  all(): ClosableMcpConnection[] {
    return [...this.connections.values()];
  }

  set(connection: ClosableMcpConnection): void {
    this.connections.set(connection.name, connection);
  }

  /** Forgets and closes one connection; false when there was none by that name. */
  async remove(name: string): Promise<boolean> {
    const connection = this.connections.get(name);
    if (!connection) return false;
    this.connections.delete(name);
    await connection.close();
    return true;
  }

  /** Closes every connection (session end, takeover, shutdown). */
  async closeAll(): Promise<void> {
    const all = this.all();
    this.connections.clear();
    await Promise.all(all.map((c) => c.close().catch(() => undefined)));
  }
}
