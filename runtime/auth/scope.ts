import { AsyncLocalStorage } from 'node:async_hooks';
import type { RouteContext } from '../sdk/plugin.js';
import type { UserDict } from '../wire.js';
import type { AuthService } from './service.js';

/**
 * The app's auth service while one of its HTTP requests is handled, so the SDK's
 * `createJwt(user)` needs no argument (several apps may share one process in tests or
 * under `mountChainlit`).
 */
export const authScope = new AsyncLocalStorage<AuthService>();

type LoginFn = (user: UserDict) => Promise<UserDict>;
const logins = new WeakMap<RouteContext, LoginFn>();

/** Lets `authenticateUser(view, user)` log a user in on this request's response. */
export function bindLogin(view: RouteContext, login: LoginFn): void {
  logins.set(view, login);
}

export function loginFor(view: RouteContext): LoginFn | undefined {
  return logins.get(view);
}
