import { isJsonSafe, type Session } from '../session/session.js';

/** Chainlit's limit: a snapshot larger than this is replaced by a note. */
export const METADATA_LIMIT_BYTES = 1_048_576;

/**
 * The session snapshot a thread's metadata receives (PROTOCOL.md §3.7): every `userSession`
 * value (null when it is not plain JSON), the chat settings, profile and client type, and
 * the user env only with `project.persist_user_env`. Read back when the thread is resumed.
 */
export function metadataSnapshot(session: Session, persistUserEnv: boolean): Record<string, unknown> {
  const snapshot: Record<string, unknown> = {};
  for (const [key, value] of session.userSession) snapshot[key] = isJsonSafe(value) ? value : null;
  snapshot.chat_settings = session.chatSettings;
  snapshot.chat_profile = session.chatProfile;
  snapshot.client_type = session.clientType;
  snapshot.env = persistUserEnv ? session.userEnv : {};
  if (Buffer.byteLength(JSON.stringify(snapshot)) > METADATA_LIMIT_BYTES) {
    return { message: `Metadata size exceeds the limit of ${METADATA_LIMIT_BYTES} bytes. Redacted.` };
  }
  return snapshot;
}

/** Keys of a snapshot that are the session's own fields, not `userSession` values. */
const SESSION_FIELDS = new Set(['chat_settings', 'chat_profile', 'client_type', 'env', 'id', 'user', 'message']);

/** Puts a resumed thread's snapshot back into the session. */
export function restoreSnapshot(session: Session, metadata: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(metadata)) {
    if (!SESSION_FIELDS.has(key) && value !== null) session.userSession.set(key, value);
  }
  if (typeof metadata.chat_profile === 'string') session.chatProfile = metadata.chat_profile;
  if (metadata.chat_settings && typeof metadata.chat_settings === 'object' && !Array.isArray(metadata.chat_settings)) {
    session.chatSettings = { ...session.chatSettings, ...(metadata.chat_settings as Record<string, unknown>) };
  }
  if (metadata.env && typeof metadata.env === 'object' && Object.keys(session.userEnv).length === 0) {
    session.userEnv = Object.fromEntries(Object.entries(metadata.env as Record<string, unknown>).filter(([, v]) => typeof v === 'string')) as Record<string, string>;
  }
}
