import * as P from '@radix-ui/react-popover';
import { forwardRef, type ComponentPropsWithoutRef, type ElementRef } from 'react';
import { Scoped } from './Portal.js';
import { cn } from './utils.js';

export const Popover = P.Root;
export const PopoverTrigger = P.Trigger;
export const PopoverAnchor = P.Anchor;

export const PopoverContent = forwardRef<ElementRef<typeof P.Content>, ComponentPropsWithoutRef<typeof P.Content>>(function PopoverContent(
  { className, align = 'center', sideOffset = 4, ...props },
  ref,
) {
  return (
    <P.Portal>
      <Scoped>
        <P.Content ref={ref} align={align} sideOffset={sideOffset} data-slot="popover-content" className={cn('ui-popover', className)} {...props} />
      </Scoped>
    </P.Portal>
  );
});
