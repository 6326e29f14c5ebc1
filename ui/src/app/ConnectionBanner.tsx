/** Connection state: reconnecting / lost (#session-error with retry), restored toast. */
import { RefreshCw, WifiOff } from '../components/ui/icons.js';
import { useEffect, useRef } from 'react';
import { useChat } from '../client/react.js';
import { useController } from './context.js';
import { useT } from '../i18n/i18n.js';

export function ConnectionBanner() {
  const t = useT();
  const c = useController();
  const connection = useChat((s) => s.connection);
  const error = useChat((s) => s.connectionError);
  const prev = useRef(connection);
  useEffect(() => {
    if (prev.current === 'reconnecting' && connection === 'connected') c.toast(t('chat.connection.restored'), 'success');
    prev.current = connection;
  }, [connection]);
  if (connection === 'connected' || connection === 'idle') return null;
  if (connection === 'connecting' || connection === 'reconnecting') {
    return (
      <div className="connection-banner" role="status">
        <RefreshCw size={14} className="spin" aria-hidden="true" />
        {t(connection === 'connecting' ? 'chat.connection.connecting' : 'chat.connection.reconnecting')}
      </div>
    );
  }
  return (
    <div id="session-error" className="connection-banner alert alert-error" role="alert">
      <WifiOff size={14} aria-hidden="true" />
      <span>{connection === 'refused' && error ? t('chat.connection.refused', { error }) : t('chat.connection.disconnected')}</span>
      <button type="button" className="button button-outline button-sm" onClick={() => void c.session.retry()}>
        {t('chat.connection.retry')}
      </button>
    </div>
  );
}
