/**
 * `#thread-options` of a thread item (DOM-CONTRACT §11): rename (a dialog with `#name`),
 * share (only when sharing is on) and delete, confirmed in a `role="alertdialog"`.
 */
import * as M from '@radix-ui/react-dropdown-menu';
import { useState } from 'react';
import { useApp, useController } from '../../app/context.js';
import type { ThreadSummary } from '../../client/history.js';
import { useT } from '../../i18n/i18n.js';
import { Dialog } from '../ui/Dialog.js';
import { Ellipsis, Pencil, Share2, Trash2 } from '../ui/icons.js';
import { usePortalRoot } from '../ui/portal-root.js';
import { ShareDialog } from './ShareDialog.js';

type Open = 'rename' | 'share' | 'delete' | null;

export function ThreadOptions({ thread }: { thread: ThreadSummary }) {
  const t = useT();
  const c = useController();
  const portalRoot = usePortalRoot();
  const sharing = useApp((s) => s.settings?.threadSharing === true);
  const [open, setOpen] = useState<Open>(null);
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const close = (o: boolean) => { if (!o) setOpen(null); };

  const run = async (what: () => Promise<void>, done: string) => {
    setBusy(true);
    try {
      await what();
      setOpen(null);
      c.toast(done, 'success');
    } catch (err) {
      c.toast((err as Error).message, 'error');
    } finally {
      setBusy(false);
    }
  };
  const rename = () => {
    const value = name.trim();
    if (!value) return;
    void run(() => c.history.rename(thread.id, value), t('threadHistory.thread.actions.renamed'));
  };
  const remove = () =>
    void run(async () => {
      await c.history.remove(thread.id);
      // The open thread is gone: start afresh.
      if (c.store.get().path === `/thread/${thread.id}`) await c.newChat();
    }, t('threadHistory.thread.actions.deleted'));

  return (
    <>
      <M.Root>
        <M.Trigger asChild>
          <button type="button" id="thread-options" className="icon-button thread-options" aria-label={t('threadHistory.thread.menu.options')} onClick={(e) => e.stopPropagation()}>
            <Ellipsis size={16} />
          </button>
        </M.Trigger>
        <M.Portal container={portalRoot}>
          <M.Content className="menu" align="start" sideOffset={4} onClick={(e) => e.stopPropagation()}>
            <M.Item id="rename-thread" className="menu-item" onSelect={() => { setName(thread.name ?? ''); setOpen('rename'); }}>
              <Pencil size={16} aria-hidden="true" />
              {t('threadHistory.thread.menu.rename')}
            </M.Item>
            {sharing ? (
              <M.Item id="share-thread" className="menu-item" onSelect={() => setOpen('share')}>
                <Share2 size={16} aria-hidden="true" />
                {t('threadHistory.thread.menu.share')}
              </M.Item>
            ) : null}
            <M.Item id="delete-thread" className="menu-item menu-item-danger" onSelect={() => setOpen('delete')}>
              <Trash2 size={16} aria-hidden="true" />
              {t('threadHistory.thread.menu.delete')}
            </M.Item>
          </M.Content>
        </M.Portal>
      </M.Root>
      <Dialog
        open={open === 'rename'}
        onOpenChange={close}
        id="rename-thread-dialog"
        title={t('threadHistory.thread.actions.rename.title')}
        footer={
          <>
            <button type="button" className="button button-ghost" onClick={() => setOpen(null)}>
              {t('common.actions.cancel')}
            </button>
            <button type="button" id="rename-thread-submit" className="button button-primary bg-primary" disabled={busy || !name.trim()} onClick={rename}>
              {t('threadHistory.thread.actions.rename.submit')}
            </button>
          </>
        }
      >
        <input
          id="name"
          className="input"
          value={name}
          aria-label={t('threadHistory.thread.actions.rename.label')}
          autoFocus
          onChange={(e) => setName(e.target.value)}
          onKeyDown={(e) => { if (e.key === 'Enter') { e.preventDefault(); rename(); } }}
        />
      </Dialog>
      <Dialog
        open={open === 'delete'}
        onOpenChange={close}
        id="delete-thread-dialog"
        role="alertdialog"
        title={t('threadHistory.thread.actions.delete.title')}
        description={t('threadHistory.thread.actions.delete.description')}
        footer={
          <>
            <button type="button" className="button button-ghost" onClick={() => setOpen(null)}>
              {t('common.actions.cancel')}
            </button>
            <button type="button" className="button button-primary bg-primary" disabled={busy} onClick={remove}>
              {t('threadHistory.thread.actions.delete.confirm')}
            </button>
          </>
        }
      />
      {open === 'share' ? <ShareDialog thread={thread} onClose={() => setOpen(null)} /> : null}
    </>
  );
}
