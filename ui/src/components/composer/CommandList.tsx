/**
 * List of commands used by the slash menu and the Tools popover. Items carry data-index
 * and aria-selected (DOM-CONTRACT §6.1); the highlight follows the mouse and stays.
 */
import type { ICommand } from '../../client/types.js';
import { NamedIcon } from '../ui/Icon.js';

interface Props {
  commands: ICommand[];
  active: number;
  onHover: (i: number) => void;
  onPick: (c: ICommand) => void;
  itemClass?: string;
  id?: string;
}

export function CommandList({ commands, active, onHover, onPick, itemClass, id }: Props) {
  return (
    <div role="listbox" id={id ? `${id}-list` : undefined} className="command-list">
      {commands.map((c, i) => (
        <div
          key={c.id}
          role="option"
          data-index={i}
          aria-selected={i === active}
          className={`command-list-item ${itemClass ?? ''}${i === active ? ' bg-accent' : ''}`}
          onMouseMove={() => i !== active && onHover(i)}
          onMouseDown={(e) => e.preventDefault()}
          onClick={() => onPick(c)}
        >
          <NamedIcon name={c.icon} size={16} />
          <span className="command-id">{c.id}</span>
          <span className="command-description muted">{c.description}</span>
        </div>
      ))}
    </div>
  );
}

/** Commands whose id contains `query`, ordered by where the match occurs (stable). */
export function filterCommands(commands: ICommand[], query: string): ICommand[] {
  const q = query.toLowerCase();
  return commands
    .map((c, i) => ({ c, i, at: c.id.toLowerCase().indexOf(q) }))
    .filter((x) => x.at >= 0)
    .sort((a, b) => a.at - b.at || a.i - b.i)
    .map((x) => x.c);
}

/** Wrapping arrow-key navigation shared by both menus. */
export function moveIndex(current: number, delta: number, length: number): number {
  if (!length) return 0;
  return (current + delta + length) % length;
}
