import * as M from '@radix-ui/react-dropdown-menu';
import Check from 'lucide-react/icons/check';
import ChevronRight from 'lucide-react/icons/chevron-right';
import Circle from 'lucide-react/icons/circle';
import { forwardRef, type ComponentPropsWithoutRef, type ElementRef, type HTMLAttributes } from 'react';
import { Scoped } from './Portal.js';
import { cn } from './utils.js';

export const DropdownMenu = M.Root;
export const DropdownMenuTrigger = M.Trigger;
export const DropdownMenuGroup = M.Group;
export const DropdownMenuPortal = M.Portal;
export const DropdownMenuSub = M.Sub;
export const DropdownMenuRadioGroup = M.RadioGroup;

type Inset = { inset?: boolean };

export const DropdownMenuSubTrigger = forwardRef<ElementRef<typeof M.SubTrigger>, ComponentPropsWithoutRef<typeof M.SubTrigger> & Inset>(function DropdownMenuSubTrigger(
  { className, inset, children, ...props },
  ref,
) {
  return (
    <M.SubTrigger ref={ref} className={cn('ui-menu-item', inset && 'ui-menu-item--inset', className)} {...props}>
      {children}
      <ChevronRight size={14} className="ui-menu-chevron" />
    </M.SubTrigger>
  );
});

export const DropdownMenuSubContent = forwardRef<ElementRef<typeof M.SubContent>, ComponentPropsWithoutRef<typeof M.SubContent>>(function DropdownMenuSubContent(
  { className, ...props },
  ref,
) {
  return (
    <M.Portal>
      <Scoped>
        <M.SubContent ref={ref} className={cn('ui-popover ui-menu', className)} {...props} />
      </Scoped>
    </M.Portal>
  );
});

export const DropdownMenuContent = forwardRef<ElementRef<typeof M.Content>, ComponentPropsWithoutRef<typeof M.Content>>(function DropdownMenuContent(
  { className, sideOffset = 4, ...props },
  ref,
) {
  return (
    <M.Portal>
      <Scoped>
        <M.Content ref={ref} sideOffset={sideOffset} data-slot="dropdown-menu-content" className={cn('ui-popover ui-menu', className)} {...props} />
      </Scoped>
    </M.Portal>
  );
});

export const DropdownMenuItem = forwardRef<ElementRef<typeof M.Item>, ComponentPropsWithoutRef<typeof M.Item> & Inset & { variant?: 'default' | 'destructive' }>(function DropdownMenuItem(
  { className, inset, variant, ...props },
  ref,
) {
  return <M.Item ref={ref} data-variant={variant ?? 'default'} className={cn('ui-menu-item', inset && 'ui-menu-item--inset', className)} {...props} />;
});

export const DropdownMenuCheckboxItem = forwardRef<ElementRef<typeof M.CheckboxItem>, ComponentPropsWithoutRef<typeof M.CheckboxItem>>(function DropdownMenuCheckboxItem(
  { className, children, ...props },
  ref,
) {
  return (
    <M.CheckboxItem ref={ref} className={cn('ui-menu-item ui-menu-item--inset', className)} {...props}>
      <span className="ui-menu-indicator">
        <M.ItemIndicator>
          <Check size={14} />
        </M.ItemIndicator>
      </span>
      {children}
    </M.CheckboxItem>
  );
});

export const DropdownMenuRadioItem = forwardRef<ElementRef<typeof M.RadioItem>, ComponentPropsWithoutRef<typeof M.RadioItem>>(function DropdownMenuRadioItem(
  { className, children, ...props },
  ref,
) {
  return (
    <M.RadioItem ref={ref} className={cn('ui-menu-item ui-menu-item--inset', className)} {...props}>
      <span className="ui-menu-indicator">
        <M.ItemIndicator>
          <Circle size={8} fill="currentColor" />
        </M.ItemIndicator>
      </span>
      {children}
    </M.RadioItem>
  );
});

export const DropdownMenuLabel = forwardRef<ElementRef<typeof M.Label>, ComponentPropsWithoutRef<typeof M.Label> & Inset>(function DropdownMenuLabel(
  { className, inset, ...props },
  ref,
) {
  return <M.Label ref={ref} className={cn('ui-menu-label', inset && 'ui-menu-item--inset', className)} {...props} />;
});

export const DropdownMenuSeparator = forwardRef<ElementRef<typeof M.Separator>, ComponentPropsWithoutRef<typeof M.Separator>>(function DropdownMenuSeparator(
  { className, ...props },
  ref,
) {
  return <M.Separator ref={ref} className={cn('ui-menu-separator', className)} {...props} />;
});

export function DropdownMenuShortcut({ className, ...props }: HTMLAttributes<HTMLSpanElement>) {
  return <span className={cn('ui-menu-shortcut', className)} {...props} />;
}
