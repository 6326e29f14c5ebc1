/** Tooltip on Radix; plain children when there is no text. */
import * as T from '@radix-ui/react-tooltip';
import type { ReactElement } from 'react';
import { usePortalRoot } from './portal-root.js';

export function Tip({ text, children, side }: { text?: string | null; children: ReactElement; side?: 'top' | 'bottom' | 'left' | 'right' }) {
  const portalRoot = usePortalRoot();
  if (!text) return children;
  return (
    <T.Root delayDuration={300}>
      <T.Trigger asChild>{children}</T.Trigger>
      <T.Portal container={portalRoot}>
        <T.Content className="tooltip" side={side ?? 'top'} sideOffset={6}>
          {text}
        </T.Content>
      </T.Portal>
    </T.Root>
  );
}
