/**
 * /login and /login/callback (DOM-CONTRACT §3): the password form (`#email`, `#password`,
 * the only submit button), one button per OAuth provider, header auth tried at once, the
 * errors a provider or the form reports in an `.alert`, and `ui.login_page_image`.
 */
import { useEffect, useState } from 'react';
import { ClientError } from '../client/api.js';
import { useApp, useController } from './context.js';
import { useT, type Translate } from '../i18n/i18n.js';
import { ProviderIcon, providerName } from './auth/ProviderIcon.js';
import { filterFromClasses } from './auth/login-image.js';
import { rememberReturnTo, takeReturnTo } from './auth/return-to.js';

function errorText(t: Translate, code: string): string {
  if (code === 'credentialssignin') return t('auth.login.errors.credentialssignin');
  if (code === 'oauth_failed') return t('auth.login.errors.oauth');
  return `${t('auth.login.errors.default')} (${code})`;
}

function LoginImage() {
  const ui = useApp((s) => s.authConfig?.ui);
  const variant = useApp((s) => s.variant);
  if (!ui?.login_page_image) return null;
  const classes = variant === 'dark' ? (ui.login_page_image_dark_filter ?? ui.login_page_image_filter) : ui.login_page_image_filter;
  return (
    <div className="login-image">
      <img src={ui.login_page_image} alt="" className={classes ?? undefined} style={{ filter: filterFromClasses(classes) }} />
    </div>
  );
}

export function LoginPage() {
  const t = useT();
  const c = useController();
  const config = useApp((s) => s.authConfig);
  const [error, setError] = useState<string | null>(() => {
    const code = new URLSearchParams(window.location.search).get('error');
    return code ? errorText(t, code) : null;
  });
  const [busy, setBusy] = useState(false);
  // Back where the user was sent from; a full load boots the app as this user.
  const done = () => window.location.assign(c.href(takeReturnTo() ?? '/'));

  useEffect(() => {
    if (!config?.headerAuth) return;
    c.api.post('/auth/header', {}).then(done, (err: Error) => setError(err instanceof ClientError && err.status === 401 ? errorText(t, 'credentialssignin') : err.message));
  }, [config?.headerAuth]);

  const submit = async (e: React.FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const body = new FormData();
    body.set('username', String(form.get('email') ?? ''));
    body.set('password', String(form.get('password') ?? ''));
    setBusy(true);
    try {
      const res = await fetch(c.api.url('/login'), { method: 'POST', body, credentials: 'include' });
      if (!res.ok) {
        const detail = await res.json().then((j: { detail?: string }) => j.detail, () => '');
        throw new ClientError(`${res.statusText}: ${detail ?? ''}`, res.status, detail);
      }
      done();
    } catch (err) {
      const status = err instanceof ClientError ? err.status : 0;
      setError(status === 401 ? errorText(t, 'credentialssignin') : status === 429 ? t('auth.login.errors.tooMany') : (err as Error).message);
      c.toast((err as Error).message, 'error');
    } finally {
      setBusy(false);
    }
  };

  const oauth = (id: string) => {
    const back = takeReturnTo();
    if (back) rememberReturnTo(back);
    const query = back ? `?redirect=${encodeURIComponent(back)}` : '';
    window.location.assign(c.api.url(`/auth/oauth/${encodeURIComponent(id)}${query}`));
  };

  const providers = config?.oauthProviders ?? [];
  return (
    <main className="login-page">
      <div className="login-panel">
        <form className="card env-form login-form" onSubmit={(e) => void submit(e)}>
          <h1 className="env-title">{t('auth.login.title')}</h1>
          {error ? (
            <div className="alert alert-error" role="alert">
              {error}
            </div>
          ) : null}
          {config?.passwordAuth ? (
            <>
              <div className="field">
                <label htmlFor="email" className="field-label">
                  {t('auth.login.form.email.label')}
                </label>
                <input id="email" name="email" className="input" autoComplete="username" required autoFocus />
              </div>
              <div className="field">
                <label htmlFor="password" className="field-label">
                  {t('auth.login.form.password.label')}
                </label>
                <input id="password" name="password" type="password" className="input" autoComplete="current-password" required />
              </div>
              <button type="submit" className="button button-primary" disabled={busy}>
                {t('auth.login.form.actions.signin')}
              </button>
            </>
          ) : null}
          {config?.passwordAuth && providers.length > 0 ? <div className="login-separator">{t('auth.login.form.alternativeText')}</div> : null}
          {providers.map((id) => (
            <button key={id} type="button" id={`oauth-${id}`} className="button oauth-button" onClick={() => oauth(id)}>
              <ProviderIcon id={id} />
              {t('auth.provider.continue', { provider: providerName(id) })}
            </button>
          ))}
        </form>
      </div>
      <LoginImage />
    </main>
  );
}
