/**
 * Minimal /login (the full auth screens come with the auth issue): password form with the
 * DOM contract's ids, header auth attempted automatically.
 */
import { useEffect, useState } from 'react';
import { ClientError } from '../client/api.js';
import { useApp, useController } from './context.js';
import { useT } from '../i18n/i18n.js';

export function LoginPage() {
  const t = useT();
  const c = useController();
  const config = useApp((s) => s.authConfig);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const done = () => window.location.assign(c.href('/'));
  useEffect(() => {
    if (!config?.headerAuth) return;
    c.api.post('/auth/header', {}).then(done, (err: Error) => setError(err.message));
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
      const msg = (err as Error).message;
      setError(msg);
      c.toast(msg, 'error');
    } finally {
      setBusy(false);
    }
  };
  return (
    <main className="env-page">
      <form className="card env-form" onSubmit={(e) => void submit(e)}>
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
              <input id="email" name="email" className="input" autoComplete="username" required />
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
      </form>
    </main>
  );
}
