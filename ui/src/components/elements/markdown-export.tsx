/**
 * `@/components/markdown` for custom elements: Chainlit's component takes the text as
 * `content` (children work too).
 */
import { Markdown as AppMarkdown } from '../markdown/Markdown.js';

export function Markdown({ content, children, className }: { content?: string; children?: string; className?: string }) {
  const text = content ?? (typeof children === 'string' ? children : '');
  return (
    <div className={className}>
      <AppMarkdown text={text} />
    </div>
  );
}

export default Markdown;
