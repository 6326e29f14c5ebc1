import * as T from '@radix-ui/react-tooltip';
import { forwardRef, type ComponentPropsWithoutRef, type ElementRef } from 'react';
import { Scoped } from './Portal.js';
import { cn } from './utils.js';

export const TooltipProvider = T.Provider;
export const TooltipTrigger = T.Trigger;

/** Has its own provider, so an element needs no TooltipProvider around it. */
export function Tooltip(props: ComponentPropsWithoutRef<typeof T.Root>) {
  return (
    <T.Provider delayDuration={0}>
      <T.Root {...props} />
    </T.Provider>
  );
}

export const TooltipContent = forwardRef<ElementRef<typeof T.Content>, ComponentPropsWithoutRef<typeof T.Content>>(function TooltipContent(
  { className, sideOffset = 4, ...props },
  ref,
) {
  return (
    <T.Portal>
      <Scoped>
        <T.Content ref={ref} sideOffset={sideOffset} data-slot="tooltip-content" className={cn('ui-tooltip', className)} {...props} />
      </Scoped>
    </T.Portal>
  );
});
