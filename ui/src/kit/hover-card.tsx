import * as H from '@radix-ui/react-hover-card';
import { forwardRef, type ComponentPropsWithoutRef, type ElementRef } from 'react';
import { Scoped } from './Portal.js';
import { cn } from './utils.js';

export const HoverCard = H.Root;
export const HoverCardTrigger = H.Trigger;

export const HoverCardContent = forwardRef<ElementRef<typeof H.Content>, ComponentPropsWithoutRef<typeof H.Content>>(function HoverCardContent(
  { className, align = 'center', sideOffset = 4, ...props },
  ref,
) {
  return (
    <H.Portal>
      <Scoped>
        <H.Content ref={ref} align={align} sideOffset={sideOffset} data-slot="hover-card-content" className={cn('ui-popover ui-hover-card', className)} {...props} />
      </Scoped>
    </H.Portal>
  );
});
