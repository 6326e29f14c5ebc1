/**
 * The scrolling message list. Only the last WINDOW rows are mounted; older ones come back
 * a page at a time through a "Show more" sentinel at the top (clicked, or scrolled into
 * view), keeping the reader's position. Why a window and not full virtualisation: see
 * docs/ui.md ("Long threads"). Auto-scroll follows new content while the reader is at
 * the bottom; otherwise a button offers to jump there.
 */
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useApp } from '../../app/context.js';
import { useChat } from '../../client/react.js';
import { useT } from '../../i18n/i18n.js';
import { ArrowDown } from '../ui/icons.js';
import { Message } from './Message.js';
import { LoadingCursor } from './Messages.js';
import { FeedbackTargetsContext, useMessageConfig } from './message-context.js';
import { feedbackTargets, flattenRows } from './rows.js';

/** Rows mounted at the end of the thread; far more than a screen, and than any spec uses. */
export const WINDOW = 100;
/** Rows added by each "Show more": about 70 ms of rendering, one slow frame at most. */
export const PAGE = 50;
const BOTTOM_SLACK_PX = 40;

function ShowEarlier({ root, onShow }: { root: React.RefObject<HTMLDivElement>; onShow: () => void }) {
  const t = useT();
  const ref = useRef<HTMLButtonElement>(null);
  const show = useRef(onShow);
  show.current = onShow;
  useEffect(() => {
    const el = ref.current;
    if (!el || !root.current) return;
    const io = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) show.current();
    }, { root: root.current, rootMargin: '300px 0px 0px 0px' });
    io.observe(el);
    return () => io.disconnect();
  }, [root]);
  return (
    <button ref={ref} type="button" className="link-button show-earlier" onClick={() => show.current()}>
      {t('common.actions.showMore')}
    </button>
  );
}

export function MessageList() {
  const t = useT();
  const messages = useChat((s) => s.messages);
  const loading = useChat((s) => s.loading);
  const { cot } = useMessageConfig();
  const autoscroll = useApp((s) => s.settings?.features.assistant_message_autoscroll !== false);
  const followUser = useApp((s) => s.settings?.features.user_message_autoscroll !== false);
  const rows = useMemo(() => flattenRows(messages, cot, loading), [messages, cot, loading]);
  // Keyed by its ids so the set (and every message's actions reading it) stays the same
  // object while a stream changes `messages` on every frame.
  const targetKey = useMemo(() => [...feedbackTargets(messages, loading)].join(' '), [messages, loading]);
  const targets = useMemo(() => new Set(targetKey ? targetKey.split(' ') : []), [targetKey]);
  const [extra, setExtra] = useState(0);
  const hidden = Math.max(0, rows.length - WINDOW - extra);
  const scroller = useRef<HTMLDivElement>(null);
  const atBottom = useRef(true);
  // Distance from the bottom to keep when older rows are mounted above the viewport.
  const keepFromBottom = useRef<number | null>(null);
  const [showJump, setShowJump] = useState(false);
  const last = messages[messages.length - 1];

  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    if (keepFromBottom.current !== null) {
      el.scrollTop = el.scrollHeight - keepFromBottom.current;
      keepFromBottom.current = null;
      return;
    }
    const userJustSent = followUser && last?.type === 'user_message' && !last.steps?.length;
    if ((autoscroll && atBottom.current) || userJustSent) el.scrollTop = el.scrollHeight;
  }, [rows, extra, autoscroll, followUser, last]);

  const showEarlier = () => {
    const el = scroller.current;
    if (!el || hidden === 0) return;
    keepFromBottom.current = el.scrollHeight - el.scrollTop;
    setExtra((e) => e + PAGE);
  };

  return (
    <FeedbackTargetsContext.Provider value={targets}>
    <div
      ref={scroller}
      className="message-scroll custom-scrollbar"
      onScroll={(e) => {
        const el = e.currentTarget;
        const bottom = el.scrollHeight - el.scrollTop - el.clientHeight < BOTTOM_SLACK_PX;
        // Scrolled back down to the end: let go of the history mounted for reading.
        if (bottom && !atBottom.current && extra > 0) setExtra(0);
        atBottom.current = bottom;
        if (showJump === bottom) setShowJump(!bottom);
      }}
    >
      <div className="message-list" role="log" aria-live="polite" aria-relevant="additions">
        {hidden > 0 ? <ShowEarlier root={scroller} onShow={showEarlier} /> : null}
        {rows.slice(hidden).map((row) =>
          row.kind === 'cursor' ? (
            <LoadingCursor key={row.key} />
          ) : (
            <Message key={row.key} message={row.message} indent={0} isRunning={row.isRunning} trailing={false} />
          ),
        )}
      </div>
      {showJump ? (
        <button
          type="button"
          className="scroll-to-bottom icon-button"
          aria-label={t('chat.messages.actions.scrollDown')}
          onClick={() => scroller.current?.scrollTo({ top: scroller.current.scrollHeight, behavior: 'smooth' })}
        >
          <ArrowDown size={16} />
        </button>
      ) : null}
    </div>
    </FeedbackTargetsContext.Provider>
  );
}
