import type { Session } from '../../session/session.js';
import { callHook } from '../invoke.js';
import { runTask } from '../tasks.js';

/** `chat_settings_change`: store the values, then onSettingsUpdate (as a task). */
export function onSettingsChange(session: Session, values: Record<string, unknown>, save: () => Promise<void>): void {
  session.chatSettings = { ...session.chatSettings, ...values };
  void save();
  void runTask(session, 'onSettingsUpdate', () => callHook(session, 'onSettingsUpdate', values), { cancellable: false });
}

/** `chat_settings_edit`: live changes before submit; the stored values stay as they are. */
export function onSettingsEdit(session: Session, values: Record<string, unknown>): void {
  void runTask(session, 'onSettingsEdit', () => callHook(session, 'onSettingsEdit', values), { cancellable: false });
}
