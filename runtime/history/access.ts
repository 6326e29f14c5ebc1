import type { Context } from 'koa';
import type { DataLayer } from '../data/types.js';
import { HttpError } from '../errors.js';
import type { RuntimeServices } from '../services.js';
import type { PersistedUserDict, UserDict } from '../wire.js';

export const THREAD_NOT_FOUND = 'Thread not found';

/**
 * The app's data layer, or Chainlit's answer without one: `400 Data persistence is not
 * enabled` (500 on `PUT /feedback`, as Chainlit has it).
 */
export function requireLayer(services: RuntimeServices, status = 400): DataLayer {
  if (!services.dataLayer) throw new HttpError(status, 'Data persistence is not enabled', 'CRT_DATA_LAYER');
  return services.dataLayer;
}

/**
 * The logged-in caller. History belongs to a user, so it needs login: while login is off
 * the caller is nobody and gets `401 Unauthorized`, as in Chainlit. With login on, a
 * missing or bad token is refused with 401 by `currentUser` itself.
 */
export async function requireUser(ctx: Context, services: RuntimeServices): Promise<UserDict> {
  const user = await services.currentUser(ctx.headers);
  if (!user) throw new HttpError(401, 'Unauthorized', 'CRT_UNAUTHORIZED');
  return user;
}

/** The caller's stored user (its database id lists its threads); 404 `User not found` when not stored. */
export async function requirePersistedUser(layer: DataLayer, user: UserDict): Promise<PersistedUserDict> {
  const persisted = await layer.getUser(user.identifier);
  if (!persisted) throw new HttpError(404, 'User not found');
  return persisted;
}

/** Whether `user` wrote the thread; false for an unknown thread or one without author. */
export async function isAuthor(layer: DataLayer, threadId: string, user: UserDict): Promise<boolean> {
  const author = await layer.getThreadAuthor(threadId);
  return author !== null && author === user.identifier;
}

/**
 * Passes when the caller wrote the thread. Someone else's thread answers exactly like a
 * thread that does not exist (404), so thread ids cannot be probed; Chainlit answers 401
 * for someone else's thread.
 */
export async function requireOwnThread(layer: DataLayer, threadId: string, user: UserDict): Promise<void> {
  if (!(await isAuthor(layer, threadId, user))) throw new HttpError(404, THREAD_NOT_FOUND);
}
