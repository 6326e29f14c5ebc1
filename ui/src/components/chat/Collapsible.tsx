/** Folds long content behind "Show more" (ui.default_collapse_content). */
import { useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import { useT } from '../../i18n/i18n.js';

const MAX_HEIGHT = 320;

export function Collapsible({ children }: { children: ReactNode }) {
  const t = useT();
  const ref = useRef<HTMLDivElement>(null);
  const [tall, setTall] = useState(false);
  const [expanded, setExpanded] = useState(false);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const check = () => setTall(el.scrollHeight > MAX_HEIGHT + 40);
    check();
    const ro = new ResizeObserver(check);
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
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
