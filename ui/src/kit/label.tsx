import * as L from '@radix-ui/react-label';
import { forwardRef, type ComponentPropsWithoutRef, type ElementRef } from 'react';
import { cn } from './utils.js';

export const Label = forwardRef<ElementRef<typeof L.Root>, ComponentPropsWithoutRef<typeof L.Root>>(function Label({ className, ...props }, ref) {
  return <L.Root ref={ref} data-slot="label" className={cn('ui-label', className)} {...props} />;
});
