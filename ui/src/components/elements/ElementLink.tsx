/**
 * a.element-link: a side or page element named in a message. Side → opens the side panel
 * with that element, titled with its name; page → `/element/<id>` (with `?thread=<id>`
 * when the thread is known), as Chainlit does.
 */
import type { ReactNode } from 'react';
import { useChat } from '../../client/react.js';
import { useController } from '../../app/context.js';

export function ElementLink({ id, children }: { id: string; children: ReactNode }) {
  const c = useController();
  const element = useChat((s) => s.elements.find((e) => e.id === id));
  const threadId = useChat((s) => s.threadId);
  if (!element) return <strong>{children}</strong>;
  const page = element.display === 'page';
  const href = page ? c.href(`/element/${element.id}`) + (threadId ? `?thread=${encodeURIComponent(threadId)}` : '') : '#';
  return (
    <a
      className="element-link"
      href={href}
      onClick={(e) => {
        e.preventDefault();
        if (!page) {
          c.store.set({ sideView: { title: element.name, elementIds: [element.id] } });
          return;
        }
        c.navigate(`/element/${element.id}`);
        if (threadId) window.history.replaceState(null, '', href);
      }}
    >
      {children}
    </a>
  );
}
