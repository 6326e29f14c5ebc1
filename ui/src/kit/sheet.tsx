import * as D from '@radix-ui/react-dialog';
import X from 'lucide-react/icons/x';
import { forwardRef, type ComponentPropsWithoutRef, type ElementRef, type HTMLAttributes } from 'react';
import { Scoped } from './Portal.js';
import { cn } from './utils.js';

export const Sheet = D.Root;
export const SheetTrigger = D.Trigger;
export const SheetClose = D.Close;
export const SheetPortal = D.Portal;

export const SheetOverlay = forwardRef<ElementRef<typeof D.Overlay>, ComponentPropsWithoutRef<typeof D.Overlay>>(function SheetOverlay({ className, ...props }, ref) {
  return <D.Overlay ref={ref} className={cn('ui-overlay', className)} {...props} />;
});

type Side = 'top' | 'right' | 'bottom' | 'left';

export const SheetContent = forwardRef<ElementRef<typeof D.Content>, ComponentPropsWithoutRef<typeof D.Content> & { side?: Side }>(function SheetContent(
  { side = 'right', className, children, ...props },
  ref,
) {
  return (
    <D.Portal>
      <Scoped>
        <SheetOverlay />
        <D.Content ref={ref} data-slot="sheet-content" className={cn('ui-sheet', `ui-sheet--${side}`, className)} {...props}>
          {children}
          <D.Close className="ui-dialog-close" aria-label="Close">
            <X size={16} />
          </D.Close>
        </D.Content>
      </Scoped>
    </D.Portal>
  );
});

export function SheetHeader({ className, ...props }: HTMLAttributes<HTMLDivElement>) {
  return <div className={cn('ui-dialog-header', className)} {...props} />;
}

export function SheetFooter({ className, ...props }: HTMLAttributes<HTMLDivElement>) {
  return <div className={cn('ui-dialog-footer', className)} {...props} />;
}

export const SheetTitle = forwardRef<ElementRef<typeof D.Title>, ComponentPropsWithoutRef<typeof D.Title>>(function SheetTitle({ className, ...props }, ref) {
  return <D.Title ref={ref} className={cn('ui-dialog-title', className)} {...props} />;
});

export const SheetDescription = forwardRef<ElementRef<typeof D.Description>, ComponentPropsWithoutRef<typeof D.Description>>(function SheetDescription({ className, ...props }, ref) {
  return <D.Description ref={ref} className={cn('ui-dialog-description', className)} {...props} />;
});
