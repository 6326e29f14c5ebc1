/**
 * Element render errors are caught per element (RenderBoundary), so a broken element never
 * takes the chat down; the error is shown in the element's place (a custom element's
 * runtime error included).
 */
export { RenderBoundary as ElementBoundary } from '../ui/RenderBoundary.js';

/** The one-line states every fetched element shows before its content is there. */
export function ElementStatus({ text, error }: { text: string; error?: boolean }) {
  return (
    <div className={error ? 'element-error' : 'element-loading'} role={error ? 'alert' : 'status'}>
      {text}
    </div>
  );
}
