import { Command as C } from 'cmdk';
import Search from 'lucide-react/icons/search';
import { forwardRef, type ComponentPropsWithoutRef, type ElementRef, type HTMLAttributes, type ReactNode } from 'react';
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle } from './dialog.js';
import { cn } from './utils.js';

export const Command = forwardRef<ElementRef<typeof C>, ComponentPropsWithoutRef<typeof C>>(function Command({ className, ...props }, ref) {
  return <C ref={ref} data-slot="command" className={cn('ui-command', className)} {...props} />;
});

export function CommandDialog({
  title = 'Command Palette',
  description = 'Search for a command to run...',
  children,
  ...props
}: ComponentPropsWithoutRef<typeof Dialog> & { title?: string; description?: string; children?: ReactNode }) {
  return (
    <Dialog {...props}>
      <DialogContent className="ui-command-dialog">
        <DialogHeader className="ui-sr-only">
          <DialogTitle>{title}</DialogTitle>
          <DialogDescription>{description}</DialogDescription>
        </DialogHeader>
        <Command>{children}</Command>
      </DialogContent>
    </Dialog>
  );
}

export const CommandInput = forwardRef<ElementRef<typeof C.Input>, ComponentPropsWithoutRef<typeof C.Input>>(function CommandInput({ className, ...props }, ref) {
  return (
    <div className="ui-command-input-wrapper">
      <Search size={16} aria-hidden="true" />
      <C.Input ref={ref} className={cn('ui-command-input', className)} {...props} />
    </div>
  );
});

export const CommandList = forwardRef<ElementRef<typeof C.List>, ComponentPropsWithoutRef<typeof C.List>>(function CommandList({ className, ...props }, ref) {
  return <C.List ref={ref} className={cn('ui-command-list', className)} {...props} />;
});

export const CommandEmpty = forwardRef<ElementRef<typeof C.Empty>, ComponentPropsWithoutRef<typeof C.Empty>>(function CommandEmpty({ className, ...props }, ref) {
  return <C.Empty ref={ref} className={cn('ui-command-empty', className)} {...props} />;
});

export const CommandGroup = forwardRef<ElementRef<typeof C.Group>, ComponentPropsWithoutRef<typeof C.Group>>(function CommandGroup({ className, ...props }, ref) {
  return <C.Group ref={ref} className={cn('ui-command-group', className)} {...props} />;
});

export const CommandSeparator = forwardRef<ElementRef<typeof C.Separator>, ComponentPropsWithoutRef<typeof C.Separator>>(function CommandSeparator(
  { className, ...props },
  ref,
) {
  return <C.Separator ref={ref} className={cn('ui-menu-separator', className)} {...props} />;
});

export const CommandItem = forwardRef<ElementRef<typeof C.Item>, ComponentPropsWithoutRef<typeof C.Item>>(function CommandItem({ className, ...props }, ref) {
  return <C.Item ref={ref} className={cn('ui-menu-item ui-command-item', className)} {...props} />;
});

export function CommandShortcut({ className, ...props }: HTMLAttributes<HTMLSpanElement>) {
  return <span className={cn('ui-menu-shortcut', className)} {...props} />;
}
