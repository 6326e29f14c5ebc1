import type { AuthService } from './auth/service.js';
import type { Logger } from './log.js';
import type { LoadedManifest } from './manifest/index.js';
import type { PluginRegistry } from './plugins/registry.js';
import type { DataLayer } from './data/types.js';
import type { FileStorage, ObjectStorage } from './storage/types.js';
import type { SessionHandle } from './session/types.js';
import type { ActionDict, UserDict } from './wire.js';
import type { AppMetrics } from './metrics.js';
import type { ReadyReport } from './readiness.js';
import type { McpConnectReply, McpConnectRequest } from './integrations/mcp/service.js';

/** What the probe and metrics routes read (runtime/app.ts builds it). */
export interface OpsView {
  /** Readiness: the registered probes, and not draining. */
  ready(): Promise<ReadyReport>;
  /** The app's metrics; null when `server.metrics` is off. */
  readonly metrics: AppMetrics | null;
  /** Path of the metrics page on the app's port; null when off or served on a port of its own. */
  readonly metricsPath: string | null;
}

/**
 * What the HTTP layer and the realtime layer share, built once by runtime/app.ts.
 * Getters return the *current* value so hot reload can swap manifest and plugins.
 */
export interface RuntimeServices {
  readonly logger: Logger;
  /** The manifest currently in force (hot reload swaps it). */
  manifest(): LoadedManifest;
  /** The plugin registry currently in force (hot reload swaps it). */
  plugins(): PluginRegistry;
  /** Mount path without trailing slash, '' when mounted at the root. */
  readonly rootPath: string;
  /** Folder of the built web UI (may not exist: a placeholder page is served then). */
  readonly uiDist: string;
  readonly storage: FileStorage;
  /** Where persisted element files go (`storage.kind`). */
  readonly objectStorage: ObjectStorage;
  /**
   * The data layer (built-in SQL, or a plugin's), opened and migrated at start; null with
   * `data_layer.enabled: false`. Sessions do not write to it yet.
   */
  readonly dataLayer: DataLayer | null;
  /** Live sessions of this instance by session id. */
  session(id: string): SessionHandle | undefined;
  /** Resolves once the writes queued for a thread so far are done (bounded; reads that follow see them). */
  drainWrites?(threadId: string): Promise<void>;
  /** The base URL of the instance that runs a session, when that is another live one (else null). */
  ownerUrl(sessionId: string): Promise<string | null>;
  /** Runs an action callback in the session's context (POST /project/action). */
  runAction(sessionId: string, action: ActionDict): Promise<unknown>;
  /**
   * MCP connections of a live session (POST and DELETE /mcp); absent in bare HTTP fixtures
   * (the routes then answer 404 as for an unknown session).
   */
  readonly mcp?: {
    connect(sessionId: string, request: McpConnectRequest): Promise<McpConnectReply>;
    /** Resolves whether there was such a connection. */
    disconnect(sessionId: string, name: string): Promise<boolean>;
  };
  /** Name of the cookie binding anonymous sessions to a browser. */
  readonly browserCookie: string;
  /** Login methods, tokens and cookies (runtime/auth). */
  readonly auth: AuthService;
  /**
   * The caller's user, or null when login is off; rejects with a 401 HttpError when login
   * is on and no valid token comes with the request (or `handshakeToken`, for sockets).
   */
  currentUser(headers: Record<string, string | string[] | undefined>, handshakeToken?: string): Promise<UserDict | null>;
  /** Readiness and metrics; absent in bare HTTP fixtures (then /ready has nothing to check). */
  readonly ops?: OpsView;
}
