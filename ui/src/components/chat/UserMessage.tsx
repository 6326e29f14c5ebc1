/** The user's bubble, its attachments, the command it was sent with, and in-place editing. */
import { Pencil } from '../ui/icons.js';
import { memo, useMemo, useState } from 'react';
import { useChat, useSession } from '../../client/react.js';
import type { IStep } from '../../client/types.js';
import { useT } from '../../i18n/i18n.js';
import { InlineElements } from '../elements/InlineElements.js';
import { MessageContent } from './MessageContent.js';
import { FavoriteButton } from './Feedback.js';
import { useMessageConfig } from './message-context.js';

export const UserMessage = memo(function UserMessage({ message }: { message: IStep }) {
  const t = useT();
  const session = useSession();
  const { editable, favorites } = useMessageConfig();
  const busy = useChat((s) => s.loading || s.ask !== null);
  const all = useChat((s) => s.elements);
  const elements = useMemo(() => all.filter((e) => e.forId === message.id), [all, message.id]);
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(message.output);
  const submit = () => {
    const text = draft.trim();
    setEditing(false);
    if (text && text !== message.output) session.editMessage(message.id, text);
  };
  return (
    <div className="user-message">
      {elements.length ? <InlineElements elements={elements} /> : null}
      {editing ? (
        <div className="user-edit">
          <textarea
            id="edit-chat-input"
            className="textarea"
            value={draft}
            autoFocus
            onChange={(e) => setDraft(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
                e.preventDefault();
                submit();
              } else if (e.key === 'Escape') setEditing(false);
            }}
          />
          <div className="user-edit-actions">
            <button type="button" className="button button-ghost" onClick={() => setEditing(false)}>
              {t('common.actions.cancel')}
            </button>
            <button type="button" className="button button-primary confirm-edit" onClick={submit} disabled={!draft.trim()}>
              {t('common.actions.confirm')}
            </button>
          </div>
        </div>
      ) : !message.output && !message.command && elements.length ? null : (
        // Attachments alone (a voice recording, files sent without text): no empty bubble.
        <div className="user-bubble-row">
          {editable ? (
            <button
              type="button"
              className="icon-button edit-message"
              aria-label={t('chat.messages.actions.edit')}
              disabled={busy}
              onClick={() => {
                setDraft(message.output);
                setEditing(true);
              }}
            >
              <Pencil size={14} />
            </button>
          ) : null}
          {favorites && message.output ? <FavoriteButton message={message} /> : null}
          <div className="user-bubble">
            {message.command ? <span className="command-span">{message.command}</span> : null}
            <MessageContent message={message} section="output" />
          </div>
        </div>
      )}
    </div>
  );
});
