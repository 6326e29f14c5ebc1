/** #theme-toggle: menu with light, dark and system (DOM-CONTRACT §2). */
import * as M from '@radix-ui/react-dropdown-menu';
import { Monitor, Moon, Sun } from '../ui/icons.js';
import { useApp, useController } from '../../app/context.js';
import { useT } from '../../i18n/i18n.js';
import { usePortalRoot } from '../ui/portal-root.js';

export function ThemeToggle() {
  const t = useT();
  const c = useController();
  const variant = useApp((s) => s.variant);
  const theme = useApp((s) => s.theme);
  const portalRoot = usePortalRoot();
  return (
    <M.Root>
      <M.Trigger asChild>
        <button type="button" id="theme-toggle" className="icon-button" aria-label={t('navigation.header.theme.toggle')}>
          {variant === 'dark' ? <Moon size={18} /> : <Sun size={18} />}
        </button>
      </M.Trigger>
      <M.Portal container={portalRoot}>
        <M.Content className="menu" align="end" sideOffset={6}>
          <M.RadioGroup value={theme} onValueChange={(v) => c.setTheme(v as 'light' | 'dark' | 'system')}>
            <M.RadioItem value="light" className="menu-item">
              <Sun size={16} aria-hidden="true" />
              {t('navigation.header.theme.light')}
            </M.RadioItem>
            <M.RadioItem value="dark" className="menu-item">
              <Moon size={16} aria-hidden="true" />
              {t('navigation.header.theme.dark')}
            </M.RadioItem>
            <M.RadioItem value="system" className="menu-item">
              <Monitor size={16} aria-hidden="true" />
              {t('navigation.header.theme.system')}
            </M.RadioItem>
          </M.RadioGroup>
        </M.Content>
      </M.Portal>
    </M.Root>
  );
}
