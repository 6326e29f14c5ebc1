/** Text element: markdown, or a code block when `language` is set (`.inline-text` etc.). */
import type { IElement } from '../../client/types.js';
import { useT } from '../../i18n/i18n.js';
import { CodeBlock } from '../markdown/CodeBlock.js';
import { Markdown } from '../markdown/Markdown.js';
import { identity, useElementContent } from './content.js';
import { ElementStatus } from './ElementBoundary.js';
import type { Placement } from './ElementView.js';

export function TextElement({ element, display, placement }: { element: IElement; display: string; placement: Placement }) {
  const t = useT();
  const content = useElementContent(element.url, identity);
  if (content.state !== 'ready') {
    return content.state === 'loading'
      ? <ElementStatus text={t('components.elements.loading', { name: element.name })} />
      : <ElementStatus error text={t('components.elements.error', { name: element.name, error: content.error })} />;
  }
  const body = element.language
    ? <CodeBlock code={content.value} language={element.language} />
    : <Markdown text={content.value} />;
  // The wrapper's textContent must be the text alone (DOM-CONTRACT §8): the title sits outside.
  // Outside a message (side panel, page) the text renders bare, whatever its display.
  if (display !== 'inline' || placement !== 'message') return <div className={`${display}-text`}>{body}</div>;
  return (
    <div className="element-card">
      <div className="element-card-title">{element.name}</div>
      <div className="inline-text">{body}</div>
    </div>
  );
}
