import type { AskSpec, CommandDict, FileRecord, UserDict } from '../wire.js';
import type { WidgetDict } from '../settings/widgets.js';

/** The serialisable part of a session, as kept by a SessionStore (memory or Redis). */
export interface SessionRecord {
  id: string;
  clientType: string;
  user: UserDict | null;
  /** Proof of browser for anonymous apps: the value of the httpOnly binding cookie. */
  browserKey: string | null;
  userEnv: Record<string, string>;
  chatProfile: string | null;
  threadId: string;
  threadIdToResume: string | null;
  language: string;
  hasFirstInteraction: boolean;
  chatStarted: boolean;
  chatSettings: Record<string, unknown>;
  /** The chat-settings widgets last sent, against which submitted values are checked. */
  settingsWidgets: WidgetDict[];
  /** Commands last offered (manifest or setCommands); messages naming another are refused. */
  commands: CommandDict[] | null;
  files: Record<string, FileRecord>;
  /** JSON-serialisable values of userSession. */
  userSession: Record<string, unknown>;
  createdAt: string;
  /** Id of the instance that holds the session's socket; only it may end the session. */
  owner: string;
}

/** Persistence of session records; the registry keeps the live (non-serialisable) half. */
export interface SessionStore {
  get(id: string): Promise<SessionRecord | undefined>;
  set(record: SessionRecord, ttlSeconds: number): Promise<void>;
  touch(id: string, ttlSeconds: number): Promise<void>;
  delete(id: string): Promise<void>;
  close(): Promise<void>;
}

/** What the REST layer may see of a live session. */
export interface SessionHandle {
  readonly id: string;
  readonly user: UserDict | null;
  readonly browserKey: string | null;
  readonly files: Map<string, FileRecord>;
  /** Pending file-ask specs by the ask message's `parentId` (PROTOCOL.md §4.7). */
  readonly fileSpecs: Map<string, Extract<AskSpec, { type: 'file' }>>;
  /** How many files were uploaded so far for each pending file ask (its max_files is enforced). */
  readonly fileSpecUploads: Map<string, number>;
  readonly chatProfile: string | null;
}
