/**
 * Command pills (#command-<id>): every `button: true` command, plus the selected non-button
 * command. Clicking a selected pill deselects it.
 */
import type { ICommand } from '../../client/types.js';
import { NamedIcon } from '../ui/Icon.js';
import { Tip } from '../ui/Tip.js';

export function CommandButtons({ commands, selected, onToggle, disabled }: { commands: ICommand[]; selected: string | null; onToggle: (id: string) => void; disabled?: boolean }) {
  const shown = commands.filter((c) => c.button || c.id === selected);
  if (!shown.length) return null;
  return (
    <div className="command-buttons-container">
      {shown.map((c) => {
        const on = c.id === selected;
        return (
          <Tip key={c.id} text={c.description}>
            <button
              type="button"
              id={`command-${c.id}`}
              className={`command-button${on ? ' text-command' : ''}`}
              aria-pressed={on}
              data-selected={on}
              disabled={disabled}
              onClick={() => onToggle(c.id)}
            >
              <NamedIcon name={c.icon} size={14} />
              {c.id}
            </button>
          </Tip>
        );
      })}
    </div>
  );
}
