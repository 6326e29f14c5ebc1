/**
 * #chat-input: auto-growing textarea. Enter sends, Shift+Enter breaks the line, ArrowUp /
 * ArrowDown walk the sent-message history, a leading "/word" opens the command menu.
 */
import { forwardRef, useEffect, useImperativeHandle, useRef, useState } from 'react';
import type { ICommand } from '../../client/types.js';
import { useT } from '../../i18n/i18n.js';
import { CommandList, filterCommands, moveIndex } from './CommandList.js';

export interface ChatInputHandle {
  focus: () => void;
}

interface Props {
  value: string;
  onChange: (v: string) => void;
  onSubmit: () => void;
  commands: ICommand[];
  onCommand: (c: ICommand) => void;
  history: string[];
  onPaste: (files: File[]) => void;
}

export const ChatInput = forwardRef<ChatInputHandle, Props>(function ChatInput(
  { value, onChange, onSubmit, commands, onCommand, history, onPaste },
  ref,
) {
  const t = useT();
  const area = useRef<HTMLTextAreaElement>(null);
  const [active, setActive] = useState(0);
  const [menuClosed, setMenuClosed] = useState(false);
  const historyPos = useRef<number | null>(null);
  useImperativeHandle(ref, () => ({ focus: () => area.current?.focus() }), []);

  const slash = /^\/(\S*)$/.exec(value);
  const matches = slash && !menuClosed ? filterCommands(commands, slash[1]!) : [];
  const menuOpen = matches.length > 0;

  // A new query (or leaving slash mode) reopens a menu closed with Escape.
  useEffect(() => {
    setActive(0);
    setMenuClosed(false);
  }, [slash?.[1]]);
  useEffect(() => {
    const el = area.current;
    if (!el) return;
    el.style.height = 'auto';
    el.style.height = `${Math.min(el.scrollHeight, 240)}px`;
  }, [value]);

  const pick = (c: ICommand) => {
    onChange('');
    onCommand(c);
    area.current?.focus();
  };

  const onKeyDown = (e: React.KeyboardEvent<HTMLTextAreaElement>) => {
    if (menuOpen) {
      if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        e.preventDefault();
        setActive((i) => moveIndex(i, e.key === 'ArrowDown' ? 1 : -1, matches.length));
        return;
      }
      if (e.key === 'Enter' || e.key === 'Tab') {
        e.preventDefault();
        const c = matches[active];
        if (c) pick(c);
        return;
      }
      if (e.key === 'Escape') {
        e.preventDefault();
        setMenuClosed(true);
        return;
      }
    }
    if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
      e.preventDefault();
      historyPos.current = null;
      onSubmit();
      return;
    }
    const el = e.currentTarget;
    if (e.key === 'ArrowUp' && history.length && !value.slice(0, el.selectionStart).includes('\n')) {
      const pos = historyPos.current === null ? history.length - 1 : Math.max(0, historyPos.current - 1);
      if (historyPos.current === null && value && value !== history[history.length - 1]) return;
      e.preventDefault();
      historyPos.current = pos;
      onChange(history[pos]!);
    } else if (e.key === 'ArrowDown' && historyPos.current !== null && !value.slice(el.selectionEnd).includes('\n')) {
      e.preventDefault();
      const pos = historyPos.current + 1;
      if (pos >= history.length) {
        historyPos.current = null;
        onChange('');
      } else {
        historyPos.current = pos;
        onChange(history[pos]!);
      }
    }
  };

  return (
    <div className="chat-input-wrapper">
      {menuOpen ? (
        <div className="popover slash-menu" data-state="open">
          <CommandList commands={matches} active={active} onHover={setActive} onPick={pick} itemClass="command-item" />
        </div>
      ) : null}
      <textarea
        ref={area}
        id="chat-input"
        className="chat-input"
        rows={1}
        value={value}
        placeholder={t('chat.input.placeholder')}
        aria-label={t('chat.input.placeholder')}
        autoComplete="off"
        onChange={(e) => {
          historyPos.current = null;
          onChange(e.target.value);
        }}
        onKeyDown={onKeyDown}
        onPaste={(e) => {
          const files = Array.from(e.clipboardData.files);
          if (files.length) {
            e.preventDefault();
            onPaste(files);
          }
        }}
      />
    </div>
  );
});
