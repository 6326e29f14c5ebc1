/**
 * The copilot's header (DOM-CONTRACT §12): logo or profile picker, new chat, the display
 * mode menu (#display-mode-button: Floating / Sidebar), and close (#close-sidebar-button,
 * sidebar) or expand (floating).
 */
import * as M from '@radix-ui/react-dropdown-menu';
import ChevronsRight from 'lucide-react/icons/chevrons-right';
import Maximize from 'lucide-react/icons/maximize';
import Minimize from 'lucide-react/icons/minimize';
import PanelRight from 'lucide-react/icons/panel-right';
import { useStore } from '../client/react.js';
import { useApp } from '../app/context.js';
import { useT } from '../i18n/i18n.js';
import { Check } from '../components/ui/icons.js';
import { ChatProfiles } from '../components/header/ChatProfiles.js';
import { Logo } from '../components/header/Logo.js';
import { NewChatButton } from '../components/header/NewChat.js';
import { usePortalRoot } from '../components/ui/portal-root.js';
import type { DisplayMode } from './config.js';
import type { CopilotController } from './controller.js';

export function CopilotHeader({ c }: { c: CopilotController }) {
  const t = useT();
  const portalRoot = usePortalRoot();
  const { displayMode, expanded } = useStore(c.widget, (s) => s);
  const profiles = useApp((s) => (s.settings?.chatProfiles ?? []).length > 1);
  return (
    <div className="copilot-header">
      <div className="copilot-header-left">{profiles ? <ChatProfiles /> : <Logo className="copilot-logo" />}</div>
      <div className="copilot-header-right">
        <NewChatButton />
        <M.Root modal={false}>
          <M.Trigger asChild>
            <button type="button" id="display-mode-button" className="icon-button" aria-label={t('copilot.displayMode')}>
              <PanelRight size={18} />
            </button>
          </M.Trigger>
          <M.Portal container={portalRoot}>
            <M.Content className="menu" align="end" sideOffset={6}>
              <M.RadioGroup value={displayMode} onValueChange={(v) => c.widget.set({ displayMode: v as DisplayMode })}>
                {(['floating', 'sidebar'] as const).map((mode) => (
                  <M.RadioItem key={mode} value={mode} className="menu-item">
                    <span className="menu-check">
                      <M.ItemIndicator>
                        <Check size={14} aria-hidden="true" />
                      </M.ItemIndicator>
                    </span>
                    {t(`copilot.${mode}`)}
                  </M.RadioItem>
                ))}
              </M.RadioGroup>
            </M.Content>
          </M.Portal>
        </M.Root>
        {displayMode === 'sidebar' ? (
          <button type="button" id="close-sidebar-button" className="icon-button" aria-label={t('navigation.header.sidebar.close')} onClick={() => c.setOpen(false)}>
            <ChevronsRight size={18} />
          </button>
        ) : (
          <button
            type="button"
            className="icon-button"
            aria-label={t(expanded ? 'copilot.collapse' : 'copilot.expand')}
            aria-pressed={expanded}
            onClick={() => c.widget.set({ expanded: !expanded })}
          >
            {expanded ? <Minimize size={18} /> : <Maximize size={18} />}
          </button>
        )}
      </div>
    </div>
  );
}
