/**
 * Starters on the welcome screen (DOM-CONTRACT §7): the profile's own starters replace the
 * global ones; categories toggle their starters.
 */
import { useState } from 'react';
import type { IStarter } from '../../client/types.js';
import { useChat } from '../../client/react.js';
import { useApp, useController } from '../../app/context.js';
import { NamedIcon } from '../ui/Icon.js';

export function starterSlug(label: string): string {
  return label.trim().toLowerCase().replace(/ /g, '-');
}

function StarterButton({ starter, disabled, onPick }: { starter: IStarter; disabled: boolean; onPick: (s: IStarter) => void }) {
  const icon = starter.icon;
  return (
    <button type="button" id={`starter-${starterSlug(starter.label)}`} className="starter" disabled={disabled} onClick={() => onPick(starter)}>
      {icon ? (
        icon.startsWith('/') || icon.startsWith('http') ? (
          <img src={icon} alt="" className="starter-icon" />
        ) : (
          <NamedIcon name={icon} size={16} />
        )
      ) : null}
      <span>{starter.label}</span>
    </button>
  );
}

export function Starters() {
  const c = useController();
  const settings = useApp((s) => s.settings);
  const profile = useApp((s) => s.chatProfile);
  const loading = useChat((s) => s.loading);
  const connected = useChat((s) => s.connection === 'connected');
  const [openCat, setOpenCat] = useState<string | null>(null);
  if (!settings) return null;
  const profileStarters = settings.chatProfiles.find((p) => p.name === profile)?.starters;
  const starters = profileStarters?.length ? profileStarters : settings.starters ?? [];
  const categories = settings.starterCategories ?? [];
  if (!starters.length && !categories.length) return null;
  const disabled = loading || !connected;
  const pick = (s: IStarter) => c.sendMessage(s.message, s.command ?? null);
  const resolveIcon = (icon?: string | null) => (icon?.startsWith('/public') ? c.href(icon) : icon);
  const withIcon = (s: IStarter): IStarter => ({ ...s, icon: resolveIcon(s.icon) });
  const current = categories.find((cat) => cat.label === openCat);
  return (
    <div id="starters" className="starters">
      {categories.length ? (
        <div className="starter-categories">
          {categories.map((cat) => (
            <button
              key={cat.label}
              type="button"
              className={`starter-category${openCat === cat.label ? ' active' : ''}`}
              aria-pressed={openCat === cat.label}
              onClick={() => setOpenCat(openCat === cat.label ? null : cat.label)}
            >
              {cat.icon ? <NamedIcon name={cat.icon} size={16} /> : null}
              {cat.label}
            </button>
          ))}
        </div>
      ) : null}
      <div className="starter-grid">
        {(current ? current.starters : categories.length ? [] : starters).map((s) => (
          <StarterButton key={s.label} starter={withIcon(s)} disabled={disabled} onPick={pick} />
        ))}
      </div>
    </div>
  );
}
