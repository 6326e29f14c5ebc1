import type passport from 'passport';
import { Strategy as OAuth2Strategy, type VerifyCallback } from 'passport-oauth2';
import { Strategy as GitHubStrategy } from 'passport-github2';
import { Strategy as GitLabStrategy } from 'passport-gitlab2';
import { Strategy as GoogleStrategy } from 'passport-google-oauth20';
import { Strategy as MicrosoftStrategy } from 'passport-microsoft';
import type { UserDict } from '../../wire.js';
import type { OAuthProviderSettings } from '../settings.js';
import { oidcStrategy } from './oidc.js';

/** What every provider's strategy verifies into: what `oauthCallback` receives. */
export interface OAuthResult {
  token: string;
  raw: Record<string, unknown>;
  user: UserDict;
}

/** A strategy plus the extra options its `authenticate` call takes (scope, prompt, …). */
export interface BuiltStrategy {
  strategy: passport.Strategy;
  options: Record<string, unknown>;
}

type Profile = { _json?: Record<string, unknown>; emails?: Array<{ value: string }> };
type Done = (err: unknown, user?: OAuthResult | false) => void;
type Verify = (accessToken: string, refreshToken: string, profile: Profile, done: Done) => void;
type OAuth2Like = passport.Strategy & { authorizationParams(options: object): object };

/** The passport strategies' typings overload on `passReqToCallback`; we never pass it. */
function make(Ctor: unknown, options: Record<string, unknown>, verify: Verify): OAuth2Like {
  return new (Ctor as new (o: Record<string, unknown>, v: Verify) => OAuth2Like)(options, verify);
}

/** `example.okta.com` → `https://example.okta.com`; a value with a scheme is kept (internal http servers). */
export function domainUrl(domain: string): string {
  const trimmed = domain.replace(/\/+$/, '');
  return /^https?:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function result(token: string, raw: Record<string, unknown>, identifier: unknown, metadata: Record<string, unknown>): OAuthResult | false {
  const id = text(identifier);
  if (!id) return false;
  return { token, raw, user: { identifier: id, display_name: text(raw.name) ?? null, metadata } };
}

/**
 * The generic "OAuth 2 + userinfo endpoint" dialect (Okta, Auth0, Cognito, Keycloak,
 * Descope, and Chainlit's explicit generic provider): passport-oauth2 for the redirect
 * and the code exchange, then the user info fetched with the access token as Bearer.
 */
class UserInfoStrategy extends OAuth2Strategy {
  constructor(
    options: Record<string, unknown> & { userInfoURL: string },
    verify: (accessToken: string, raw: Record<string, unknown>, done: Done) => void,
  ) {
    const wrapped = (accessToken: string, _refresh: string, profile: Record<string, unknown>, done: VerifyCallback) => verify(accessToken, profile, done as Done);
    super(options as never, wrapped as never);
    this.userInfoURL = options.userInfoURL;
  }
  private readonly userInfoURL: string;

  override userProfile(accessToken: string, done: (err?: unknown, profile?: unknown) => void): void {
    fetch(this.userInfoURL, { headers: { Authorization: `Bearer ${accessToken}`, Accept: 'application/json' } })
      .then(async (res) => {
        if (!res.ok) throw new Error(`user info request failed with HTTP ${res.status}`);
        done(null, (await res.json()) as Record<string, unknown>);
      })
      .catch((err: unknown) => done(err));
  }
}

/** Adds fixed authorization parameters (prompt, audience, response_mode) to a passport-oauth2 strategy. */
function withParams<S extends OAuth2Like>(strategy: S, extra: Record<string, string | null | undefined>): S {
  const base = strategy.authorizationParams.bind(strategy);
  strategy.authorizationParams = (options: object) => {
    const params: Record<string, string> = { ...(base(options) as Record<string, string>) };
    for (const [k, v] of Object.entries(extra)) if (v) params[k] = v;
    return params;
  };
  return strategy;
}

/** Builds the passport strategy for a configured provider. `callbackURL` is absolute. */
export async function buildStrategy(p: OAuthProviderSettings, callbackURL: string): Promise<BuiltStrategy> {
  if (p.custom) return { strategy: p.custom.strategy({ callbackURL }) as passport.Strategy, options: {} };
  const s = p.settings;
  const common = { clientID: p.clientId, clientSecret: p.clientSecret, callbackURL, state: true, pkce: true } as const;
  const scope = (fallback: string[]) => p.scopes ?? fallback;

  switch (p.spec.id) {
    case 'github': {
      const base = s.enterprise_url ? domainUrl(s.enterprise_url) : null;
      const strategy = make(
        GitHubStrategy,
        {
          ...common,
          scope: scope(['user:email']),
          ...(base ? {
            authorizationURL: `${base}/login/oauth/authorize`,
            tokenURL: `${base}/login/oauth/access_token`,
            userProfileURL: `${base}/api/v3/user`,
            userEmailURL: `${base}/api/v3/user/emails`,
          } : {}),
        },
        (accessToken, _r, profile, done) => {
          const raw: Record<string, unknown> = { ...(profile._json ?? {}), emails: profile.emails ?? [] };
          done(null, result(accessToken, raw, raw.login, { image: text(raw.avatar_url) ?? null, provider: 'github' }));
        },
      );
      return { strategy: withParams(strategy, { prompt: p.prompt }), options: {} };
    }
    case 'google': {
      const strategy = make(
        GoogleStrategy,
        {
          ...common,
          scope: scope(['openid', 'profile', 'email']),
          ...(s.auth_url ? { authorizationURL: s.auth_url } : {}),
          ...(s.token_url ? { tokenURL: s.token_url } : {}),
          ...(s.user_info_url ? { userProfileURL: s.user_info_url } : {}),
        },
        (accessToken, _r, profile, done) => {
          const raw = profile._json ?? {};
          done(null, result(accessToken, raw, raw.email, { image: text(raw.picture) ?? null, provider: 'google' }));
        },
      );
      return { strategy, options: { accessType: 'offline', ...(p.prompt ? { prompt: p.prompt } : {}) } };
    }
    case 'azure-ad': {
      const authority = (s.authority_url ?? 'https://login.microsoftonline.com').replace(/\/+$/, '');
      const tenant = isTrue(s.enable_single_tenant) ? s.tenant_id! : 'common';
      const strategy = make(
        MicrosoftStrategy,
        {
          ...common,
          tenant,
          authorizationURL: `${authority}/${tenant}/oauth2/v2.0/authorize`,
          tokenURL: `${authority}/${tenant}/oauth2/v2.0/token`,
          apiEntryPoint: (s.graph_url ?? 'https://graph.microsoft.com').replace(/\/+$/, ''),
          scope: scope(['user.read', 'offline_access']),
        },
        (accessToken, _r, profile, done) => {
          const raw = profile._json ?? {};
          done(null, result(accessToken, raw, raw.userPrincipalName, { image: null, provider: 'azure-ad' }));
        },
      );
      return { strategy, options: p.prompt ? { prompt: p.prompt } : {} };
    }
    case 'gitlab': {
      const strategy = make(
        GitLabStrategy,
        { ...common, baseURL: `${domainUrl(s.domain!)}/`, scope: scope(['read_user']) },
        (accessToken, _r, profile, done) => {
          const raw = profile._json ?? {};
          done(null, result(accessToken, raw, raw.email, { image: text(raw.avatar_url) ?? null, provider: 'gitlab' }));
        },
      );
      return { strategy: withParams(strategy, { prompt: p.prompt }), options: {} };
    }
    case 'generic':
      if (s.issuer) return oidcStrategy(p, callbackURL);
      return userInfo(p, callbackURL, { auth: s.auth_url!, token: s.token_url!, userInfo: s.user_info_url! }, scope(['openid', 'profile', 'email']), {}, s.user_identifier ?? 'email');
    default:
      return userInfoProvider(p, callbackURL, scope);
  }
}

function userInfoProvider(p: OAuthProviderSettings, callbackURL: string, scope: (f: string[]) => string[]): BuiltStrategy {
  const s = p.settings;
  const oidc = ['openid', 'profile', 'email'];
  switch (p.spec.id) {
    case 'okta': {
      const server = s.authorization_server_id === 'false' ? '' : `/${s.authorization_server_id ?? 'default'}`;
      const base = `${domainUrl(s.domain!)}/oauth2${server}/v1`;
      return userInfo(p, callbackURL, { auth: `${base}/authorize`, token: `${base}/token`, userInfo: `${base}/userinfo` }, scope(oidc), { response_mode: 'query' }, 'email');
    }
    case 'auth0': {
      const base = domainUrl(s.domain!);
      const original = s.original_domain ? domainUrl(s.original_domain) : base;
      return userInfo(p, callbackURL, { auth: `${base}/authorize`, token: `${base}/oauth/token`, userInfo: `${original}/userinfo` }, scope(oidc), { audience: `${original}/userinfo` }, 'email');
    }
    case 'descope': {
      const base = `${domainUrl(s.base_url ?? 'api.descope.com')}/oauth2/v1`;
      return userInfo(p, callbackURL, { auth: `${base}/authorize`, token: `${base}/token`, userInfo: `${base}/userinfo` }, scope(oidc), { audience: `${base}/userinfo` }, 'email');
    }
    case 'aws-cognito': {
      const base = domainUrl(s.domain!);
      return userInfo(p, callbackURL, { auth: `${base}/oauth2/authorize`, token: `${base}/oauth2/token`, userInfo: `${base}/oauth2/userInfo` }, scope(oidc), {}, 'email');
    }
    case 'keycloak': {
      const base = `${s.base_url!.replace(/\/+$/, '')}/realms/${encodeURIComponent(s.realm!)}/protocol/openid-connect`;
      return userInfo(p, callbackURL, { auth: `${base}/auth`, token: `${base}/token`, userInfo: `${base}/userinfo` }, scope(['profile', 'email', 'openid']), {}, 'email');
    }
    default:
      throw new Error(`no strategy for OAuth provider ${p.spec.id}`);
  }
}

function userInfo(
  p: OAuthProviderSettings,
  callbackURL: string,
  urls: { auth: string; token: string; userInfo: string },
  scopes: string[],
  params: Record<string, string>,
  identifierField: string,
): BuiltStrategy {
  const strategy = new UserInfoStrategy(
    { clientID: p.clientId, clientSecret: p.clientSecret, callbackURL, state: true, pkce: true, authorizationURL: urls.auth, tokenURL: urls.token, userInfoURL: urls.userInfo, scope: scopes, scopeSeparator: ' ' },
    (accessToken, raw, done) => done(null, result(accessToken, raw, raw[identifierField], { image: text(raw.picture) ?? null, provider: p.id })),
  );
  return { strategy: withParams(strategy, { ...params, prompt: p.prompt }), options: {} };
}

function isTrue(value: string | undefined): boolean {
  return value !== undefined && /^(1|true|yes|on)$/i.test(value.trim());
}
