/**
 * The chat column: welcome screen with starters before the first message, then the
 * message list with auto-scroll, the composer, and the whole-chat file drop zone.
 */
import { ArrowDown } from '../ui/icons.js';
import { useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useChat } from '../../client/react.js';
import { useApp, useController } from '../../app/context.js';
import { useT } from '../../i18n/i18n.js';
import { Composer, useUploadLimits } from '../composer/Composer.js';
import { Logo } from '../header/Logo.js';
import { MessageConfigContext, RUN_NAMES, type MessageConfig } from './message-context.js';
import { LoadingCursor, Messages } from './Messages.js';
import { Starters } from './Starters.js';

function useMessageConfig(): MessageConfig {
  const c = useController();
  const settings = useApp((s) => s.settings);
  const loading = useChat((s) => s.loading);
  return useMemo(() => {
    const ui = settings?.ui;
    const f = settings?.features;
    return {
      cot: ui?.cot ?? 'full',
      allowHtml: Boolean(f?.unsafe_allow_html),
      latex: Boolean(f?.latex),
      collapse: Boolean(ui?.default_collapse_content),
      editable: f?.edit_message !== false,
      userMarkdown: f?.user_message_markdown !== false,
      loading,
      avatarBase: c.api.endpoint,
      defaultAvatar: (ui?.default_avatar_file_url as string | null | undefined) ?? null,
    };
  }, [settings, loading, c]);
}

function MessageArea() {
  const t = useT();
  const messages = useChat((s) => s.messages);
  const loading = useChat((s) => s.loading);
  const autoscroll = useApp((s) => s.settings?.features.assistant_message_autoscroll !== false);
  const scroller = useRef<HTMLDivElement>(null);
  const atBottom = useRef(true);
  const [showJump, setShowJump] = useState(false);
  const last = messages[messages.length - 1];
  // A user message whose run has not arrived yet still gets the thinking cursor.
  const pendingUser = loading && last?.type === 'user_message' && !last.steps?.length;

  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const userJustSent = last?.type === 'user_message' && !last.steps?.length;
    if ((autoscroll && atBottom.current) || userJustSent) el.scrollTop = el.scrollHeight;
  }, [messages, autoscroll, last]);

  return (
    <div
      ref={scroller}
      className="message-scroll custom-scrollbar"
      onScroll={(e) => {
        const el = e.currentTarget;
        const bottom = el.scrollHeight - el.scrollTop - el.clientHeight < 40;
        atBottom.current = bottom;
        if (showJump === bottom) setShowJump(!bottom);
      }}
    >
      <div className="message-list" role="log" aria-live="polite" aria-relevant="additions">
        <Messages messages={messages} indent={0} />
        {pendingUser ? <LoadingCursor /> : null}
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
  );
}

function DropZone({ onFiles }: { onFiles: (files: File[]) => void }) {
  const t = useT();
  const limits = useUploadLimits();
  const connected = useChat((s) => s.connection === 'connected');
  if (!limits.enabled || !connected) return null;
  return (
    <input
      id="#upload-drop-input"
      type="file"
      multiple
      hidden
      aria-label={t('chat.dropScreen.title')}
      onChange={(e) => {
        const files = Array.from(e.target.files ?? []);
        e.target.value = '';
        onFiles(files);
      }}
    />
  );
}

export function Chat() {
  const t = useT();
  const c = useController();
  const config = useMessageConfig();
  // Empty run wrappers (an on_chat_start that sent nothing) still count as an empty chat.
  const empty = useChat((s) => !s.messages.some((m) => !(m.type === 'run' && RUN_NAMES.includes(m.name) && !m.steps?.length)));
  const limits = useUploadLimits();
  const [dragging, setDragging] = useState(false);
  const addFiles = (files: File[]) => c.attachments.add(files, limits);
  return (
    <MessageConfigContext.Provider value={config}>
      <div
        className="chat"
        onDragOver={(e) => {
          if (!limits.enabled || !e.dataTransfer.types.includes('Files')) return;
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={(e) => {
          if (e.currentTarget === e.target) setDragging(false);
        }}
        onDrop={(e) => {
          if (!limits.enabled) return;
          e.preventDefault();
          setDragging(false);
          addFiles(Array.from(e.dataTransfer.files));
        }}
      >
        <DropZone onFiles={addFiles} />
        {dragging ? <div className="drop-overlay">{t('chat.dropScreen.title')}</div> : null}
        {empty ? (
          <div id="welcome-screen" className="welcome-screen">
            <Logo className="welcome-logo" />
            <Composer />
            <Starters />
          </div>
        ) : (
          <>
            <MessageArea />
            <div className="composer-dock">
              <Composer />
            </div>
          </>
        )}
      </div>
    </MessageConfigContext.Provider>
  );
}
