import type { Logger } from './log.js';
import type { LoadedManifest } from './manifest/index.js';
import type { PluginRegistry } from './plugins/registry.js';
import type { DataLayer } from './data/types.js';
import type { FileStorage, ObjectStorage } from './storage/types.js';
import type { SessionHandle } from './session/types.js';
import type { ActionDict, UserDict } from './wire.js';

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
  /** Runs an action callback in the session's context (POST /project/action). */
  runAction(sessionId: string, action: ActionDict): Promise<unknown>;
  /** Name of the cookie binding anonymous sessions to a browser. */
  readonly browserCookie: string;
  /** The current user of an HTTP request, or null when login is off (auth comes later). */
  currentUser(headers: Record<string, string | string[] | undefined>): Promise<UserDict | null>;
}
