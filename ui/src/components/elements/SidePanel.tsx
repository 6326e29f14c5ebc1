/**
 * Side panel (#side-view-title / #side-view-content, DOM-CONTRACT §8). What it shows, the
 * most recent source first: the server's element sidebar (`set_sidebar_title` /
 * `set_sidebar_elements`), an element reference the user clicked, else the chat's latest
 * side element. The server closing its sidebar (empty list) closes the panel.
 */
import { X } from '../ui/icons.js';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useChat } from '../../client/react.js';
import type { IElement } from '../../client/types.js';
import { useApp, useController } from '../../app/context.js';
import { useT } from '../../i18n/i18n.js';
import { ElementView } from './ElementView.js';

export function SidePanel() {
  const t = useT();
  const c = useController();
  const server = useChat((s) => s.sidebar);
  const elements = useChat((s) => s.elements);
  const sideView = useApp((s) => s.sideView);
  const [dismissed, setDismissed] = useState<string | null>(null);
  const [source, setSource] = useState<'server' | 'link' | null>(null);
  const side = useMemo(() => elements.filter((e) => e.display === 'side'), [elements]);
  const lastSide = side[side.length - 1];
  const lastSideId = useRef<string | null>(null);
  lastSideId.current = lastSide?.id ?? null;
  const hadServer = useRef(false);

  const sourceNow = useRef(source);
  sourceNow.current = source;

  useEffect(() => {
    if (server) setSource('server');
    else if (hadServer.current && sourceNow.current === 'server') {
      // The server closed its sidebar: close the panel, auto-opened side elements included.
      setSource(null);
      setDismissed(lastSideId.current);
      if (c.store.get().sideView) c.store.set({ sideView: null });
    }
    hadServer.current = Boolean(server);
  }, [server, c]);
  useEffect(() => {
    if (sideView) setSource('link');
  }, [sideView]);

  // Elements are re-sent as `element` when they change: show their latest version.
  const byId = useMemo(() => new Map(elements.map((e) => [e.id, e])), [elements]);
  let title = '';
  let shown: IElement[] = [];
  let open = false;
  if (server && (source === 'server' || !sideView)) {
    title = server.title;
    shown = server.elements.map((e) => byId.get(e.id) ?? e);
    open = true;
  } else if (sideView) {
    title = sideView.title;
    shown = elements.filter((e) => sideView.elementIds.includes(e.id));
    open = shown.length > 0;
  } else if (lastSide && lastSide.id !== dismissed) {
    title = lastSide.name;
    shown = [lastSide];
    open = true;
  }
  if (!open) return null;
  const close = () => {
    c.store.set({ sideView: null });
    setDismissed(lastSideId.current);
    setSource(null);
    if (server) c.session.store.set({ sidebar: null });
  };
  return (
    <aside className="side-panel" aria-label={title}>
      <div className="side-panel-header">
        <div id="side-view-title" className="side-panel-title">
          {title}
        </div>
        <button type="button" className="icon-button" aria-label={t('chat.sidePanel.close')} onClick={close}>
          <X size={16} />
        </button>
      </div>
      <div id="side-view-content" className="side-panel-content custom-scrollbar">
        {shown.map((e) => (
          // Each element keeps its own display: ElementSidebar's (inline by default) carry
          // .inline-image / .inline-pdf / .inline-text, side elements .side-* (DOM-CONTRACT §8).
          <ElementView key={e.id} element={e} placement="panel" />
        ))}
      </div>
    </aside>
  );
}
