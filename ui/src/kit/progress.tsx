import * as P from '@radix-ui/react-progress';
import { forwardRef, type ComponentPropsWithoutRef, type ElementRef } from 'react';
import { cn } from './utils.js';

export const Progress = forwardRef<ElementRef<typeof P.Root>, ComponentPropsWithoutRef<typeof P.Root>>(function Progress({ className, value, ...props }, ref) {
  return (
    <P.Root ref={ref} data-slot="progress" className={cn('ui-progress', className)} value={value} {...props}>
      <P.Indicator className="ui-progress-indicator" style={{ transform: `translateX(-${100 - (value ?? 0)}%)` }} />
    </P.Root>
  );
});
