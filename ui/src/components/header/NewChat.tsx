/** #new-chat-button and its confirmation dialog (#new-chat-dialog, #confirm). */
import { SquarePen } from '../ui/icons.js';
import { useState } from 'react';
import { useApp, useController } from '../../app/context.js';
import { useT } from '../../i18n/i18n.js';
import { Dialog } from '../ui/Dialog.js';
import { Tip } from '../ui/Tip.js';

export function ConfirmNewChat({ open, onOpenChange, onConfirm }: { open: boolean; onOpenChange: (o: boolean) => void; onConfirm: () => void }) {
  const t = useT();
  return (
    <Dialog
      open={open}
      onOpenChange={onOpenChange}
      id="new-chat-dialog"
      title={t('navigation.newChat.dialog.title')}
      description={t('navigation.newChat.dialog.description')}
      onKeyDown={(e) => {
        if (e.key === 'Enter') {
          e.preventDefault();
          onConfirm();
        }
      }}
      footer={
        <>
          <button type="button" className="button button-ghost" onClick={() => onOpenChange(false)}>
            {t('common.actions.cancel')}
          </button>
          <button type="button" id="confirm" className="button button-primary bg-primary" onClick={onConfirm} autoFocus>
            {t('common.actions.confirm')}
          </button>
        </>
      }
    />
  );
}

export function NewChatButton() {
  const t = useT();
  const c = useController();
  const confirmNeeded = useApp((s) => s.settings?.ui.confirm_new_chat !== false);
  const [open, setOpen] = useState(false);
  const start = () => {
    setOpen(false);
    void c.newChat();
  };
  return (
    <>
      <Tip text={t('navigation.newChat.dialog.tooltip')}>
        <button
          type="button"
          id="new-chat-button"
          className="icon-button"
          aria-label={t('navigation.newChat.button')}
          onClick={() => (confirmNeeded ? setOpen(true) : start())}
        >
          <SquarePen size={18} />
        </button>
      </Tip>
      <ConfirmNewChat open={open} onOpenChange={setOpen} onConfirm={start} />
    </>
  );
}
