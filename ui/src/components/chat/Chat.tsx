/**
 * The chat column: welcome screen with starters before the first message, then the
 * message list (MessageList), the composer, and the whole-chat file drop zone.
 */
import { useMemo, useState } from 'react';
import { useChat } from '../../client/react.js';
import { useApp, useController } from '../../app/context.js';
import { useT } from '../../i18n/i18n.js';
import { Composer, useUploadLimits } from '../composer/Composer.js';
import { Logo } from '../header/Logo.js';
import { Loader } from '../ui/icons.js';
import { LoadingContext, MessageConfigContext, RUN_NAMES, type MessageConfig } from './message-context.js';
import { MessageList } from './MessageList.js';
import { Starters } from './Starters.js';

/** The rendering options of the app's settings; `readOnly` for a thread shown without its chat. */
export function useMessageConfig(readOnly = false): MessageConfig {
  const c = useController();
  const settings = useApp((s) => s.settings);
  const loggedIn = useApp((s) => s.user !== null);
  return useMemo(() => {
    const ui = settings?.ui;
    const f = settings?.features;
    return {
      cot: ui?.cot ?? 'full',
      allowHtml: Boolean(f?.unsafe_allow_html),
      latex: Boolean(f?.latex),
      collapse: Boolean(ui?.default_collapse_content),
      editable: f?.edit_message !== false && !readOnly,
      userMarkdown: f?.user_message_markdown !== false,
      avatarBase: c.api.endpoint,
      defaultAvatar: (ui?.default_avatar_file_url as string | null | undefined) ?? null,
      readOnly,
      feedback: Boolean(settings?.dataPersistence) && !readOnly,
      favorites: Boolean(settings?.dataPersistence && f?.favorites === true && loggedIn) && !readOnly,
    };
  }, [settings, c, readOnly, loggedIn]);
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
  const loading = useChat((s) => s.loading);
  // Empty run wrappers (an on_chat_start that sent nothing) still count as an empty chat.
  const empty = useChat((s) => !s.messages.some((m) => !(m.type === 'run' && RUN_NAMES.includes(m.name) && !m.steps?.length)));
  const limits = useUploadLimits();
  const resuming = useChat((s) => s.resumingThread !== null);
  const [dragging, setDragging] = useState(false);
  const addFiles = (files: File[]) => c.attachments.add(files, limits);
  return (
    <MessageConfigContext.Provider value={config}>
      <LoadingContext.Provider value={loading}>
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
        {resuming ? (
          <div className="thread-loading-page" role="status">
            <Loader className="spin" size={24} aria-label={t('common.status.loading')} />
          </div>
        ) : empty ? (
          <div id="welcome-screen" className="welcome-screen">
            <Logo className="welcome-logo" />
            <Composer />
            <Starters />
          </div>
        ) : (
          <>
            <MessageList />
            <div className="composer-dock">
              <Composer />
            </div>
          </>
        )}
      </div>
      </LoadingContext.Provider>
    </MessageConfigContext.Provider>
  );
}
