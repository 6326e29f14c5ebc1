import { ChainlitRtError } from '../errors.js';
import type { LoadedManifest } from '../manifest/index.js';
import type { OAuthProviderDefinition } from '../sdk/plugin.js';
import type { SameSite } from './cookies.js';
import { PROVIDERS, type ProviderSpec } from './oauth/catalogue.js';

/** A manifest user allowed to log in with a password. */
export interface PasswordUser {
  identifier: string;
  passwordHash: string;
  displayName: string | null;
  metadata: Record<string, unknown>;
}

/** One OAuth provider with every value resolved (manifest first, then environment). */
export interface OAuthProviderSettings {
  /** The id in URLs and in `/auth/config` (keycloak/generic may be renamed). */
  id: string;
  spec: ProviderSpec;
  clientId: string;
  clientSecret: string;
  scopes: string[] | null;
  prompt: string | null;
  /** Provider-specific settings by lower-case name (`domain`, `tenant_id`, …). */
  settings: Readonly<Record<string, string>>;
  /** Declared in the manifest's `auth.oauth` or by a plugin (on without an `oauthCallback` hook). */
  declared: boolean;
  /** A provider added by a plugin's `oauthProviders`. */
  custom?: OAuthProviderDefinition;
}

/**
 * Everything auth needs from the manifest and the environment, resolved once per loaded
 * manifest (env values come from the manifest loader's snapshot, never from process.env).
 */
export interface AuthSettings {
  secret: string | null;
  cookieName: string;
  sameSite: SameSite;
  /** Lifetime of a login, in seconds (`project.user_session_timeout`). */
  sessionTimeout: number;
  /** Lifetime of the OAuth state cookie, in seconds. */
  stateCookieLifetime: number;
  /** `CHAINLIT_URL` without a trailing slash: the public origin (+ path) behind a proxy. */
  publicUrl: string | null;
  custom: boolean;
  passwordUsers: ReadonlyMap<string, PasswordUser>;
  header: { name: string; displayNameHeader: string | null } | null;
  /** Providers whose settings are complete. */
  oauth: readonly OAuthProviderSettings[];
}

const SAMESITE = new Set(['lax', 'strict', 'none']);

export function resolveAuthSettings(manifest: LoadedManifest): AuthSettings {
  const env = manifest.env;
  const auth = manifest.config.auth;
  const stateLifetime = Number(env.CHAINLIT_STATE_COOKIE_LIFETIME ?? '180');
  if (!Number.isInteger(stateLifetime) || stateLifetime <= 0) {
    throw configError(`CHAINLIT_STATE_COOKIE_LIFETIME must be a positive number of seconds, got "${env.CHAINLIT_STATE_COOKIE_LIFETIME}"`);
  }
  const sameSite = auth.cookie_samesite.toLowerCase();
  if (!SAMESITE.has(sameSite)) throw configError(`auth.cookie_samesite must be lax, strict or none, got "${auth.cookie_samesite}"`);
  const users = new Map<string, PasswordUser>();
  for (const u of auth.password?.users ?? []) {
    users.set(u.identifier, { identifier: u.identifier, passwordHash: u.password_hash, displayName: u.display_name ?? null, metadata: { ...(u.metadata ?? {}) } });
  }
  return {
    secret: auth.secret ?? null,
    cookieName: env.CHAINLIT_AUTH_COOKIE_NAME || 'access_token',
    sameSite: sameSite as SameSite,
    sessionTimeout: manifest.config.project.user_session_timeout,
    stateCookieLifetime: stateLifetime,
    publicUrl: env.CHAINLIT_URL ? env.CHAINLIT_URL.replace(/\/+$/, '') : null,
    custom: auth.custom || Boolean(env.CHAINLIT_CUSTOM_AUTH),
    passwordUsers: users,
    header: auth.header ? { name: auth.header.name.toLowerCase(), displayNameHeader: auth.header.display_name_header?.toLowerCase() ?? null } : null,
    oauth: resolveProviders(manifest),
  };
}

type ManifestProvider = { client_id?: string; client_secret?: string; scopes?: string[]; prompt?: string; settings?: Record<string, unknown> };

function resolveProviders(manifest: LoadedManifest): OAuthProviderSettings[] {
  const env = manifest.env;
  const declared = (manifest.config.auth.oauth ?? {}) as Record<string, ManifestProvider | undefined>;
  // Declared but not built: refused rather than silently ignored.
  for (const id of Object.keys(declared)) {
    if (!PROVIDERS.some((p) => p.id === id)) throw configError(`auth.oauth.${id} is not available yet (Azure's form-post variant); use azure-ad`);
  }
  const out: OAuthProviderSettings[] = [];
  for (const spec of PROVIDERS) {
    const entry = declared[spec.id];
    const fromEnv = (suffix: string): string | undefined => {
      const value = env[`OAUTH_${spec.envPrefix}_${suffix}`];
      return value === undefined || value === '' ? undefined : value;
    };
    const known = new Set([...spec.required, ...spec.optional]);
    for (const key of Object.keys(entry?.settings ?? {})) {
      if (!known.has(key)) {
        throw configError(`auth.oauth.${spec.id}.settings.${key} is not a setting of this provider (known: ${[...known].join(', ') || 'none'})`);
      }
    }
    const settings: Record<string, string> = {};
    for (const key of known) {
      const value = entry?.settings?.[key] ?? fromEnv(key.toUpperCase());
      if (value !== undefined && value !== null && value !== '') settings[key] = String(value);
    }
    const clientId = entry?.client_id ?? fromEnv('CLIENT_ID');
    const clientSecret = entry?.client_secret ?? fromEnv('CLIENT_SECRET');
    const missing = [
      ...(clientId ? [] : ['client_id']),
      ...(clientSecret ? [] : ['client_secret']),
      ...spec.required.filter((k) => !settings[k]),
    ];
    const alternatives = spec.requiredAnyOf;
    if (alternatives && !alternatives.some((set) => set.every((k) => settings[k]))) {
      missing.push(alternatives.map((set) => set.join(' + ')).join(' or '));
    }
    if (missing.length > 0) {
      // A provider declared in the manifest must work; one merely absent from the env is just off.
      if (entry) {
        const vars = missing.map((m) => (m.includes(' ') ? m : `${m} (OAUTH_${spec.envPrefix}_${m.toUpperCase()})`));
        throw configError(`auth.oauth.${spec.id} is declared but incomplete: missing ${vars.join(', ')}`);
      }
      continue;
    }
    const scopesEnv = fromEnv('SCOPES') ?? (spec.id === 'aws-cognito' ? fromEnv('SCOPE') : undefined);
    out.push({
      id: settings.name ?? spec.id,
      spec,
      clientId: clientId!,
      clientSecret: clientSecret!,
      scopes: entry?.scopes ?? (scopesEnv ? scopesEnv.split(/[\s,]+/).filter(Boolean) : null),
      prompt: entry?.prompt ?? promptFor(spec, env),
      settings,
      declared: Boolean(entry),
    });
  }
  return out;
}

/** `OAUTH_<PREFIX>_PROMPT` (class prefix, then the id-derived one), else `OAUTH_PROMPT`. */
function promptFor(spec: ProviderSpec, env: Readonly<Record<string, string | undefined>>): string | null {
  const idPrefix = spec.id.replace(/-/g, '_').toUpperCase();
  return env[`OAUTH_${spec.envPrefix}_PROMPT`] || env[`OAUTH_${idPrefix}_PROMPT`] || env.OAUTH_PROMPT || null;
}

function configError(message: string): ChainlitRtError {
  return new ChainlitRtError('CRT_CONFIG', message, { expose: true });
}
