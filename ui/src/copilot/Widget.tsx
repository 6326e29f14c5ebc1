/**
 * The widget (DOM-CONTRACT §12): the round button (#chainlit-copilot-button) and the chat
 * panel (#chainlit-copilot-chat), as a popover above the button (floating) or as a sidebar
 * on the right of the page (sidebar). The panel is mounted only while open; the chat
 * session lives on in the controller while it is closed.
 */
import * as P from '@radix-ui/react-popover';
import MessageCircle from 'lucide-react/icons/message-circle';
import { forwardRef, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import { useStore } from '../client/react.js';
import { ConnectionBanner } from '../app/ConnectionBanner.js';
import { useApp } from '../app/context.js';
import { useT } from '../i18n/i18n.js';
import { Chat } from '../components/chat/Chat.js';
import { TaskList } from '../components/elements/TaskList.js';
import { ChatSettings } from '../components/settings/ChatSettings.js';
import { Loader, X } from '../components/ui/icons.js';
import { usePortalRoot } from '../components/ui/portal-root.js';
import { CopilotHeader } from './CopilotHeader.js';
import type { CopilotController } from './controller.js';
import { useSidebar } from './sidebar.js';

interface LauncherProps extends React.ButtonHTMLAttributes<HTMLButtonElement> {
  c: CopilotController;
  open: boolean;
  inContainer: boolean;
}

/** The round button; `aria-expanded` says whether the panel is open. */
const Launcher = forwardRef<HTMLButtonElement, LauncherProps>(function Launcher({ c, open, inContainer, ...rest }, ref) {
  const t = useT();
  const image = c.config.button?.imageUrl;
  const extra = c.config.button?.className ?? '';
  return (
    <button
      ref={ref}
      type="button"
      id="chainlit-copilot-button"
      className={`copilot-launcher${inContainer ? ' in-container' : ''} ${extra}`.trim()}
      aria-label={t(open ? 'copilot.close' : 'copilot.open')}
      {...rest}
      aria-expanded={open}
    >
      {image ? <img src={image} alt="" className={open ? 'hidden-icon' : ''} /> : <MessageCircle size={28} className={open ? 'hidden-icon' : ''} />}
      <X size={28} className={`launcher-close${open ? '' : ' hidden-icon'}`} aria-hidden="true" />
    </button>
  );
});

function PanelContent({ c }: { c: CopilotController }) {
  const phase = useApp((s) => s.phase);
  const error = useApp((s) => s.bootError);
  if (phase === 'error') {
    return (
      <div className="alert alert-error copilot-error" role="alert">
        {error}
      </div>
    );
  }
  if (phase === 'loading') {
    return (
      <div className="boot">
        <Loader className="spin" size={24} aria-hidden="true" />
      </div>
    );
  }
  return (
    <>
      <CopilotHeader c={c} />
      <ConnectionBanner />
      <div className="copilot-body">
        <TaskList mobile />
        <Chat />
      </div>
      <ChatSettings />
    </>
  );
}

function ChatPanel({ c }: { c: CopilotController }) {
  return (
    <div id="chainlit-copilot-chat" className="copilot-chat">
      <PanelContent c={c} />
    </div>
  );
}

/** Renders the button in the host page's container (config.button.containerId) when there is one. */
function ButtonPlace({ slot, children }: { slot: HTMLElement | null; children: ReactNode }) {
  return slot ? createPortal(children, slot) : <>{children}</>;
}

export function Widget({ c, buttonSlot }: { c: CopilotController; buttonSlot: HTMLElement | null }) {
  const portalRoot = usePortalRoot();
  const { open, displayMode, expanded } = useStore(c.widget, (s) => s);
  const sidebar = useSidebar(c);
  const inContainer = buttonSlot !== null;

  if (displayMode === 'sidebar') {
    if (!open) {
      return (
        <ButtonPlace slot={buttonSlot}>
          <Launcher c={c} open={false} inContainer={inContainer} onClick={() => c.setOpen(true)} />
        </ButtonPlace>
      );
    }
    return (
      <div className="copilot-sidebar fixed" style={{ width: sidebar.width }}>
        <div data-testid="sidebar-drag-handle" className="copilot-drag-handle" onMouseDown={sidebar.startDrag} />
        <ChatPanel c={c} />
      </div>
    );
  }

  return (
    <P.Root open={open} onOpenChange={(o) => c.setOpen(o)}>
      <ButtonPlace slot={buttonSlot}>
        <P.Trigger asChild>
          <Launcher c={c} open={open} inContainer={inContainer} />
        </P.Trigger>
      </ButtonPlace>
      <P.Portal container={portalRoot}>
        <P.Content
          className={`copilot-popover ${expanded ? 'copilot-container-expanded' : 'copilot-container-collapsed'}`}
          side="top"
          align="end"
          sideOffset={12}
          // The panel stays open while the user works in the host page.
          onInteractOutside={(e) => e.preventDefault()}
          onOpenAutoFocus={(e) => e.preventDefault()}
        >
          <ChatPanel c={c} />
        </P.Content>
      </P.Portal>
    </P.Root>
  );
}
