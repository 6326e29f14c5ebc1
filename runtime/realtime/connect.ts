import { parse as parseCookies } from 'cookie';
import { payloadProblem } from './validate.js';
import { Session } from '../session/session.js';
import type { SessionRecord } from '../session/types.js';
import type { UserDict } from '../wire.js';
import { utcNow } from '../wire.js';
import type { RealtimeDeps } from './deps.js';
import type { WireSocket } from './wire-io.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A refusal the client sees as `connect_error` (terminal for Chainlit clients, PROTOCOL §1.5). */
class Refusal extends Error {}

function sameOwner(session: Pick<SessionRecord, 'user' | 'browserKey'>, user: UserDict | null, browserKey: string | null): boolean {
  if (session.user || user) return Boolean(session.user && user && session.user.identifier === user.identifier);
  // Without login a session id alone is never enough: the browser must prove it made it.
  return session.browserKey !== null && session.browserKey === browserKey;
}

/**
 * Where a connecting socket is served: by the live session on this instance, or relayed to
 * the instance that owns it (relay.ts).
 */
export type Admission = { kind: 'local'; session: Session } | { kind: 'relay'; sessionId: string; owner: string };

/**
 * A stored session that is not live here: relayed to its owner while that one is alive;
 * otherwise taken over (its owner died, or it has none), which only one instance wins.
 */
async function place(record: SessionRecord, deps: RealtimeDeps): Promise<Admission> {
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const owner = await deps.registry.store.owner(record.id);
    if (owner && owner !== deps.registry.instanceId && deps.cluster && (await deps.cluster.alive(owner))) {
      return { kind: 'relay', sessionId: record.id, owner };
    }
    const live = deps.registry.get(record.id);
    if (live) return { kind: 'local', session: live };
    const session = deps.hydrate(record);
    if (await deps.registry.adopt(session, owner, () => deps.takenOver(session, owner))) return { kind: 'local', session };
  }
  throw new Refusal('the session is moving between servers; try again');
}

function language(header: string | string[] | undefined): string {
  const value = Array.isArray(header) ? header[0] : header;
  const first = value?.split(',')[0]?.split(';')[0]?.trim();
  return first && /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(first) ? first : 'en-US';
}

function parseUserEnv(text: string | undefined): Record<string, string> {
  if (text === undefined || text === '') return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new Refusal('Invalid userEnv: not JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Refusal('Invalid userEnv: expected a JSON object');
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(value)) if (typeof v === 'string') env[k] = v;
  return env;
}

/**
 * The CONNECT decision (PROTOCOL.md §1.5): restore a session the caller owns, refuse one it
 * does not, check required user env, or create a new session.
 */
export async function admit(socket: WireSocket, deps: RealtimeDeps): Promise<Admission> {
  const auth = (socket.handshake.auth ?? {}) as Record<string, string | undefined>;
  const problem = payloadProblem('handshake', auth);
  if (problem) throw new Refusal(`Invalid handshake: ${problem}`);
  const headers = socket.handshake.headers;
  // A token in `auth` (the copilot's, older react-clients') decides before the cookie.
  const handshakeToken = auth.accessToken || auth.token || undefined;
  const user = await deps.services.currentUser(headers, handshakeToken).catch(() => {
    throw new Refusal('authentication failed');
  });
  // The copilot binds its anonymous sessions to a key of its own: its cookies may be blocked.
  const browserKey = auth.clientKey || (parseCookies(headers.cookie ?? '')[deps.browserCookie] ?? null);
  const sessionId = auth.sessionId!;

  const live = deps.registry.get(sessionId);
  if (live) {
    if (!sameOwner(live, user, browserKey)) throw new Refusal('authorization failed');
    live.restored = true;
    live.ended = false;
    return { kind: 'local', session: live };
  }
  const stored = await deps.registry.store.get(sessionId);
  if (stored) {
    if (!sameOwner(stored, user, browserKey)) throw new Refusal('authorization failed');
    const admission = await place(stored, deps);
    if (admission.kind === 'local') admission.session.restored = true;
    return admission;
  }

  // A thread id alone never grants a thread: one someone else wrote is refused, so nobody
  // resumes it or adds to it. An id that does not exist yet is taken (the copilot makes its own).
  if (auth.threadId && deps.services.dataLayer) {
    if (!UUID.test(auth.threadId)) throw new Refusal('Invalid handshake: threadId must be a UUID');
    // Fails closed: with the database away nobody can prove a thread is theirs.
    const author = await deps.services.dataLayer.getThreadAuthor(auth.threadId).catch(() => {
      throw new Refusal('the history is unavailable right now; try again');
    });
    if (author !== null && author !== user?.identifier) throw new Refusal('authorization failed');
  }

  const config = deps.services.manifest().config;
  const chatProfile = auth.chatProfile ? decodeURIComponent(auth.chatProfile) : null;
  const userEnv = parseUserEnv(auth.userEnv);
  const required = deps.services.manifest().effective(chatProfile).project.user_env ?? config.project.user_env ?? [];
  if (required.length > 0) {
    if (Object.keys(userEnv).length === 0) throw new Refusal('Missing user environment variables');
    const missing = required.find((key: string) => !(key in userEnv));
    if (missing) throw new Refusal(`Missing user environment variable: ${missing}`);
  }
  const record: SessionRecord = {
    id: sessionId,
    clientType: auth.clientType!,
    user,
    browserKey,
    userEnv,
    chatProfile,
    threadId: auth.threadId || crypto.randomUUID(),
    threadIdToResume: auth.threadId || null,
    language: language(headers['accept-language']),
    hasFirstInteraction: false,
    chatStarted: false,
    chatSettings: {},
    settingsWidgets: [],
    commands: null,
    files: {},
    userSession: {},
    createdAt: utcNow(),
    owner: deps.registry.instanceId,
  };
  const session = deps.hydrate(record);
  // Two connects with the same new id at once: one creates it, the other is placed with it.
  if (!(await deps.registry.adopt(session, null))) return place(record, deps);
  return { kind: 'local', session };
}

export { Refusal };
