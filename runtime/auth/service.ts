import { ChainlitRtError, HttpError } from '../errors.js';
import type { Logger } from '../log.js';
import type { LoadedManifest } from '../manifest/index.js';
import type { PluginRegistry } from '../plugins/registry.js';
import type { UserDict } from '../wire.js';
import { authCookieLines, clearAuthCookieLines, readAuthToken, type AuthCookieOptions } from './cookies.js';
import { signUserToken, verifyUserToken } from './jwt.js';
import { verifyPassword } from './password.js';
import { LoginThrottle, type LoginLimits } from './rate-limit.js';
import { resolveAuthSettings, type AuthSettings, type OAuthProviderSettings } from './settings.js';

export type Headers = Record<string, string | string[] | undefined>;

export interface AuthServiceOptions {
  manifest(): LoadedManifest;
  plugins(): PluginRegistry;
  logger: Logger;
  /**
   * The one place an authenticated user would be written to a data layer (created or
   * updated, PROTOCOL.md §4.2) before the login token is minted. Unset until persistence
   * exists; a rejection is logged and the login goes on with the user as given.
   */
  persistUser?: (user: UserDict) => Promise<UserDict | void>;
  loginLimits?: LoginLimits;
}

/** Which login methods are on for the current manifest and plugins. */
export interface AuthMethods {
  password: boolean;
  header: boolean;
  oauth: readonly OAuthProviderSettings[];
  custom: boolean;
}

export const INVALID_TOKEN = 'Invalid authentication token';

/**
 * Authentication: which methods are on, who the caller is (cookie, Bearer header or the
 * socket handshake's token), password/header logins, and minting the login cookie.
 * Settings are resolved once per loaded manifest; hooks are looked up on every call, so
 * hot reload of plugins takes effect at once.
 */
export class AuthService {
  readonly throttle: LoginThrottle;
  private cached: { manifest: LoadedManifest; settings: AuthSettings } | undefined;

  constructor(private readonly options: AuthServiceOptions) {
    this.throttle = new LoginThrottle(options.loginLimits);
  }

  settings(): AuthSettings {
    const manifest = this.options.manifest();
    if (this.cached?.manifest !== manifest) this.cached = { manifest, settings: resolveAuthSettings(manifest) };
    return this.cached.settings;
  }

  methods(): AuthMethods {
    const s = this.settings();
    const plugins = this.options.plugins();
    const hasCallback = plugins.has('oauthCallback');
    const custom: OAuthProviderSettings[] = [...plugins.oauthProviders()].map(([id, { provider }]) => ({
      id, spec: { id, envPrefix: '', required: [], optional: [] }, clientId: '', clientSecret: '', scopes: null, prompt: null, settings: {}, declared: true, custom: provider,
    }));
    const ids = new Set(custom.map((p) => p.id));
    return {
      password: s.passwordUsers.size > 0 || plugins.has('passwordAuth'),
      header: s.header !== null || plugins.has('headerAuth'),
      // A plugin's provider replaces a built-in one of the same id.
      oauth: [...s.oauth.filter((p) => (p.declared || hasCallback) && !ids.has(p.id)), ...custom],
      custom: s.custom,
    };
  }

  requireLogin(): boolean {
    const m = this.methods();
    return m.custom || m.password || m.header || m.oauth.length > 0;
  }

  /**
   * Refuses to run an app whose login is on without a secret (it would either accept
   * anyone or no one). Also surfaces configuration errors (bad provider settings) at start.
   */
  assertConfigured(): void {
    const m = this.methods();
    if (!this.requireLogin() || this.settings().secret) return;
    const on = [m.password && 'password', m.header && 'header', m.oauth.length > 0 && `OAuth (${m.oauth.map((p) => p.id).join(', ')})`, m.custom && 'custom']
      .filter(Boolean)
      .join(', ');
    throw new ChainlitRtError(
      'CRT_CONFIG',
      `Login is on (${on}) but no secret signs the login tokens. Run \`chainlit-rt create-secret\` and set CHAINLIT_AUTH_SECRET (or auth.secret in the manifest).`,
      { expose: true },
    );
  }

  cookieOptions(): AuthCookieOptions {
    const s = this.settings();
    return { name: s.cookieName, sameSite: s.sameSite, maxAgeSeconds: s.sessionTimeout };
  }

  /**
   * The caller: null when login is off; the token's user when it is on and a valid token
   * comes with the request; otherwise a 401. With login on and no secret nobody gets in.
   * A socket's `handshakeToken` (the copilot's access token) decides before any cookie: the
   * widget then never acts as whoever is logged in to the web app in the same browser.
   * Without it: the auth cookie, else `Authorization: Bearer`.
   */
  async currentUser(headers: Headers, handshakeToken?: string): Promise<UserDict | null> {
    if (!this.requireLogin()) return null;
    const s = this.settings();
    const token = (handshakeToken || undefined) ?? readAuthToken(headers, s.cookieName) ?? bearer(headers);
    const user = token && s.secret ? verifyUserToken(token, s.secret) : null;
    if (!user) throw new HttpError(401, INVALID_TOKEN, 'CRT_UNAUTHORIZED');
    return user;
  }

  /** The user of a token signed with our secret, or null (used by POST /auth/jwt). */
  verifyToken(token: string): UserDict | null {
    const secret = this.settings().secret;
    return secret ? verifyUserToken(token, secret) : null;
  }

  /** Manifest users first, then the `passwordAuth` hook; null when neither accepts. */
  async checkPassword(username: string, password: string): Promise<UserDict | null> {
    const listed = this.settings().passwordUsers.get(username);
    const hook = this.options.plugins().handlers('passwordAuth')[0];
    if (listed || !hook) {
      // A listed user is decided by the manifest alone; an unknown one without a hook still
      // costs a hash, so timing does not tell who exists.
      const ok = await verifyPassword(password, listed?.passwordHash);
      return ok && listed ? { identifier: listed.identifier, display_name: listed.displayName, metadata: { ...listed.metadata, provider: 'credentials' } } : null;
    }
    return normalizeUser(await runHook('passwordAuth', hook.plugin.id, () => hook.fn(username, password)), 'credentials');
  }

  /** The `headerAuth` hook, else the manifest's `auth.header`; null when it yields no user. */
  async checkHeaders(headers: Headers): Promise<UserDict | null> {
    const hook = this.options.plugins().handlers('headerAuth')[0];
    if (hook) return normalizeUser(await runHook('headerAuth', hook.plugin.id, () => hook.fn(headers)), 'header');
    const header = this.settings().header;
    if (!header) return null;
    const identifier = single(headers[header.name])?.trim();
    if (!identifier) return null;
    const display = header.displayNameHeader ? single(headers[header.displayNameHeader])?.trim() : undefined;
    return { identifier, display_name: display || null, metadata: { provider: 'header' } };
  }

  /**
   * Logs a user in: the data-layer call point, then a fresh token. Returns the Set-Cookie
   * lines to send (chunked, stale chunks deleted).
   */
  async login(user: UserDict, requestHeaders: Headers): Promise<{ user: UserDict; token: string; cookies: string[] }> {
    const secret = this.settings().secret;
    if (!secret) throw new HttpError(500, 'Login is not configured: no auth secret', 'CRT_CONFIG');
    let final = user;
    if (this.options.persistUser) {
      try {
        final = (await this.options.persistUser(user)) ?? user;
      } catch (err) {
        this.options.logger.error({ err, user: user.identifier }, 'persisting the user failed; logging in with the user as given');
      }
    }
    const token = signUserToken(final, secret, this.settings().sessionTimeout);
    return { user: final, token, cookies: authCookieLines(token, this.cookieOptions(), requestHeaders) };
  }

  logoutCookies(requestHeaders: Headers): string[] {
    return clearAuthCookieLines(this.cookieOptions(), requestHeaders);
  }
}

function bearer(headers: Headers): string | undefined {
  const value = single(headers.authorization);
  const m = value ? /^Bearer\s+(\S+)$/i.exec(value.trim()) : null;
  return m?.[1];
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** A hook's answer as a user, or null; anything that is not a user is a plugin error. */
export function normalizeUser(value: unknown, provider: string): UserDict | null {
  if (value === null || value === undefined || value === false) return null;
  if (typeof value !== 'object' || typeof (value as UserDict).identifier !== 'string' || (value as UserDict).identifier === '') {
    throw new ChainlitRtError('CRT_HOOK_FAILED', 'an auth hook returned something that is not a user ({ identifier, metadata })');
  }
  const u = value as UserDict & { displayName?: string };
  const metadata = typeof u.metadata === 'object' && u.metadata !== null ? { ...u.metadata } : {};
  if (metadata.provider === undefined) metadata.provider = provider;
  return { identifier: u.identifier, display_name: u.display_name ?? u.displayName ?? null, metadata };
}

/** Runs an auth hook; its failure is a coded, unexposed error naming the plugin. */
export async function runHook<T>(hook: string, pluginId: string, run: () => T | Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (err instanceof ChainlitRtError && err.expose) throw err;
    throw new ChainlitRtError('CRT_HOOK_FAILED', `${hook} of plugin "${pluginId}" failed`, { cause: err });
  }
}
