/**
 * Thumbs up / down under an answer (DOM-CONTRACT §4): `.positive-feedback-off|on` and
 * `.negative-feedback-off|on`. A thumb opens a dialog with an optional comment;
 * `#submit-feedback` stores it (PUT /feedback). Clicking the thumb that is on removes the
 * feedback (DELETE /feedback). The state comes back with the thread (its steps' `feedback`).
 */
import { useState } from 'react';
import { useController } from '../../app/context.js';
import { useSession } from '../../client/react.js';
import type { IStep } from '../../client/types.js';
import { useT } from '../../i18n/i18n.js';
import { Dialog } from '../ui/Dialog.js';
import { Star, ThumbsDown, ThumbsUp } from '../ui/icons.js';
import { Tip } from '../ui/Tip.js';

export function FeedbackButtons({ message }: { message: IStep }) {
  const t = useT();
  const c = useController();
  const session = useSession();
  const [asking, setAsking] = useState<0 | 1 | null>(null);
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const current = message.feedback?.value ?? null;

  const act = async (what: () => Promise<void>) => {
    setBusy(true);
    try {
      await what();
    } catch (err) {
      c.toast((err as Error).message, 'error');
    } finally {
      setBusy(false);
    }
  };
  const click = (value: 0 | 1) => {
    if (current === value) {
      void act(() => session.removeFeedback(message.id));
      return;
    }
    setComment(message.feedback?.comment ?? '');
    setAsking(value);
  };
  const submit = () => {
    if (asking === null) return;
    const value = asking;
    void act(async () => {
      await session.giveFeedback(message.id, value, comment.trim() || null);
      setAsking(null);
      c.toast(t('chat.messages.feedback.status.updated'), 'success');
    });
  };
  const button = (value: 0 | 1) => {
    const on = current === value;
    const kind = value === 1 ? 'positive' : 'negative';
    const label = t(value === 1 ? 'chat.messages.feedback.positive' : 'chat.messages.feedback.negative');
    const Icon = value === 1 ? ThumbsUp : ThumbsDown;
    return (
      <Tip text={label}>
        <button
          type="button"
          className={`icon-button feedback-button ${kind}-feedback-${on ? 'on' : 'off'}`}
          aria-label={label}
          aria-pressed={on}
          disabled={busy}
          onClick={() => click(value)}
        >
          <Icon size={14} fill={on ? 'currentColor' : 'none'} />
        </button>
      </Tip>
    );
  };
  return (
    <>
      {button(1)}
      {button(0)}
      <Dialog
        open={asking !== null}
        onOpenChange={(o) => { if (!o) setAsking(null); }}
        id="feedback-dialog"
        title={t('chat.messages.feedback.dialog.title')}
        footer={
          <button type="button" id="submit-feedback" className="button button-primary bg-primary" disabled={busy} onClick={submit}>
            {t('chat.messages.feedback.dialog.submit')}
          </button>
        }
      >
        <textarea
          id="feedbackDescription"
          className="textarea"
          rows={3}
          value={comment}
          placeholder={t('chat.messages.feedback.dialog.yourFeedback')}
          aria-label={t('chat.messages.feedback.dialog.yourFeedback')}
          onChange={(e) => setComment(e.target.value)}
        />
      </Dialog>
    </>
  );
}

/** `.favorite-message`: marks or unmarks a message as favorite (features.favorites). */
export function FavoriteButton({ message }: { message: IStep }) {
  const t = useT();
  const session = useSession();
  const on = message.metadata?.favorite === true;
  const label = t(on ? 'chat.favorites.remove' : 'chat.favorites.add');
  return (
    <Tip text={label}>
      <button
        type="button"
        className={`icon-button favorite-message${on ? ' favorite-message-on' : ''}`}
        aria-label={label}
        aria-pressed={on}
        onClick={() => session.setFavorite(message, !on)}
      >
        <Star size={14} fill={on ? 'currentColor' : 'none'} />
      </button>
    </Tip>
  );
}
