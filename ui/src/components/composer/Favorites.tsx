/**
 * `.favorite-popover-wrapper`: the user's favorite messages (`set_favorites`), newest
 * first; picking one puts its text in the composer, unmarking one removes it from the
 * list (features.favorites, with a data layer and a login).
 */
import * as M from '@radix-ui/react-dropdown-menu';
import { useApp } from '../../app/context.js';
import { useChat, useSession } from '../../client/react.js';
import { useT } from '../../i18n/i18n.js';
import { Star, X } from '../ui/icons.js';
import { usePortalRoot } from '../ui/portal-root.js';

export function FavoritesMenu({ onPick }: { onPick: (text: string) => void }) {
  const t = useT();
  const session = useSession();
  const portalRoot = usePortalRoot();
  const enabled = useApp((s) => Boolean(s.settings?.dataPersistence && s.settings.features.favorites === true && s.user));
  const favorites = useChat((s) => s.favorites);
  if (!enabled || !favorites.length) return null;
  return (
    <div className="favorite-popover-wrapper">
      <M.Root>
        <M.Trigger asChild>
          <button type="button" id="favorites-button" className="icon-button" aria-label={t('chat.favorites.title')}>
            <Star size={18} />
          </button>
        </M.Trigger>
        <M.Portal container={portalRoot}>
          <M.Content id="favorites-menu" className="menu favorites-menu" align="start" sideOffset={6}>
            <M.Label className="menu-label">{t('chat.favorites.title')}</M.Label>
            {favorites.map((f) => (
              <M.Item key={f.id} className="menu-item favorite-item" onSelect={() => onPick(f.output)}>
                <span className="favorite-text">{f.output}</span>
                <button
                  type="button"
                  className="icon-button favorite-remove"
                  aria-label={t('chat.favorites.remove')}
                  onClick={(e) => {
                    e.stopPropagation();
                    e.preventDefault();
                    session.setFavorite(f, false);
                  }}
                >
                  <X size={12} />
                </button>
              </M.Item>
            ))}
          </M.Content>
        </M.Portal>
      </M.Root>
    </div>
  );
}
