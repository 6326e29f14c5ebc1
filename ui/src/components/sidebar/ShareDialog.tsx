/**
 * The share dialog of a thread: shares it (PUT /project/thread/share) and shows the link
 * to copy; "Unshare" closes the link again.
 */
import { useEffect, useState } from 'react';
import { useController } from '../../app/context.js';
import type { ThreadSummary } from '../../client/history.js';
import { useT } from '../../i18n/i18n.js';
import { Dialog } from '../ui/Dialog.js';
import { Check, Copy } from '../ui/icons.js';

export function ShareDialog({ thread, onClose }: { thread: ThreadSummary; onClose: () => void }) {
  const t = useT();
  const c = useController();
  const [state, setState] = useState<'sharing' | 'shared' | 'unshared' | 'error'>('sharing');
  const [copied, setCopied] = useState(false);
  const link = `${window.location.origin}${c.href(`/share/${thread.id}`)}`;

  const share = async (isShared: boolean) => {
    setState('sharing');
    try {
      await c.history.share(thread.id, isShared);
      setState(isShared ? 'shared' : 'unshared');
    } catch (err) {
      setState('error');
      c.toast((err as Error).message, 'error');
    }
  };
  useEffect(() => {
    void share(true);
  }, [thread.id]);

  return (
    <Dialog
      open
      onOpenChange={(o) => { if (!o) onClose(); }}
      id="share-thread-dialog"
      title={t('threadHistory.thread.share.title')}
      description={t('threadHistory.thread.share.description')}
      footer={
        state === 'shared' ? (
          <>
            <button type="button" id="unshare-thread" className="button button-ghost" onClick={() => void share(false)}>
              {t('threadHistory.thread.share.unshare')}
            </button>
            <button
              type="button"
              id="copy-share-link"
              className="button button-primary bg-primary"
              onClick={() =>
                void navigator.clipboard?.writeText(link).then(() => {
                  setCopied(true);
                  c.toast(t('threadHistory.thread.share.copied'), 'success');
                })
              }
            >
              {copied ? <Check size={14} /> : <Copy size={14} />}
              {t('threadHistory.thread.share.copy')}
            </button>
          </>
        ) : (
          <button type="button" className="button button-ghost" onClick={onClose}>
            {t('common.actions.close')}
          </button>
        )
      }
    >
      {state === 'shared' ? (
        <input id="share-link" className="input" readOnly value={link} aria-label={t('threadHistory.thread.share.link')} onFocus={(e) => e.currentTarget.select()} />
      ) : state === 'unshared' ? (
        <p id="share-status">{t('threadHistory.thread.share.unshared')}</p>
      ) : state === 'sharing' ? (
        <p id="share-status">{t('common.status.loading')}</p>
      ) : null}
    </Dialog>
  );
}
