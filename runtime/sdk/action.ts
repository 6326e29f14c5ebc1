import { randomUUID } from 'node:crypto';
import { currentContext, maybeContext, throwIfCancelled, type RuntimeContext } from '../context.js';
import type { ActionDict } from '../wire.js';

export interface ActionOptions {
  /** The callback that runs when the button is clicked: a key of a plugin's `actions`. */
  name: string;
  payload?: Record<string, unknown>;
  label?: string;
  tooltip?: string;
  /** A lucide icon name, e.g. `thumbs-up`. */
  icon?: string;
  /** Kept as given; the UI uses it as the button's DOM id. */
  id?: string;
}

/**
 * A button under a message. Clicking it runs the plugin callback registered under `name`.
 *
 * @example
 * ```ts
 * await new Message({ content: 'Pick one', actions: [new Action({ name: 'like', payload: { id: 1 }, label: 'Like' })] }).send();
 * ```
 */
export class Action {
  readonly id: string;
  readonly name: string;
  payload: Record<string, unknown>;
  label: string;
  tooltip: string;
  icon: string | null;
  forId: string | null = null;
  private ctx: RuntimeContext | undefined = maybeContext();

  constructor(options: ActionOptions) {
    this.id = options.id ?? randomUUID();
    this.name = options.name;
    this.payload = options.payload ?? {};
    this.label = options.label ?? '';
    this.tooltip = options.tooltip ?? '';
    this.icon = options.icon ?? null;
  }

  /** Rebuilds an action from what a client sent back. */
  static fromDict(dict: ActionDict): Action {
    const action = new Action({ id: dict.id, name: dict.name, payload: dict.payload, label: dict.label, tooltip: dict.tooltip, icon: dict.icon ?? undefined });
    action.forId = dict.forId ?? null;
    return action;
  }

  /** The action as it travels on the wire (`action` event). */
  toDict(): ActionDict {
    return { id: this.id, name: this.name, payload: this.payload, label: this.label, tooltip: this.tooltip, icon: this.icon, forId: this.forId };
  }

  /** @internal Sends the action attached to a message (Message.send calls this). */
  sendFor(forId: string, ctx: RuntimeContext = currentContext()): void {
    this.ctx = ctx;
    this.forId = forId;
    ctx.emitter.sendAction(this.toDict());
  }

  /** Removes the button from the UI. */
  async remove(): Promise<void> {
    const ctx = maybeContext() ?? this.ctx ?? currentContext();
    throwIfCancelled(ctx);
    ctx.emitter.removeAction({ id: this.id });
  }
}
