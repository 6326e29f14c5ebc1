import { currentContext } from '../context.js';
import type { ToastType } from '../session/output.js';
import type { CommandDict, ModeDict, UserDict } from '../wire.js';
import type { Step } from './step.js';
import type { McpConnection } from './mcp.js';
import type { Session } from '../session/session.js';

/** What plugins may read about the current session. */
export interface ChatSessionInfo {
  readonly id: string;
  readonly threadId: string;
  readonly user: UserDict | null;
  readonly chatProfile: string | null;
  readonly clientType: string;
  readonly language: string;
  readonly userEnv: Readonly<Record<string, string>>;
  /**
   * The session's MCP connections by name (Chainlit's `mcp_sessions`): servers of
   * `mcp.servers` and those the user added in the MCP dialog.
   */
  readonly mcp: ReadonlyMap<string, McpConnection>;
}

/** What plugins see of a session (`context.session`, the second argument of the MCP hooks). */
export function chatSessionInfo(session: Session): ChatSessionInfo {
  return {
    id: session.id,
    threadId: session.threadId,
    user: session.user,
    chatProfile: session.chatProfile,
    clientType: session.clientType,
    language: session.language,
    userEnv: session.userEnv,
    mcp: session.mcp.view,
  };
}

/** A mode picker of the composer; `default` marks the option chosen at first (else the first one). */
export interface ModeInput {
  id: string;
  name: string;
  options: Array<{ id: string; name: string; description?: string; icon?: string; default?: boolean }>;
}

/** The wire form of a mode: every option says whether it is the default (PROTOCOL.md §5.11). */
function modeDict(mode: ModeInput): ModeDict {
  return {
    id: mode.id,
    name: mode.name,
    options: mode.options.map((o) => ({ id: o.id, name: o.name, description: o.description ?? null, icon: o.icon ?? null, default: o.default ?? false })),
  };
}

/** A piece of speech for the UI to play (`sendAudioChunk`). */
export interface OutputAudioChunk {
  /** Chunks of one track play one after another; after `sendAudioInterrupt` the UI drops the rest of the track that was playing, so give each reply a new track id. */
  track: string;
  /** 16-bit little-endian mono PCM at 24 kHz. */
  data: Buffer | Uint8Array | ArrayBuffer;
  /** Default `pcm16`. */
  mimeType?: string;
}

/** Things a plugin can tell the UI outside of messages. */
export interface ChatEmitter {
  /** Replaces the commands offered in the composer (`/` picker and buttons). */
  setCommands(commands: CommandDict[]): Promise<void>;
  /** Replaces the mode pickers of the composer. */
  setModes(modes: ModeInput[]): Promise<void>;
  sendToast(message: string, type?: ToastType): Promise<void>;
  sendWindowMessage(data: unknown): Promise<void>;
  /** Plays speech in the UI (`audio_chunk`); see OutputAudioChunk. */
  sendAudioChunk(chunk: OutputAudioChunk): Promise<void>;
  /** Stops the speech playing in the UI (`audio_interrupt`). */
  sendAudioInterrupt(): Promise<void>;
  /** Opens (`on`) or closes (`off`) the user's microphone and the player (`audio_connection`). */
  updateAudioConnection(state: 'on' | 'off'): Promise<void>;
}

function pcmBuffer(data: OutputAudioChunk['data']): Buffer {
  if (Buffer.isBuffer(data)) return data;
  if (data instanceof ArrayBuffer) return Buffer.from(data);
  if (data instanceof Uint8Array) return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  throw new TypeError('sendAudioChunk: data must be a Buffer, a Uint8Array or an ArrayBuffer of 16-bit PCM');
}

/**
 * The implicit context of the running hook (Chainlit's `cl.context`).
 *
 * @example
 * ```ts
 * await context.emitter.setCommands([{ id: 'search', icon: 'globe', description: 'Search the web' }]);
 * ```
 */
export const context = {
  get session(): ChatSessionInfo {
    return chatSessionInfo(currentContext().session);
  },
  get emitter(): ChatEmitter {
    const { emitter } = currentContext();
    return {
      async setCommands(commands) { emitter.setCommands(commands); },
      async setModes(modes) { emitter.setModes(modes.map(modeDict)); },
      async sendToast(message, type = 'info') { emitter.sendToast(message, type); },
      async sendWindowMessage(data) { emitter.sendWindowMessage(data); },
      async sendAudioChunk(chunk) {
        if (typeof chunk?.track !== 'string' || chunk.track === '') throw new TypeError('sendAudioChunk: track must be a non-empty string');
        // Binary on the wire (a Socket.IO attachment), as the UI's player requires.
        emitter.emit('audio_chunk', { track: chunk.track, mimeType: chunk.mimeType ?? 'pcm16', data: pcmBuffer(chunk.data) });
      },
      async sendAudioInterrupt() { emitter.emit('audio_interrupt', {}); },
      async updateAudioConnection(state) { emitter.emit('audio_connection', state); },
    };
  },
  /**
   * Aborted when the user presses stop: pass it to `fetch`, an LLM client or anything
   * long-running so the work stops with the task.
   *
   * @example
   * ```ts
   * const res = await fetch(url, { signal: context.signal });
   * ```
   */
  get signal(): AbortSignal {
    return currentContext().signal;
  },
  /**
   * The step running around this code (Chainlit's `cl.context.current_step`): inside a
   * `step()`-wrapped function or a `Step.run` callback it is that step, so code deep in a
   * call chain can stream into it or set its input, output, tags and metadata; new steps
   * and messages nest under it. In a hook it is the hook's own run step (e.g. `on_message`),
   * outside any step `null`.
   *
   * @example
   * ```ts
   * const search = step({ type: 'tool' }, async (query: string) => {
   *   const current = context.currentStep!;
   *   current.tags = ['web'];
   *   await current.streamToken('searching… ');
   *   return find(query);
   * });
   * ```
   */
  get currentStep(): Step | null {
    return currentContext().currentStep;
  },
  /** The `config` object of the chat profile's plugin entry in the manifest ({} when none). */
  get config(): Readonly<Record<string, unknown>> {
    const { session } = currentContext();
    return session.runtime.plugins().profilePlugin(session.chatProfile)?.config ?? {};
  },
};
