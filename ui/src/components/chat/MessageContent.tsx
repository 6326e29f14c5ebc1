/**
 * `.message-content`: the markdown of a message (or a step's input/output) plus the inline
 * elements attached to it, with references to side/page elements turned into links.
 */
import { memo, useMemo } from 'react';
import { useChat } from '../../client/react.js';
import type { IElement, IStep } from '../../client/types.js';
import { InlineElements } from '../elements/InlineElements.js';
import { Markdown } from '../markdown/Markdown.js';
import { CodeBlock } from '../markdown/CodeBlock.js';
import { Collapsible } from './Collapsible.js';
import { useMessageConfig } from './message-context.js';

const NO_ELEMENTS: IElement[] = [];

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Links every side/page element named in the text (longest names first). */
export function linkElementRefs(text: string, elements: IElement[]): string {
  const refs = elements
    .filter((e) => e.display === 'side' || e.display === 'page')
    .sort((a, b) => b.name.length - a.name.length);
  let out = text;
  for (const el of refs) {
    if (!el.name) continue;
    const re = new RegExp(`(?<![\\[\\w#/-])${escapeRe(el.name)}(?![\\]\\w])`, 'g');
    out = out.replace(re, `[${el.name}](#cl-element-${el.id})`);
  }
  return out;
}

export const MessageContent = memo(function MessageContent({ message, section }: { message: IStep; section: 'input' | 'output' }) {
  const { allowHtml, latex, collapse, userMarkdown } = useMessageConfig();
  const all = useChat((s) => s.elements);
  const elements = useMemo(() => {
    const mine = all.filter((e) => e.forId === message.id);
    return mine.length ? mine : NO_ELEMENTS;
  }, [all, message.id]);
  const isUser = message.type === 'user_message';
  const raw = section === 'input' ? (message.input ?? '') : message.output ?? '';
  const lang = section === 'input'
    ? typeof message.showInput === 'string' && message.showInput !== 'true' ? message.showInput : 'json'
    : message.language ?? undefined;
  const text = useMemo(() => (section === 'output' ? linkElementRefs(raw, elements) : raw), [raw, elements, section]);
  let body: React.ReactNode;
  if (section === 'input' || lang) body = <CodeBlock code={raw} language={lang} />;
  else if (isUser && !userMarkdown) body = <p className="plain-text">{raw}</p>;
  else if (text) body = <Markdown text={text} allowHtml={allowHtml} latex={latex} />;
  else body = null;
  const inline = section === 'output' && !isUser ? elements.filter((e) => e.display !== 'side' && e.display !== 'page') : NO_ELEMENTS;
  // Only the text folds: inline elements (charts, tables, forms) stay whole below it.
  return (
    <div className={`message-content${message.streaming ? ' streaming' : ''}`}>
      {collapse && !message.streaming && body ? <Collapsible>{body}</Collapsible> : body}
      {message.streaming && !body ? <span className="streaming-cursor" aria-hidden="true" /> : null}
      {inline.length ? <InlineElements elements={inline} /> : null}
    </div>
  );
});
