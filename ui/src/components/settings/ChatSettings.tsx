/**
 * #chat-settings modal: edits a draft of the values; Confirm sends chat_settings_change,
 * Cancel restores the values from when it opened, Reset goes back to the widgets' initials.
 */
import { Fragment, useEffect, useState } from 'react';
import { useChat, useSession } from '../../client/react.js';
import { widgetDefaults } from '../../client/chat-state.js';
import type { InputTab, InputWidget } from '../../client/types.js';
import { useApp, useController } from '../../app/context.js';
import { useT } from '../../i18n/i18n.js';
import { Dialog } from '../ui/Dialog.js';
import { Widget } from './widgets.js';

function Field({ widget, value, onChange }: { widget: InputWidget; value: unknown; onChange: (v: unknown) => void }) {
  const inline = widget.type === 'switch' || widget.type === 'checkbox';
  return (
    <div className={`field${inline ? ' field-inline' : ''}`}>
      <label htmlFor={widget.id} className="field-label" title={widget.tooltip ?? undefined}>
        {widget.label}
      </label>
      <Widget widget={widget} value={value} onChange={onChange} />
      {widget.description ? <p className="field-description muted small">{widget.description}</p> : null}
    </div>
  );
}

export function ChatSettings() {
  const t = useT();
  const c = useController();
  const session = useSession();
  const open = useApp((s) => s.settingsOpen);
  const inputs = useChat((s) => s.chatSettingsInputs);
  const values = useChat((s) => s.chatSettingsValue);
  const [draft, setDraft] = useState<Record<string, unknown>>(values);
  useEffect(() => {
    if (open) setDraft(values);
  }, [open]);
  const close = () => c.store.set({ settingsOpen: false });
  const change = (id: string, v: unknown) => {
    const next = { ...draft, [id]: v };
    setDraft(next);
    session.editChatSettings(next);
  };
  const render = (w: InputWidget | InputTab) =>
    'inputs' in w && !('type' in w) ? (
      <Fragment key={w.id}>
        <h3 className="settings-tab-title">{w.label}</h3>
        {w.inputs.map(render)}
      </Fragment>
    ) : (
      <Field key={w.id} widget={w as InputWidget} value={draft[w.id]} onChange={(v) => change(w.id, v)} />
    );
  return (
    <Dialog
      open={open}
      onOpenChange={(o) => (o ? c.store.set({ settingsOpen: true }) : close())}
      id="chat-settings"
      title={t('chat.settings.title')}
      className="settings-dialog"
      footer={
        <>
          <button type="button" className="button button-ghost settings-reset" onClick={() => setDraft(widgetDefaults(inputs))}>
            {t('common.actions.reset')}
          </button>
          <span className="spacer" />
          <button type="button" className="button button-ghost" onClick={close}>
            {t('common.actions.cancel')}
          </button>
          <button
            type="button"
            id="confirm"
            className="button button-primary bg-primary"
            onClick={() => {
              session.updateChatSettings(draft);
              close();
            }}
          >
            {t('common.actions.confirm')}
          </button>
        </>
      }
    >
      <div className="settings-fields">{inputs.map(render)}</div>
    </Dialog>
  );
}
