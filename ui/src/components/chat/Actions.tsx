/**
 * Action buttons under a message (DOM-CONTRACT §5): ids are the action ids verbatim; while
 * an action ask is pending its actions render only as ask buttons.
 */
import { Check, Copy } from '../ui/icons.js';
import { memo, useContext, useMemo, useState } from 'react';
import { useChat, useSession } from '../../client/react.js';
import type { IAction, IStep } from '../../client/types.js';
import { useT } from '../../i18n/i18n.js';
import { useController } from '../../app/context.js';
import { NamedIcon } from '../ui/Icon.js';
import { Tip } from '../ui/Tip.js';
import { FeedbackButtons } from './Feedback.js';
import { FeedbackTargetsContext, useMessageConfig } from './message-context.js';

function ActionButton({ action, disabled, onClick }: { action: IAction; disabled: boolean; onClick: () => void }) {
  return (
    <Tip text={action.tooltip}>
      <button type="button" id={action.id} className="button button-outline action-button" disabled={disabled} onClick={onClick}>
        {action.icon ? <NamedIcon name={action.icon} size={14} /> : null}
        {action.label || action.name}
      </button>
    </Tip>
  );
}

function CopyButton({ text }: { text: string }) {
  const t = useT();
  const [done, setDone] = useState(false);
  return (
    <Tip text={t('chat.messages.actions.copy.button')}>
      <button
        type="button"
        className="icon-button copy-message"
        aria-label={t('chat.messages.actions.copy.button')}
        onClick={() =>
          void navigator.clipboard?.writeText(text).then(() => {
            setDone(true);
            setTimeout(() => setDone(false), 1500);
          })
        }
      >
        {done ? <Check size={14} /> : <Copy size={14} />}
      </button>
    </Tip>
  );
}

export const MessageActions = memo(function MessageActions({ message }: { message: IStep }) {
  const session = useSession();
  const controller = useController();
  const all = useChat((s) => s.actions);
  const loading = useChat((s) => s.loading);
  const askKeys = useChat((s) => (s.ask?.spec.type === 'action' ? s.ask.spec.keys : null));
  const [pending, setPending] = useState<string | null>(null);
  const actions = useMemo(
    () => all.filter((a) => a.forId === message.id && !(askKeys && askKeys.includes(a.id))),
    [all, message.id, askKeys],
  );
  const isAssistant = message.type === 'assistant_message';
  const config = useMessageConfig();
  const feedback = useContext(FeedbackTargetsContext).has(message.id) && config.feedback;
  if (!actions.length && !feedback && !(isAssistant && message.output && !message.streaming)) return null;
  const run = async (a: IAction) => {
    setPending(a.id);
    try {
      await session.callAction(a);
    } catch (err) {
      controller.toast((err as Error).message, 'error');
    } finally {
      setPending(null);
    }
  };
  return (
    <div className="message-actions">
      {actions.map((a) => (
        <ActionButton key={a.id} action={a} disabled={loading || pending === a.id} onClick={() => void run(a)} />
      ))}
      {isAssistant && message.output && !message.streaming ? <CopyButton text={message.output} /> : null}
      {feedback ? <FeedbackButtons message={message} /> : null}
    </div>
  );
});

export const AskActionButtons = memo(function AskActionButtons({ message }: { message: IStep }) {
  const session = useSession();
  const ask = useChat((s) => s.ask);
  const all = useChat((s) => s.actions);
  if (!ask || ask.spec.type !== 'action' || ask.msg.id !== message.id) return null;
  const keys = ask.spec.keys;
  const actions = all.filter((a) => keys.includes(a.id));
  return (
    <div className="message-actions ask-actions">
      {actions.map((a) => (
        <ActionButton key={a.id} action={a} disabled={false} onClick={() => session.answerAsk(a)} />
      ))}
    </div>
  );
});
