/** Providers, routes and the page layout. */
import * as Tooltip from '@radix-ui/react-tooltip';
import { Loader } from '../components/ui/icons.js';
import { useEffect, useMemo } from 'react';
import { toast, Toaster } from 'sonner';
import { SessionContext, useStore } from '../client/react.js';
import { I18nContext, makeTranslate } from '../i18n/i18n.js';
import { Chat } from '../components/chat/Chat.js';
import { SidePanel } from '../components/elements/SidePanel.js';
import { TaskList } from '../components/elements/TaskList.js';
import { Header } from '../components/header/Header.js';
import { ThreadView } from '../components/chat/ThreadView.js';
import { LeftSidebar } from '../components/sidebar/LeftSidebar.js';
import { ChatSettings } from '../components/settings/ChatSettings.js';
import { ConnectionBanner } from './ConnectionBanner.js';
import { ControllerContext, useApp, useHistoryEnabled } from './context.js';
import type { AppController } from './controller.js';
import { ElementPage } from './ElementPage.js';
import { EnvPage } from './EnvPage.js';
import { LoginPage } from './LoginPage.js';

function Shell() {
  const phase = useApp((s) => s.phase);
  const bootError = useApp((s) => s.bootError);
  const path = useApp((s) => s.path);
  const wide = useApp((s) => s.settings?.ui.layout === 'wide');
  const threadView = useApp((s) => s.threadView);
  const history = useHistoryEnabled();
  const sidebarOpen = useApp((s) => s.sidebarOpen);
  if (phase === 'loading') {
    return (
      <div className="boot">
        <Loader className="spin" size={24} aria-hidden="true" />
      </div>
    );
  }
  if (phase === 'error') {
    return (
      <div className="boot">
        <div className="alert alert-error" role="alert">
          {bootError}
        </div>
      </div>
    );
  }
  if (path === '/login' || path === '/login/callback') return <LoginPage />;
  if (path === '/env') return <EnvPage />;
  const element = /^\/element\/(.+)$/.exec(path);
  return (
    <div className={`app${wide ? ' layout-wide' : ''}${history && sidebarOpen ? ' with-sidebar' : ''}`}>
      <div className="app-columns">
        {history && sidebarOpen ? <LeftSidebar /> : null}
        <div className="app-page">
          <Header />
          <ConnectionBanner />
          <div className="app-body">
            <main className="main">
              <TaskList mobile />
              {element ? <ElementPage id={element[1]!} /> : threadView ? <ThreadView view={threadView} /> : <Chat />}
            </main>
            <TaskList />
            <SidePanel />
          </div>
        </div>
      </div>
      <ChatSettings />
    </div>
  );
}

export function App({ controller }: { controller: AppController }) {
  const catalogue = useStore(controller.store, (s) => s.catalogue);
  const variant = useStore(controller.store, (s) => s.variant);
  const t = useMemo(() => makeTranslate(catalogue), [catalogue]);
  useEffect(() => {
    controller.setToaster((message, type) => {
      if (type === 'neutral') toast(message);
      else toast[type](message);
    });
  }, [controller]);
  return (
    <ControllerContext.Provider value={controller}>
      <SessionContext.Provider value={controller.session}>
        <I18nContext.Provider value={t}>
          <Tooltip.Provider>
            <Shell />
            <Toaster className="toast" theme={variant} position="top-center" richColors closeButton />
          </Tooltip.Provider>
        </I18nContext.Provider>
      </SessionContext.Provider>
    </ControllerContext.Provider>
  );
}
