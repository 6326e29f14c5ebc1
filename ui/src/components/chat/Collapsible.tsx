/** Folds long content behind "Show more" (ui.default_collapse_content). */
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useT } from '../../i18n/i18n.js';

const MAX_HEIGHT = 320;

/**
 * One observer for every collapsible: its first callback comes after the browser's own
 * layout, so mounting 1,000 messages costs one layout, not one forced layout each.
 */
const watched = new WeakMap<Element, (tall: boolean) => void>();
let observer: ResizeObserver | null = null;

function watch(el: Element, onTall: (tall: boolean) => void): () => void {
  observer ??= new ResizeObserver((entries) => {
    for (const e of entries) watched.get(e.target)?.(e.target.scrollHeight > MAX_HEIGHT + 40);
  });
  watched.set(el, onTall);
  observer.observe(el);
  return () => {
    watched.delete(el);
    observer?.unobserve(el);
  };
}

export function Collapsible({ children }: { children: ReactNode }) {
  const t = useT();
  const ref = useRef<HTMLDivElement>(null);
  const [tall, setTall] = useState(false);
  const [expanded, setExpanded] = useState(false);
  useEffect(() => (ref.current ? watch(ref.current, setTall) : undefined), []);
  const folded = tall && !expanded;
  return (
    <div className={`collapsible${folded ? ' collapsible-folded' : ''}`}>
      <div ref={ref} className="collapsible-inner" style={folded ? { maxHeight: MAX_HEIGHT } : undefined}>
        {children}
      </div>
      {tall ? (
        <button type="button" className="link-button collapsible-toggle" aria-expanded={expanded} onClick={() => setExpanded(!expanded)}>
          {t(expanded ? 'chat.collapse.collapse' : 'chat.collapse.expand')}
        </button>
      ) : null}
    </div>
  );
}
