/**
 * Side panel (#side-view-title / #side-view-content, DOM-CONTRACT §8): server-set sidebar
 * elements, a clicked element reference, or else the chat's latest side elements.
 */
import { X } from '../ui/icons.js';
import { useState } from 'react';
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
  let title = '';
  let shown: IElement[] = [];
  if (server && server.elements.length) {
    title = server.title;
    shown = server.elements;
  } else if (sideView) {
    title = sideView.title;
    shown = elements.filter((e) => sideView.elementIds.includes(e.id));
  } else {
    const side = elements.filter((e) => e.display === 'side');
    const last = side[side.length - 1];
    if (last && last.id !== dismissed) {
      title = last.name;
      shown = [last];
    }
  }
  if (!shown.length) return null;
  const close = () => {
    c.store.set({ sideView: null });
    const side = elements.filter((e) => e.display === 'side');
    setDismissed(side[side.length - 1]?.id ?? null);
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
          <ElementView key={e.id} element={e} display="side" />
        ))}
      </div>
    </aside>
  );
}
