import type { AskSpec, CommandDict, FileRecord, UserDict } from '../wire.js';
import type { WidgetDict } from '../settings/widgets.js';
import type { SessionHandle, SessionRecord } from './types.js';
import type { SessionOutput } from './output.js';
import type { SessionRecorder } from './recorder.js';
import { SessionTasks } from './tasks.js';
import type { ChatMessage } from './chat-context.js';
import type { Logger } from '../log.js';
import type { Manifest } from '../manifest/index.js';
import type { PluginRegistry } from '../plugins/registry.js';
import type { FileStorage } from '../storage/types.js';
import { SessionMcp } from '../integrations/mcp/session-mcp.js';

/** What SDK objects reach through their session: the app as it is configured right now. */
export interface SessionRuntime {
  /** Effective config of this session (its chat profile's overrides applied). */
  config(): Readonly<Manifest>;
  plugins(): PluginRegistry;
  readonly logger: Logger;
  readonly storage: FileStorage;
  /** The app root (folder of the manifest): element `path` options resolve against it. */
  appRoot(): string;
  /** Marks the first interaction (thread initialisation) if it has not happened yet. */
  firstInteraction(session: Session, interaction: string): void;
}

/** An ask waiting for the user; `stop` cancels it. */
export interface PendingAsk {
  readonly stepId: string;
  cancel(): void;
}

/** What a live session is given by the layers above it. */
export interface SessionDeps {
  readonly runtime: SessionRuntime;
  /** Builds the session's output channel (the realtime layer's emitter). */
  output(session: Session): SessionOutput;
  /** Builds what persists the session (null without a data layer). */
  recorder?(session: Session): SessionRecorder | null;
}

/**
 * A live chat session: the serialisable record (what a SessionStore keeps) plus what only
 * this process can hold (its tasks, pending ask, non-JSON userSession values). It knows no
 * transport: it reaches its client through the `SessionOutput` it is given.
 */
export class Session implements SessionHandle {
  readonly id: string;
  clientType: string;
  user: UserDict | null;
  browserKey: string | null;
  userEnv: Record<string, string>;
  chatProfile: string | null;
  threadId: string;
  threadIdToResume: string | null;
  language: string;
  hasFirstInteraction: boolean;
  chatStarted: boolean;
  chatSettings: Record<string, unknown>;
  settingsWidgets: WidgetDict[];
  commands: CommandDict[] | null;
  readonly files: Map<string, FileRecord>;
  readonly fileSpecs = new Map<string, Extract<AskSpec, { type: 'file' }>>();
  readonly fileSpecUploads = new Map<string, number>();
  readonly userSession: Map<string, unknown>;
  readonly chatContext: ChatMessage[] = [];
  /** Connected MCP servers by name (this process only; closed when the session ends). */
  readonly mcp = new SessionMcp();
  readonly createdAt: string;
  owner: string;

  /** True once the session was re-bound to a new socket (reconnect). */
  restored = false;
  /** Set by `clear_session`: delete at disconnect instead of after session_timeout. */
  toClear = false;
  /** Set when the session really ended (onChatEnd ran); a late event must not revive it. */
  ended = false;
  resumeAttempted = false;
  pendingAsk: PendingAsk | null = null;
  readonly runtime: SessionRuntime;
  readonly emitter: SessionOutput;
  /** Persists what the session sends (null without a data layer). */
  readonly recorder: SessionRecorder | null;
  /** Every task of the session: turns in order, side work beside them (see tasks.ts). */
  readonly tasks: SessionTasks;

  constructor(record: SessionRecord, deps: SessionDeps) {
    this.id = record.id;
    this.clientType = record.clientType;
    this.user = record.user;
    this.browserKey = record.browserKey;
    this.userEnv = record.userEnv;
    this.chatProfile = record.chatProfile;
    this.threadId = record.threadId;
    this.threadIdToResume = record.threadIdToResume;
    this.language = record.language;
    this.hasFirstInteraction = record.hasFirstInteraction;
    this.chatStarted = record.chatStarted;
    this.chatSettings = record.chatSettings;
    this.settingsWidgets = record.settingsWidgets ?? [];
    this.commands = record.commands ?? null;
    this.files = new Map(Object.entries(record.files));
    this.userSession = new Map(Object.entries(record.userSession));
    this.createdAt = record.createdAt;
    this.owner = record.owner;
    this.runtime = deps.runtime;
    this.emitter = deps.output(this);
    this.recorder = deps.recorder?.(this) ?? null;
    this.tasks = new SessionTasks(this.emitter, { started: record.chatStarted });
  }

  /** The JSON-serialisable part; values that do not survive JSON stay in this process only. */
  toRecord(): SessionRecord {
    const userSession: Record<string, unknown> = {};
    for (const [key, value] of this.userSession) {
      if (isJsonSafe(value)) userSession[key] = value;
    }
    return {
      id: this.id,
      clientType: this.clientType,
      user: this.user,
      browserKey: this.browserKey,
      userEnv: this.userEnv,
      chatProfile: this.chatProfile,
      threadId: this.threadId,
      threadIdToResume: this.threadIdToResume,
      language: this.language,
      hasFirstInteraction: this.hasFirstInteraction,
      chatStarted: this.chatStarted,
      chatSettings: this.chatSettings,
      settingsWidgets: this.settingsWidgets,
      commands: this.commands,
      files: Object.fromEntries(this.files),
      userSession,
      createdAt: this.createdAt,
      owner: this.owner,
    };
  }
}

export function isJsonSafe(value: unknown, depth = 0): boolean {
  if (depth > 32) return false;
  if (value === null) return true;
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      return Number.isFinite(value);
    case 'object': {
      if (Array.isArray(value)) return value.every((v) => isJsonSafe(v, depth + 1));
      const proto = Object.getPrototypeOf(value);
      if (proto !== Object.prototype && proto !== null) return false;
      return Object.values(value as Record<string, unknown>).every((v) => isJsonSafe(v, depth + 1));
    }
    default:
      return false;
  }
}
