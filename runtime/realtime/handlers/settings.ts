import type { Session } from '../../session/session.js';
import { callHook } from '../invoke.js';
import { runTask } from '../tasks.js';
import { settingsProblems } from '../../settings/validate.js';

/** Refuses values that do not fit the widgets the session was sent; the stored settings stay. */
function rejected(session: Session, values: Record<string, unknown>): boolean {
  const problems = settingsProblems(session.settingsWidgets, values, session.chatSettings);
  if (problems.length === 0) return false;
  session.runtime.logger.warn({ sessionId: session.id, problems }, 'rejected chat settings');
  session.emitter.sendToast(`Invalid settings: ${problems.join('; ')}`, 'error');
  return true;
}

/**
 * `chat_settings_change`: check and store the values at once, then onSettingsUpdate as side
 * work: after the chat start, beside a running answer (a settings change must not wait for
 * a long answer).
 */
export function onSettingsChange(session: Session, values: Record<string, unknown>, save: () => Promise<unknown>): void {
  if (rejected(session, values)) return;
  session.chatSettings = { ...session.chatSettings, ...values };
  void save();
  void runTask(session, 'onSettingsUpdate', { kind: 'side' }, () => callHook(session, 'onSettingsUpdate', values));
}

/** `chat_settings_edit`: live changes before submit; the stored values stay as they are. */
export function onSettingsEdit(session: Session, values: Record<string, unknown>): void {
  if (rejected(session, values)) return;
  void runTask(session, 'onSettingsEdit', { kind: 'side' }, () => callHook(session, 'onSettingsEdit', values));
}
