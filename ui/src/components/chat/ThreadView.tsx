/**
 * A thread shown read-only (DOM-CONTRACT §11): someone's shared thread, or one of the
 * user's own when the app cannot resume threads. The messages render as in the chat, from
 * a session that never connects; `[data-testid="read-only-banner"]` says why there is no
 * composer. The spinner (`.lucide-loader`) shows while the thread loads.
 */
import { useController } from '../../app/context.js';
import type { ThreadView as View } from '../../app/app-state.js';
import { SessionContext } from '../../client/react.js';
import { useT } from '../../i18n/i18n.js';
import { Loader } from '../ui/icons.js';
import { useMessageConfig } from './Chat.js';
import { MessageConfigContext } from './message-context.js';
import { MessageList } from './MessageList.js';

export function NotFound() {
  const t = useT();
  const c = useController();
  return (
    <div id="not-found" className="not-found" role="alert">
      <h1>404</h1>
      <p>{t('threadHistory.thread.notFound')}</p>
      <a
        href={c.href('/')}
        className="button button-outline"
        onClick={(e) => {
          e.preventDefault();
          void c.newChat();
        }}
      >
        {t('common.actions.goBack')}
      </a>
    </div>
  );
}

export function ThreadView({ view }: { view: View }) {
  const t = useT();
  const c = useController();
  const config = useMessageConfig(true);
  if (view.status === 'loading') {
    return (
      <div className="thread-loading-page" role="status">
        <Loader className="spin" size={24} aria-label={t('common.status.loading')} />
      </div>
    );
  }
  if (view.status === 'notFound') return <NotFound />;
  if (view.status === 'error' || !c.viewSession) {
    return (
      <div className="thread-loading-page">
        <div className="alert alert-error" role="alert">
          {view.error ?? t('common.status.error.default')}
        </div>
      </div>
    );
  }
  return (
    <SessionContext.Provider value={c.viewSession}>
      <MessageConfigContext.Provider value={config}>
        <div className="chat thread-view" data-thread-id={view.id}>
          <MessageList />
          <div className="composer-dock">
            <div className="read-only-banner" data-testid="read-only-banner" role="note">
              {t(view.shared ? 'threadHistory.thread.readOnly.shared' : 'threadHistory.thread.readOnly.own')}
            </div>
          </div>
        </div>
      </MessageConfigContext.Provider>
    </SessionContext.Provider>
  );
}
