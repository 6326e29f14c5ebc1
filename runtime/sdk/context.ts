import { currentContext } from '../context.js';
import type { ToastType } from '../session/output.js';
import type { CommandDict, ModeDict, UserDict } from '../wire.js';
import type { Step } from './step.js';

/** What plugins may read about the current session. */
export interface ChatSessionInfo {
  readonly id: string;
  readonly threadId: string;
  readonly user: UserDict | null;
  readonly chatProfile: string | null;
  readonly clientType: string;
  readonly language: string;
  readonly userEnv: Readonly<Record<string, string>>;
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

/** Things a plugin can tell the UI outside of messages. */
export interface ChatEmitter {
  /** Replaces the commands offered in the composer (`/` picker and buttons). */
  setCommands(commands: CommandDict[]): Promise<void>;
  /** Replaces the mode pickers of the composer. */
  setModes(modes: ModeInput[]): Promise<void>;
  sendToast(message: string, type?: ToastType): Promise<void>;
  sendWindowMessage(data: unknown): Promise<void>;
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
    const { session } = currentContext();
    return {
      id: session.id,
      threadId: session.threadId,
      user: session.user,
      chatProfile: session.chatProfile,
      clientType: session.clientType,
      language: session.language,
      userEnv: session.userEnv,
    };
  },
  get emitter(): ChatEmitter {
    const { emitter } = currentContext();
    return {
      async setCommands(commands) { emitter.setCommands(commands); },
      async setModes(modes) { emitter.setModes(modes.map(modeDict)); },
      async sendToast(message, type = 'info') { emitter.sendToast(message, type); },
      async sendWindowMessage(data) { emitter.sendWindowMessage(data); },
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
