import { currentContext, throwIfCancelled } from '../context.js';
import { initialValues, type WidgetDict } from '../settings/widgets.js';
import type { InputWidget } from './inputs/index.js';

/**
 * The settings panel of the chat (Chainlit's `cl.ChatSettings`). `send()` shows the form,
 * resets the session's values to the widgets' initial values and returns them; later
 * changes arrive in `onSettingsUpdate` (on confirm) and `onSettingsEdit` (live), already
 * checked against these widgets, and are kept in `userSession.get('chat_settings')`.
 *
 * @example
 * ```ts
 * const settings = await new ChatSettings([
 *   new Select({ id: 'model', label: 'Model', values: ['small', 'large'], initialIndex: 0 }),
 *   new Slider({ id: 'temperature', label: 'Temperature', min: 0, max: 2, step: 0.1, initial: 1 }),
 * ]).send();
 * ```
 */
export class ChatSettings {
  constructor(readonly inputs: InputWidget[]) {}

  toDicts(): WidgetDict[] {
    return this.inputs.map((input) => input.toDict());
  }

  async send(): Promise<Record<string, unknown>> {
    const ctx = currentContext();
    throwIfCancelled(ctx);
    const widgets = this.toDicts();
    ctx.session.settingsWidgets = widgets;
    ctx.session.chatSettings = initialValues(widgets);
    ctx.emitter.setChatSettings(widgets);
    return { ...ctx.session.chatSettings };
  }
}
