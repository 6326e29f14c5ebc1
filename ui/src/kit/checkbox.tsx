import * as C from '@radix-ui/react-checkbox';
import Check from 'lucide-react/icons/check';
import { forwardRef, type ComponentPropsWithoutRef, type ElementRef } from 'react';
import { cn } from './utils.js';

export const Checkbox = forwardRef<ElementRef<typeof C.Root>, ComponentPropsWithoutRef<typeof C.Root>>(function Checkbox({ className, ...props }, ref) {
  return (
    <C.Root ref={ref} data-slot="checkbox" className={cn('ui-checkbox', className)} {...props}>
      <C.Indicator className="ui-checkbox-indicator">
        <Check size={14} />
      </C.Indicator>
    </C.Root>
  );
});
