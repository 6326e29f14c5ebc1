/**
 * The MCP servers the user added in the #mcp-servers dialog (PROTOCOL.md §4.8). They are
 * kept in localStorage and posted again after every socket connect (a new session has no
 * connections), each marked connected or failed from the answer.
 */
import { ClientError, type Api } from './api.js';
import { Store } from './store.js';

export type McpClientType = 'stdio' | 'sse' | 'streamable-http';

export interface McpServerEntry {
  name: string;
  clientType: McpClientType;
  command?: string;
  url?: string;
  headers?: Record<string, string>;
  status: 'connecting' | 'connected' | 'failed';
  tools: Array<{ name: string; description?: string }>;
  error?: string;
}

export interface McpState {
  servers: McpServerEntry[];
}

const STORAGE_KEY = 'chainlit-rt-mcp-servers';

type Saved = Pick<McpServerEntry, 'name' | 'clientType' | 'command' | 'url' | 'headers'>;

function load(): Saved[] {
  try {
    const parsed: unknown = JSON.parse(window.localStorage.getItem(STORAGE_KEY) ?? '[]');
    return Array.isArray(parsed) ? (parsed as Saved[]).filter((s) => s && typeof s.name === 'string') : [];
  } catch {
    return [];
  }
}

function errorText(err: unknown): string {
  if (err instanceof ClientError && typeof err.detail === 'string') return err.detail;
  return err instanceof Error ? err.message : String(err);
}

interface ConnectReply {
  success: boolean;
  mcp: { name: string; tools: Array<{ name: string; description?: string }> };
}

export class McpServers {
  readonly store = new Store<McpState>({ servers: load().map((s) => ({ ...s, status: 'connecting', tools: [] })) });

  constructor(
    private readonly api: Api,
    private readonly sessionId: () => string,
  ) {}

  private save(): void {
    const saved: Saved[] = this.store.get().servers.map(({ name, clientType, command, url, headers }) => ({ name, clientType, command, url, headers }));
    try {
      window.localStorage.setItem(STORAGE_KEY, JSON.stringify(saved));
    } catch {
      // Private mode: the servers last for this page only.
    }
  }

  private put(entry: McpServerEntry): void {
    this.store.set((s) => {
      const i = s.servers.findIndex((x) => x.name === entry.name);
      const servers = [...s.servers];
      if (i === -1) servers.push(entry);
      else servers[i] = entry;
      return { servers };
    });
  }

  private async post(entry: Saved): Promise<McpServerEntry> {
    const body = entry.clientType === 'stdio'
      ? { sessionId: this.sessionId(), clientType: 'stdio', name: entry.name, fullCommand: entry.command ?? '' }
      : { sessionId: this.sessionId(), clientType: entry.clientType, name: entry.name, url: entry.url ?? '', headers: entry.headers ?? {} };
    try {
      const reply = await this.api.post<ConnectReply>('/mcp', body);
      return { ...entry, status: reply.success ? 'connected' : 'failed', tools: reply.mcp.tools };
    } catch (err) {
      return { ...entry, status: 'failed', tools: [], error: errorText(err) };
    }
  }

  /**
   * Adds (or replaces) a server. Resolves to the error text when the server refused it:
   * a refused new server is not kept, so the form can show why and keep its fields.
   */
  async add(entry: Saved): Promise<string | null> {
    const result = await this.post(entry);
    if (result.status === 'failed') return result.error ?? 'Failed';
    this.put(result);
    this.save();
    return null;
  }

  async remove(name: string): Promise<string | null> {
    try {
      await this.api.delete('/mcp', { sessionId: this.sessionId(), name });
    } catch (err) {
      return errorText(err);
    } finally {
      this.store.set((s) => ({ servers: s.servers.filter((x) => x.name !== name) }));
      this.save();
    }
    return null;
  }

  /** After each socket connect: the session is new (or restored), connect every saved server again. */
  async reconnectAll(): Promise<void> {
    const saved = this.store.get().servers;
    for (const entry of saved) this.put({ ...entry, status: 'connecting', error: undefined });
    await Promise.all(saved.map(async (entry) => this.put(await this.post(entry))));
  }
}
