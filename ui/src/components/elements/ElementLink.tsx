/** a.element-link: opens a side element in the side panel, or a page element's page. */
import type { ReactNode } from 'react';
import { useChat } from '../../client/react.js';
import { useController } from '../../app/context.js';

export function ElementLink({ id, children }: { id: string; children: ReactNode }) {
  const c = useController();
  const element = useChat((s) => s.elements.find((e) => e.id === id));
  if (!element) return <strong>{children}</strong>;
  const href = element.display === 'page' ? c.href(`/element/${element.id}`) : '#';
  return (
    <a
      className="element-link"
      href={href}
      onClick={(e) => {
        e.preventDefault();
        if (element.display === 'page') c.navigate(`/element/${element.id}`);
        else c.store.set({ sideView: { title: element.name, elementIds: [element.id] } });
      }}
    >
      {children}
    </a>
  );
}
