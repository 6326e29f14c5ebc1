/** /env: one input per required user env key (#<KEY>), saved to localStorage["userEnv"]. */
import { useState } from 'react';
import { useApp, useController } from './context.js';
import { readUserEnv, saveUserEnv } from './controller.js';
import { useT } from '../i18n/i18n.js';

const NONE: never[] = [];

export function EnvPage() {
  const t = useT();
  const c = useController();
  const keys = useApp((s) => s.settings?.userEnv) ?? NONE;
  const masked = useApp((s) => s.settings?.maskUserEnv !== false);
  const [values, setValues] = useState<Record<string, string>>(readUserEnv);
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    saveUserEnv({ ...readUserEnv(), ...values });
    c.toast(t('pages.env.saved'), 'success');
    c.navigate('/');
    void c.session.reset('');
  };
  return (
    <main className="env-page">
      <form className="card env-form" onSubmit={submit}>
        <h1 className="env-title">{t('pages.env.title')}</h1>
        <p className="muted">{t('pages.env.description')}</p>
        {keys.map((k) => (
          <div key={k} className="field">
            <label htmlFor={k} className="field-label">
              {k}
            </label>
            <input
              id={k}
              name={k}
              className="input"
              type={masked ? 'password' : 'text'}
              autoComplete="off"
              value={values[k] ?? ''}
              onChange={(e) => setValues({ ...values, [k]: e.target.value })}
            />
          </div>
        ))}
        <button type="submit" id="submit-env" className="button button-primary" disabled={keys.some((k) => !values[k])}>
          {t('pages.env.save')}
        </button>
      </form>
    </main>
  );
}
