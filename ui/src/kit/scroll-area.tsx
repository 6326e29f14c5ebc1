import * as S from '@radix-ui/react-scroll-area';
import { forwardRef, type ComponentPropsWithoutRef, type ElementRef } from 'react';
import { cn } from './utils.js';

export const ScrollBar = forwardRef<ElementRef<typeof S.Scrollbar>, ComponentPropsWithoutRef<typeof S.Scrollbar>>(function ScrollBar(
  { className, orientation = 'vertical', ...props },
  ref,
) {
  return (
    <S.Scrollbar ref={ref} orientation={orientation} className={cn('ui-scrollbar', `ui-scrollbar--${orientation}`, className)} {...props}>
      <S.Thumb className="ui-scrollbar-thumb" />
    </S.Scrollbar>
  );
});

export const ScrollArea = forwardRef<ElementRef<typeof S.Root>, ComponentPropsWithoutRef<typeof S.Root>>(function ScrollArea({ className, children, ...props }, ref) {
  return (
    <S.Root ref={ref} data-slot="scroll-area" className={cn('ui-scroll-area', className)} {...props}>
      <S.Viewport className="ui-scroll-area-viewport">{children}</S.Viewport>
      <ScrollBar />
      <S.Corner />
    </S.Root>
  );
});
