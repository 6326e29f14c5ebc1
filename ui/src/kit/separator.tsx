import * as S from '@radix-ui/react-separator';
import { forwardRef, type ComponentPropsWithoutRef, type ElementRef } from 'react';
import { cn } from './utils.js';

export const Separator = forwardRef<ElementRef<typeof S.Root>, ComponentPropsWithoutRef<typeof S.Root>>(function Separator(
  { className, orientation = 'horizontal', decorative = true, ...props },
  ref,
) {
  return <S.Root ref={ref} decorative={decorative} orientation={orientation} data-slot="separator" className={cn('ui-separator', `ui-separator--${orientation}`, className)} {...props} />;
});
