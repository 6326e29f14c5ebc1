/**
 * One element, classed `<display>-<kind>` (DOM-CONTRACT §8). Text content is fetched from
 * the element URL. Kinds beyond image/file/text/audio/video show a download card for now.
 */
import { FileText } from '../ui/icons.js';
import { memo, useEffect, useState } from 'react';
import type { IElement } from '../../client/types.js';
import { useT } from '../../i18n/i18n.js';
import { Markdown } from '../markdown/Markdown.js';
import { CodeBlock } from '../markdown/CodeBlock.js';

function useText(url: string | null | undefined): string | null {
  const [text, setText] = useState<string | null>(null);
  useEffect(() => {
    if (!url) return;
    let live = true;
    fetch(url, { credentials: 'include' })
      .then((r) => (r.ok ? r.text() : Promise.reject(new Error(r.statusText))))
      .then((t) => live && setText(t))
      .catch(() => live && setText(''));
    return () => {
      live = false;
    };
  }, [url]);
  return text;
}

function TextElement({ element, display }: { element: IElement; display: string }) {
  const t = useT();
  const text = useText(element.url);
  if (text === null) return <div className="element-loading muted small">{t('components.elements.loading', { name: element.name })}</div>;
  const body = element.language ? <CodeBlock code={text} language={element.language} /> : <Markdown text={text} />;
  if (display === 'inline') {
    return (
      <div className="element-card">
        <div className="element-card-title">{element.name}</div>
        <div className={`${display}-text`}>{body}</div>
      </div>
    );
  }
  return <div className={`${display}-text`}>{body}</div>;
}

export const ElementView = memo(function ElementView({ element, display: forced }: { element: IElement; display?: string }) {
  const display = forced ?? element.display ?? 'inline';
  const url = element.url ?? undefined;
  const size = element.size ?? 'medium';
  switch (element.type) {
    case 'image':
      return <img className={`${display}-image element-image size-${size}`} src={url} alt={element.name} loading="lazy" />;
    case 'text':
      return <TextElement element={element} display={display} />;
    case 'audio':
      return (
        <div className={`${display}-audio element-media`}>
          <span className="element-name small muted">{element.name}</span>
          <audio controls src={url} autoPlay={Boolean(element.autoPlay)} />
        </div>
      );
    case 'video':
      return (
        <div className={`${display}-video element-media`}>
          <video controls src={url} className={`size-${size}`} />
        </div>
      );
    default:
      return (
        <a
          className={`${display}-${element.type === 'file' ? 'file' : element.type} element-file`}
          href={url}
          download={element.name}
          target="_blank"
          rel="noopener noreferrer"
        >
          <FileText size={16} aria-hidden="true" />
          <span>{element.name}</span>
        </a>
      );
  }
});
