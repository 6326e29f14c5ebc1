import * as D from '@radix-ui/react-dialog';
import X from 'lucide-react/icons/x';
import { forwardRef, type ComponentPropsWithoutRef, type ElementRef, type HTMLAttributes } from 'react';
import { Scoped } from './Portal.js';
import { cn } from './utils.js';

export const Dialog = D.Root;
export const DialogTrigger = D.Trigger;
export const DialogPortal = D.Portal;
export const DialogClose = D.Close;

export const DialogOverlay = forwardRef<ElementRef<typeof D.Overlay>, ComponentPropsWithoutRef<typeof D.Overlay>>(function DialogOverlay({ className, ...props }, ref) {
  return <D.Overlay ref={ref} className={cn('ui-overlay', className)} {...props} />;
});

export const DialogContent = forwardRef<ElementRef<typeof D.Content>, ComponentPropsWithoutRef<typeof D.Content> & { showCloseButton?: boolean }>(function DialogContent(
  { className, children, showCloseButton = true, ...props },
  ref,
) {
  return (
    <D.Portal>
      <Scoped>
        <DialogOverlay />
        <D.Content ref={ref} data-slot="dialog-content" className={cn('ui-dialog', className)} {...props}>
          {children}
          {showCloseButton ? (
            <D.Close className="ui-dialog-close" aria-label="Close">
              <X size={16} />
            </D.Close>
          ) : null}
        </D.Content>
      </Scoped>
    </D.Portal>
  );
});

export function DialogHeader({ className, ...props }: HTMLAttributes<HTMLDivElement>) {
  return <div className={cn('ui-dialog-header', className)} {...props} />;
}

export function DialogFooter({ className, ...props }: HTMLAttributes<HTMLDivElement>) {
  return <div className={cn('ui-dialog-footer', className)} {...props} />;
}

export const DialogTitle = forwardRef<ElementRef<typeof D.Title>, ComponentPropsWithoutRef<typeof D.Title>>(function DialogTitle({ className, ...props }, ref) {
  return <D.Title ref={ref} className={cn('ui-dialog-title', className)} {...props} />;
});

export const DialogDescription = forwardRef<ElementRef<typeof D.Description>, ComponentPropsWithoutRef<typeof D.Description>>(function DialogDescription({ className, ...props }, ref) {
  return <D.Description ref={ref} className={cn('ui-dialog-description', className)} {...props} />;
});
