/**
 * /copilot/app.js: the widget module the loader (index.js) imports. It renders the chat
 * into the open shadow root the loader made, with the widget's stylesheet adopted there,
 * so the host page's CSS and ours never meet.
 */
import * as Tooltip from '@radix-ui/react-tooltip';
import { useEffect, useMemo } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { toast, Toaster } from 'sonner';
import css from 'copilot-css:widget';
import { SessionContext, useStore } from '../client/react.js';
import { ControllerContext } from '../app/context.js';
import { I18nContext, makeTranslate } from '../i18n/i18n.js';
import { PortalRootContext } from '../components/ui/portal-root.js';
import { setFileAccess } from '../client/file-access.js';
import type { WidgetConfig } from './config.js';
import { CopilotController } from './controller.js';
import { Widget } from './Widget.js';

interface Mounted {
  root: Root;
  controller: CopilotController;
  slot: HTMLElement | null;
}

let mounted: Mounted | null = null;
let sheet: CSSStyleSheet | null = null;

function stylesheet(): CSSStyleSheet {
  if (!sheet) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
  }
  return sheet;
}

function CopilotApp({ c, portal, buttonSlot }: { c: CopilotController; portal: HTMLElement; buttonSlot: HTMLElement | null }) {
  const catalogue = useStore(c.store, (s) => s.catalogue);
  const variant = useStore(c.store, (s) => s.variant);
  const t = useMemo(() => makeTranslate(catalogue), [catalogue]);
  useEffect(() => {
    c.setToaster((message, type) => {
      if (type === 'neutral') toast(message);
      else toast[type](message);
    });
  }, [c]);
  return (
    <ControllerContext.Provider value={c}>
      <SessionContext.Provider value={c.session}>
        <I18nContext.Provider value={t}>
          <PortalRootContext.Provider value={portal}>
            <Tooltip.Provider>
              <Widget c={c} buttonSlot={buttonSlot} />
              <Toaster className="toast" theme={variant} position="bottom-center" richColors closeButton />
            </Tooltip.Provider>
          </PortalRootContext.Provider>
        </I18nContext.Provider>
      </SessionContext.Provider>
    </ControllerContext.Provider>
  );
}

/** A shadow root inside the host page's element `containerId`, for the button. */
function buttonSlot(containerId: string | undefined): HTMLElement | null {
  const container = containerId ? document.getElementById(containerId) : null;
  if (!container) {
    if (containerId) console.warn(`chainlit copilot: no element #${containerId}; the button floats.`);
    return null;
  }
  const slot = document.createElement('span');
  slot.className = 'chainlit-copilot-button-slot';
  const shadow = slot.attachShadow({ mode: 'open' });
  shadow.adoptedStyleSheets = [stylesheet()];
  const inner = document.createElement('div');
  inner.className = 'copilot-slot';
  shadow.appendChild(inner);
  container.appendChild(slot);
  return inner;
}

export function mount(host: HTMLElement, rootEl: HTMLElement, config: WidgetConfig): void {
  // Unmounted before this module arrived.
  if (!host.isConnected || mounted) return;
  const shadow = host.shadowRoot!;
  shadow.adoptedStyleSheets = [stylesheet()];
  if (config.customCssUrl) {
    const link = document.createElement('link');
    link.rel = 'stylesheet';
    link.href = config.customCssUrl;
    shadow.appendChild(link);
  }
  const app = document.createElement('div');
  const portal = document.createElement('div');
  portal.className = 'copilot-portal';
  rootEl.append(app, portal);
  const slot = buttonSlot(config.button?.containerId);
  const controller = new CopilotController(config, slot ? [rootEl, slot] : [rootEl], new URL('.', import.meta.url).href);
  if (config.opened) controller.widget.set({ open: true });
  const root = createRoot(app);
  root.render(<CopilotApp c={controller} portal={portal} buttonSlot={slot} />);
  mounted = { root, controller, slot };
  void controller.start();
}

export function unmount(): void {
  if (!mounted) return;
  const { root, controller, slot } = mounted;
  mounted = null;
  root.unmount();
  controller.dispose();
  const slotRoot = slot?.getRootNode();
  if (slotRoot instanceof ShadowRoot) slotRoot.host.remove();
  setFileAccess(null);
}

export function toggle(): void {
  mounted?.controller.toggle();
}

export function send(step: Record<string, unknown>): void {
  void mounted?.controller.sendStep(step);
}

export function newThread(threadId?: string): void {
  void mounted?.controller.newThread(threadId);
}
