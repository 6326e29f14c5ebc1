/** "Tools" button and popover listing the commands that are not pill buttons. */
import { Wrench } from '../ui/icons.js';
import { useEffect, useRef, useState } from 'react';
import type { ICommand } from '../../client/types.js';
import { useT } from '../../i18n/i18n.js';
import { CommandList, moveIndex } from './CommandList.js';

export function CommandPopover({ commands, onPick, disabled }: { commands: ICommand[]; onPick: (c: ICommand) => void; disabled?: boolean }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const popRef = useRef<HTMLDivElement>(null);
  const btnRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (!open) return;
    setActive(0);
    popRef.current?.focus();
    const outside = (e: MouseEvent) => {
      const target = e.target as Node;
      if (!popRef.current?.contains(target) && !btnRef.current?.contains(target)) setOpen(false);
    };
    document.addEventListener('mousedown', outside);
    return () => document.removeEventListener('mousedown', outside);
  }, [open]);
  if (!commands.length) return null;
  const pick = (c: ICommand) => {
    setOpen(false);
    onPick(c);
  };
  return (
    <div className="command-popover-wrapper">
      <button
        ref={btnRef}
        type="button"
        id="command-button"
        className="button button-ghost button-sm"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls="command-popover"
        disabled={disabled}
        onClick={() => setOpen(!open)}
      >
        <Wrench size={16} aria-hidden="true" />
        {t('chat.commands.button')}
      </button>
      {open ? (
        <div
          ref={popRef}
          id="command-popover"
          data-popover-content=""
          data-state="open"
          tabIndex={0}
          className="popover command-popover"
          onKeyDown={(e) => {
            if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
              e.preventDefault();
              setActive((i) => moveIndex(i, e.key === 'ArrowDown' ? 1 : -1, commands.length));
            } else if (e.key === 'Enter') {
              e.preventDefault();
              const c = commands[active];
              if (c) pick(c);
            } else if (e.key === 'Escape') {
              e.preventDefault();
              setOpen(false);
              btnRef.current?.focus();
            }
          }}
        >
          <CommandList commands={commands} active={active} onHover={setActive} onPick={pick} />
        </div>
      ) : null}
    </div>
  );
}
