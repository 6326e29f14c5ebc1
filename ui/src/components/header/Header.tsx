/** #header: sidebar trigger, profiles, links, readme, theme, new chat, user menu. */
import * as M from '@radix-ui/react-dropdown-menu';
import { CodeXml, KeyRound, LogOut, PanelLeft, User } from '../ui/icons.js';
import { useApp, useController, useHistoryEnabled } from '../../app/context.js';
import { useT } from '../../i18n/i18n.js';
import { Tip } from '../ui/Tip.js';
import { usePortalRoot } from '../ui/portal-root.js';
import { ChatProfiles } from './ChatProfiles.js';
import { NewChatButton } from './NewChat.js';
import { ReadmeButton } from './Readme.js';
import { ThemeToggle } from './ThemeToggle.js';

const NONE: never[] = [];

function HeaderLinks() {
  const c = useController();
  const links = useApp((s) => s.settings?.ui.header_links) ?? NONE;
  return (
    <>
      {links.map((l) => (
        <Tip key={l.name} text={l.display_name || l.name}>
          <a className="icon-button header-link" href={l.url} target={l.target ?? '_blank'} rel="noopener noreferrer" aria-label={l.display_name || l.name}>
            {l.icon_url ? <img src={l.icon_url.startsWith('/public') ? c.href(l.icon_url) : l.icon_url} alt="" /> : null}
            {l.display_name ? <span className="hide-narrow">{l.display_name}</span> : null}
          </a>
        </Tip>
      ))}
    </>
  );
}

function UserNav() {
  const t = useT();
  const c = useController();
  const user = useApp((s) => s.user);
  const needsEnv = useApp((s) => (s.settings?.userEnv ?? []).length > 0);
  const portalRoot = usePortalRoot();
  if (!user && !needsEnv) return null;
  const name = user?.display_name || user?.identifier || '';
  const initial = (name || '?').charAt(0).toUpperCase();
  const image = typeof user?.metadata?.image === 'string' && user.metadata.image ? user.metadata.image : null;
  return (
    <M.Root>
      <M.Trigger asChild>
        <button type="button" id="user-nav-button" className="icon-button avatar-button" aria-label={t('navigation.user.menu.open')} title={name || undefined}>
          {image ? <img className="user-avatar" src={image} alt="" referrerPolicy="no-referrer" /> : user ? <span className="user-initial">{initial}</span> : <User size={18} />}
        </button>
      </M.Trigger>
      <M.Portal container={portalRoot}>
        <M.Content className="menu" align="end" sideOffset={6}>
          {user ? <M.Label className="menu-label">{user.display_name || user.identifier}</M.Label> : null}
          {needsEnv ? (
            <M.Item id="api-keys-button" className="menu-item" onSelect={() => c.navigate('/env')}>
              <KeyRound size={16} aria-hidden="true" />
              {t('navigation.user.menu.apiKeys')}
            </M.Item>
          ) : null}
          {user ? (
            <M.Item
              id="logout-button"
              className="menu-item"
              onSelect={() => {
                void c.api.post('/logout', {}).finally(() => window.location.assign(c.href('/login')));
              }}
            >
              <LogOut size={16} aria-hidden="true" />
              {t('navigation.user.menu.logout')}
            </M.Item>
          ) : null}
        </M.Content>
      </M.Portal>
    </M.Root>
  );
}

export function Header() {
  const t = useT();
  const c = useController();
  const github = useApp((s) => s.settings?.ui.github);
  const sidebarOpen = useApp((s) => s.sidebarOpen);
  const hasHistory = useHistoryEnabled();
  return (
    <header id="header" className="header">
      <div className="header-left">
        {hasHistory ? (
          <button
            type="button"
            id="sidebar-trigger-button"
            className="icon-button"
            aria-label={t(sidebarOpen ? 'navigation.header.sidebar.close' : 'navigation.header.sidebar.open')}
            aria-expanded={sidebarOpen}
            onClick={() => c.store.set({ sidebarOpen: !sidebarOpen })}
          >
            <PanelLeft size={18} />
          </button>
        ) : null}
        <ChatProfiles />
      </div>
      <div className="header-right">
        <HeaderLinks />
        <ReadmeButton />
        {github ? (
          <Tip text={t('navigation.header.github')}>
            <a className="icon-button" href={github} target="_blank" rel="noopener noreferrer" aria-label={t('navigation.header.github')}>
              <CodeXml size={18} />
            </a>
          </Tip>
        ) : null}
        <ThemeToggle />
        {/* One #new-chat-button: in the sidebar while it is open. */}
        {hasHistory && sidebarOpen ? null : <NewChatButton />}
        <UserNav />
      </div>
    </header>
  );
}
