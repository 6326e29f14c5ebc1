/**
 * `/element/:id` (#element-view, DOM-CONTRACT §8): a page element shown full width with
 * its name as heading. It is looked up in the current chat (and the server sidebar);
 * without persisted threads there is nothing to load it from after a reload.
 */
import ArrowLeft from 'lucide-react/icons/arrow-left';
import { useChat } from '../client/react.js';
import { ElementView } from '../components/elements/ElementView.js';
import { useT } from '../i18n/i18n.js';
import { useController } from './context.js';

export function ElementPage({ id }: { id: string }) {
  const t = useT();
  const c = useController();
  const element = useChat((s) => s.elements.find((e) => e.id === id) ?? s.sidebar?.elements.find((e) => e.id === id));
  // The chat is still in the store: going back to it shows the same conversation.
  const back = '/';
  return (
    <div id="element-view" className="element-page">
      <a
        className="element-page-back small"
        href={c.href(back)}
        onClick={(e) => {
          e.preventDefault();
          c.navigate(back);
        }}
      >
        <ArrowLeft size={14} aria-hidden="true" />
        {t('components.elements.page.back')}
      </a>
      {element ? (
        <>
          <h1 className="element-page-title">{element.name}</h1>
          <ElementView element={element} display="page" placement="page" />
        </>
      ) : (
        <p className="muted">{t('components.elements.page.missing')}</p>
      )}
    </div>
  );
}
