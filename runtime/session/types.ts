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
  /** Keeps the record (and its owner) from expiring. */
  touch(id: string, ttlSeconds: number): Promise<void>;
  /** Deletes the record and its owner. */
  delete(id: string): Promise<void>;
  /**
   * Makes `instance` the owner of the session — the one instance that runs its handlers —
   * if the owner is `expected` now (null: nobody). Atomic: of two instances claiming the
   * same session, one wins.
   */
  claim(id: string, instance: string, expected: string | null, ttlSeconds: number): Promise<boolean>;
  /** The instance that owns the session, or null. */
  owner(id: string): Promise<string | null>;
  /** The sessions an instance owned (to end them when that instance died). */
  ownedBy(instance: string): Promise<string[]>;
  /** Forgets an instance's list of sessions. */
  forgetInstance(instance: string): Promise<void>;
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
