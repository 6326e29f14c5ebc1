import type { DataLayer } from '../data/types.js';
import type { Logger } from '../log.js';
import { StepBase } from '../sdk/step-base.js';
import type { Session } from '../session/session.js';
import type { MessageFavoritePayload, StepDict } from '../wire.js';

/** Where `set_favorites` goes: the client that asked. */
export interface FavoritesReply {
  emit(event: 'set_favorites', payload: StepDict[]): void;
}

/** What favorites need of the app (RuntimeServices has both). */
export interface FavoritesDeps {
  readonly dataLayer: DataLayer | null;
  readonly logger: Logger;
  /** Waits for the chat's queued writes, so what is listed includes what was just flagged. */
  drainWrites?(threadId: string): Promise<void>;
}

/*
 * Favorite messages (`features.favorites`, PROTOCOL.md §2.1): a user marks messages to
 * find them again; the flag is the step's `metadata.favorite`. It needs a data layer and a
 * logged-in user; without them, or with the feature off for the session's profile, the
 * events are ignored as Chainlit does.
 */

function enabled(session: Session, deps: FavoritesDeps): DataLayer | null {
  if (!deps.dataLayer || !session.user || session.runtime.config().features.favorites !== true) return null;
  return deps.dataLayer;
}

/** The user's favorite steps, newest first; [] for a user not stored yet. */
async function favoritesOf(layer: DataLayer, session: Session): Promise<StepDict[]> {
  const user = await layer.getUser(session.user!.identifier);
  return user ? layer.getFavoriteSteps(user.id) : [];
}

/** `fetch_favorites` (sent by the client on every connect): answers `set_favorites`. */
export async function fetchFavorites(session: Session, reply: FavoritesReply, deps: FavoritesDeps): Promise<void> {
  const layer = enabled(session, deps);
  if (!layer) return;
  reply.emit('set_favorites', await favoritesOf(layer, session));
}

/**
 * `message_favorite`: sets `metadata.favorite` to the wanted state on a message of this
 * chat (marking) or on one of the user's stored favorites (unmarking, possibly from an
 * older thread); stores the step, sends it back as `update_message`, then the new list as
 * `set_favorites`. A message found in neither place is logged and ignored.
 */
export async function toggleFavorite(session: Session, payload: MessageFavoritePayload, reply: FavoritesReply, deps: FavoritesDeps): Promise<void> {
  const layer = enabled(session, deps);
  if (!layer) return;
  const favorite = payload.message.metadata?.favorite === true;
  const id = payload.message.id;
  const live = session.chatContext.find((m) => m.id === id);
  const stored = favorite || !live ? await favoritesOf(layer, session) : undefined;
  let step: StepDict | undefined;
  if (live) {
    // The live object keeps the flag, so whatever later sends or stores the message keeps it too.
    if (live instanceof StepBase) live.metadata = { ...live.metadata, favorite };
    step = live.toDict();
  } else if (!favorite) {
    step = stored?.find((s) => s.id === id);
  }
  if (!step) {
    deps.logger.warn({ sessionId: session.id, stepId: id, favorite }, 'message_favorite names no message of this chat or favorite of this user; ignored');
    return;
  }
  step = { ...step, metadata: { ...(step.metadata ?? {}), favorite }, createdAt: withZ(step.createdAt) };
  // A message of this chat is written by its update, in order with the chat's other writes;
  // a stored favorite of an earlier chat is written here.
  if (!live) await persist(layer, step, deps.logger);
  session.emitter.updateStep(step);
  if (live) await deps.drainWrites?.(session.threadId);
  const rest = (stored ?? (await favoritesOf(layer, session))).filter((s) => s.id !== id);
  reply.emit('set_favorites', favorite ? sortNewestFirst([step, ...rest]) : rest);
}

/** Writes the flag of a stored favorite; a failed write is logged, the chat goes on. */
async function persist(layer: DataLayer, step: StepDict, logger: Logger): Promise<void> {
  try {
    await layer.updateStep(step);
  } catch (err) {
    logger.error({ err, stepId: step.id }, 'could not store a favorite');
  }
}

// Chainlit's SQL layer stores stamps without zone; clients expect UTC with Z.
function withZ(stamp: string | null | undefined): string | null {
  if (!stamp) return stamp ?? null;
  return /(?:Z|[+-]\d{2}:?\d{2})$/.test(stamp) ? stamp : `${stamp}Z`;
}

function sortNewestFirst(steps: StepDict[]): StepDict[] {
  return [...steps].sort((a, b) => Date.parse(b.createdAt ?? '') - Date.parse(a.createdAt ?? ''));
}
