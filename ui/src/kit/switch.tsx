import * as S from '@radix-ui/react-switch';
import { forwardRef, type ComponentPropsWithoutRef, type ElementRef } from 'react';
import { cn } from './utils.js';

export const Switch = forwardRef<ElementRef<typeof S.Root>, ComponentPropsWithoutRef<typeof S.Root>>(function Switch({ className, ...props }, ref) {
  return (
    <S.Root ref={ref} data-slot="switch" className={cn('ui-switch', className)} {...props}>
      <S.Thumb className="ui-switch-thumb" />
    </S.Root>
  );
});
