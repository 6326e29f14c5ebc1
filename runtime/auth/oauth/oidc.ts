import * as client from 'openid-client';
import { Strategy, type AuthenticateOptions } from 'openid-client/passport';
import type passport from 'passport';
import type { OAuthProviderSettings } from '../settings.js';
import type { BuiltStrategy, OAuthResult } from './strategies.js';

/**
 * openid-client's strategy always sends PKCE but a `state` only for servers without PKCE;
 * we always want one (PROTOCOL.md §4.2: state checked), and openid-client then checks it.
 */
class StatefulStrategy extends Strategy {
  override authorizationRequestParams<T extends AuthenticateOptions>(req: Parameters<Strategy['authorizationRequestParams']>[0], options: T) {
    const params = new URLSearchParams(super.authorizationRequestParams(req, options) as URLSearchParams);
    params.set('state', client.randomState());
    return params;
  }
}

const discovered = new Map<string, Promise<client.Configuration>>();

/** OpenID Connect discovery (cached per issuer and client); http issuers are allowed for internal servers. */
function configuration(p: OAuthProviderSettings): Promise<client.Configuration> {
  const issuer = p.settings.issuer!;
  const key = `${issuer}\n${p.clientId}`;
  let found = discovered.get(key);
  if (!found) {
    const insecure = issuer.startsWith('http:');
    found = client.discovery(new URL(issuer), p.clientId, p.clientSecret, undefined, insecure ? { execute: [client.allowInsecureRequests] } : undefined);
    // A failed discovery (provider down at that moment) is retried on the next login.
    found.catch(() => discovered.delete(key));
    discovered.set(key, found);
  }
  return found;
}

/** The generic provider with an issuer: discovery, PKCE, state, nonce and ID token checks by openid-client. */
export async function oidcStrategy(p: OAuthProviderSettings, callbackURL: string): Promise<BuiltStrategy> {
  const config = await configuration(p);
  const identifierField = p.settings.user_identifier ?? 'email';
  const strategy = new StatefulStrategy(
    { config, callbackURL, scope: (p.scopes ?? ['openid', 'profile', 'email']).join(' '), name: p.id },
    (tokens, done) => {
      const claims = tokens.claims();
      const subject = claims?.sub ?? client.skipSubjectCheck;
      client.fetchUserInfo(config, tokens.access_token, subject).then(
        (info) => {
          const raw = { ...(claims ?? {}), ...info } as Record<string, unknown>;
          const id = raw[identifierField];
          if (typeof id !== 'string' || id === '') return done(null, false);
          const user: OAuthResult = {
            token: tokens.access_token,
            raw,
            user: { identifier: id, display_name: typeof raw.name === 'string' ? raw.name : null, metadata: { image: typeof raw.picture === 'string' ? raw.picture : null, provider: p.id } },
          };
          done(null, user as unknown as Express.User);
        },
        (err: unknown) => done(err),
      );
    },
  );
  return { strategy: strategy as unknown as passport.Strategy, options: p.prompt ? { prompt: p.prompt } : {} };
}
