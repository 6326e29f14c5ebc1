/** One picker per mode (set_modes): trigger #mode-picker-trigger-<id>, popover of options. */
import { ChevronDown } from '../ui/icons.js';
import { useEffect, useRef, useState } from 'react';
import type { IMode } from '../../client/types.js';
import { NamedIcon } from '../ui/Icon.js';

export function ModePicker({ mode, value, onChange }: { mode: IMode; value: string; onChange: (optionId: string) => void }) {
  const [open, setOpen] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  const btn = useRef<HTMLButtonElement>(null);
  const current = mode.options.find((o) => o.id === value) ?? mode.options[0];
  useEffect(() => {
    if (!open) return;
    (ref.current?.querySelector('[role="option"]') as HTMLElement | null)?.focus();
    const outside = (e: MouseEvent) => {
      if (!ref.current?.contains(e.target as Node) && !btn.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', outside);
    return () => document.removeEventListener('mousedown', outside);
  }, [open]);
  return (
    <div className="mode-picker-wrapper">
      <button
        ref={btn}
        type="button"
        id={`mode-picker-trigger-${mode.id}`}
        className="button button-ghost button-sm"
        aria-haspopup="listbox"
        aria-expanded={open}
        onClick={() => setOpen(!open)}
      >
        {current?.icon ? <NamedIcon name={current.icon} size={14} /> : null}
        {current?.name ?? mode.name}
        <ChevronDown size={14} aria-hidden="true" />
      </button>
      {open ? (
        <div
          ref={ref}
          id={`mode-picker-popover-${mode.id}`}
          className="popover mode-popover"
          role="listbox"
          aria-label={mode.name}
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              e.preventDefault();
              setOpen(false);
              btn.current?.focus();
            }
          }}
        >
          {mode.options.map((o) => (
            <button
              key={o.id}
              type="button"
              role="option"
              aria-selected={o.id === current?.id}
              className="mode-option"
              onClick={() => {
                onChange(o.id);
                setOpen(false);
              }}
            >
              <span className="mode-option-name">{o.name}</span>
              {o.description ? <span className="muted small">{o.description}</span> : null}
            </button>
          ))}
        </div>
      ) : null}
    </div>
  );
}
