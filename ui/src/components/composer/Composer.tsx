/**
 * #message-composer (DOM-CONTRACT §6): input, attachments, tool row (upload, settings,
 * commands, modes) and the send / stop button.
 */
import { ArrowUp, Paperclip, Settings2, Square } from '../ui/icons.js';
import { useEffect, useRef, useState } from 'react';
import { acceptAttribute } from '../../client/accept.js';
import { useChat, useStore } from '../../client/react.js';
import type { ICommand } from '../../client/types.js';
import { useApp, useController } from '../../app/context.js';
import { useT } from '../../i18n/i18n.js';
import { Tip } from '../ui/Tip.js';
import { AttachmentsRow } from './AttachmentsRow.js';
import { ChatInput, type ChatInputHandle } from './ChatInput.js';
import { CommandButtons } from './CommandButtons.js';
import { CommandPopover } from './CommandPopover.js';
import { McpButton } from './McpButton.js';
import { FavoritesMenu } from './Favorites.js';
import { ModePicker } from './ModePicker.js';
import { VoiceButton } from './VoiceButton.js';

function initialPrompt(): string {
  const p = new URLSearchParams(window.location.search).get('prompt');
  return p ? p.slice(0, 1000) : '';
}

export function useUploadLimits() {
  const upload = useApp((s) => s.settings?.features.spontaneous_file_upload);
  return upload?.enabled
    ? { enabled: true, accept: upload.accept ?? null, maxSizeMb: upload.max_size_mb ?? null, maxFiles: upload.max_files ?? null }
    : { enabled: false, accept: null, maxSizeMb: null, maxFiles: null };
}

export function Composer() {
  const t = useT();
  const c = useController();
  // `?prompt=` is the app's own page parameter, not the host page's (copilot).
  const [value, setValue] = useState(() => c.draft ?? (c.embedded ? '' : initialPrompt()));
  useEffect(() => {
    c.draft = value;
  }, [value]);
  const inputRef = useRef<ChatInputHandle>(null);
  const fileRef = useRef<HTMLInputElement>(null);
  const connection = useChat((s) => s.connection);
  const loading = useChat((s) => s.loading);
  const askType = useChat((s) => s.ask?.spec.type ?? null);
  const commands = useChat((s) => s.commands);
  const modes = useChat((s) => s.modes);
  const hasSettings = useChat((s) => s.chatSettingsInputs.length > 0);
  const started = useChat((s) => Boolean(s.firstInteraction) || s.messages.some((m) => m.type === 'user_message'));
  const selected = useApp((s) => s.selectedCommand);
  const modeSelection = useApp((s) => s.modeSelection);
  const settingsLocation = useApp((s) => s.settings?.ui.chat_settings_location);
  const items = useStore(c.attachments.store, (s) => s.items);
  const limits = useUploadLimits();

  useEffect(() => {
    if (window.matchMedia?.('(min-width: 768px)').matches) inputRef.current?.focus();
  }, []);
  // A command the app marks `selected` is preselected when the list arrives.
  useEffect(() => {
    const pre = commands.find((cmd) => cmd.selected);
    if (pre) c.store.set({ selectedCommand: pre.id });
    else if (selected && !commands.some((cmd) => cmd.id === selected)) c.store.set({ selectedCommand: null });
  }, [commands]);

  const connected = connection === 'connected';
  const uploading = items.some((a) => !a.serverId);
  const blockingAsk = askType === 'file' || askType === 'action' || askType === 'element';
  const canSend =
    connected && !loading && !uploading && !blockingAsk && (value.trim() !== '' || items.length > 0 || selected !== null);
  const showStop = loading && started && askType === null;

  const submit = () => {
    if (!canSend) return;
    // Cleared before sending: the message may move the composer (a remount reads the draft).
    c.draft = '';
    c.sendMessage(value.trim());
    setValue('');
  };
  const toggleCommand = (id: string) => c.store.set({ selectedCommand: selected === id ? null : id });
  const pickCommand = (cmd: ICommand) => c.store.set({ selectedCommand: cmd.id });
  const addFiles = (files: File[]) => {
    if (!limits.enabled) {
      c.toast(t('chat.fileUpload.errors.disabled'), 'error');
      return;
    }
    c.attachments.add(files, limits);
  };
  const popoverCommands = commands.filter((cmd) => !cmd.button);

  return (
    <div id="message-composer" className="composer" data-connection={connection}>
      <AttachmentsRow />
      <ChatInput
        ref={inputRef}
        value={value}
        onChange={setValue}
        onSubmit={submit}
        commands={commands}
        onCommand={pickCommand}
        history={c.inputHistory}
        onPaste={addFiles}
      />
      <div className="composer-toolbar">
        <div className="composer-tools">
          {limits.enabled ? (
            <>
              <Tip text={t('chat.input.actions.attachFiles')}>
                <button
                  type="button"
                  id={connected ? 'upload-button' : 'upload-button-loading'}
                  className="icon-button"
                  aria-label={t('chat.input.actions.attachFiles')}
                  disabled={!connected}
                  onClick={() => fileRef.current?.click()}
                >
                  <Paperclip size={18} />
                </button>
              </Tip>
              <input
                ref={fileRef}
                id="upload-button-input"
                type="file"
                hidden
                multiple={limits.maxFiles !== 1}
                accept={acceptAttribute(limits.accept)}
                onChange={(e) => {
                  const files = Array.from(e.target.files ?? []);
                  e.target.value = '';
                  addFiles(files);
                }}
              />
            </>
          ) : null}
          {hasSettings && settingsLocation !== 'sidebar' ? (
            <Tip text={t('chat.settings.open')}>
              <button
                type="button"
                id="chat-settings-open-modal"
                className="icon-button"
                aria-label={t('chat.settings.open')}
                disabled={!connected}
                onClick={() => c.store.set({ settingsOpen: true })}
              >
                <Settings2 size={18} />
              </button>
            </Tip>
          ) : null}
          <McpButton connected={connected} />
          <CommandPopover commands={popoverCommands} onPick={pickCommand} />
          <FavoritesMenu
            onPick={(text) => {
              setValue(text);
              inputRef.current?.focus();
            }}
          />
          <CommandButtons commands={commands} selected={selected} onToggle={toggleCommand} />
          {modes.map((m) => (
            <ModePicker
              key={m.id}
              mode={m}
              value={c.currentModes()[m.id] ?? ''}
              onChange={(opt) => c.store.set({ modeSelection: { ...modeSelection, [m.id]: opt } })}
            />
          ))}
        </div>
        <div className="composer-send">
        <VoiceButton connected={connected} />
        {showStop ? (
          <Tip text={t('chat.input.actions.stop')}>
            <button type="button" id="stop-button" className="send-button stop" aria-label={t('chat.input.actions.stop')} onClick={() => c.session.stop()}>
              <Square size={14} className="stop-icon" fill="currentColor" />
            </button>
          </Tip>
        ) : (
          <Tip text={t('chat.input.actions.send')}>
            <button type="button" id="chat-submit" className="send-button" aria-label={t('chat.input.actions.send')} disabled={!canSend} onClick={submit}>
              <ArrowUp size={18} />
            </button>
          </Tip>
        )}
        </div>
      </div>
    </div>
  );
}
