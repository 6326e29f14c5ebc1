import * as S from '@radix-ui/react-select';
import Check from 'lucide-react/icons/check';
import ChevronDown from 'lucide-react/icons/chevron-down';
import ChevronUp from 'lucide-react/icons/chevron-up';
import { forwardRef, type ComponentPropsWithoutRef, type ElementRef } from 'react';
import { Scoped } from './Portal.js';
import { cn } from './utils.js';

export const Select = S.Root;
export const SelectGroup = S.Group;
export const SelectValue = S.Value;

export const SelectTrigger = forwardRef<ElementRef<typeof S.Trigger>, ComponentPropsWithoutRef<typeof S.Trigger>>(function SelectTrigger(
  { className, children, ...props },
  ref,
) {
  return (
    <S.Trigger ref={ref} data-slot="select-trigger" className={cn('ui-input ui-select-trigger', className)} {...props}>
      {children}
      <S.Icon asChild>
        <ChevronDown size={16} className="ui-select-icon" />
      </S.Icon>
    </S.Trigger>
  );
});

export const SelectScrollUpButton = forwardRef<ElementRef<typeof S.ScrollUpButton>, ComponentPropsWithoutRef<typeof S.ScrollUpButton>>(function SelectScrollUpButton(
  { className, ...props },
  ref,
) {
  return (
    <S.ScrollUpButton ref={ref} className={cn('ui-select-scroll', className)} {...props}>
      <ChevronUp size={16} />
    </S.ScrollUpButton>
  );
});

export const SelectScrollDownButton = forwardRef<ElementRef<typeof S.ScrollDownButton>, ComponentPropsWithoutRef<typeof S.ScrollDownButton>>(function SelectScrollDownButton(
  { className, ...props },
  ref,
) {
  return (
    <S.ScrollDownButton ref={ref} className={cn('ui-select-scroll', className)} {...props}>
      <ChevronDown size={16} />
    </S.ScrollDownButton>
  );
});

export const SelectContent = forwardRef<ElementRef<typeof S.Content>, ComponentPropsWithoutRef<typeof S.Content>>(function SelectContent(
  { className, children, position = 'popper', ...props },
  ref,
) {
  return (
    <S.Portal>
      <Scoped>
        <S.Content ref={ref} position={position} data-slot="select-content" className={cn('ui-popover ui-select-content', className)} {...props}>
          <SelectScrollUpButton />
          <S.Viewport className="ui-select-viewport">{children}</S.Viewport>
          <SelectScrollDownButton />
        </S.Content>
      </Scoped>
    </S.Portal>
  );
});

export const SelectLabel = forwardRef<ElementRef<typeof S.Label>, ComponentPropsWithoutRef<typeof S.Label>>(function SelectLabel({ className, ...props }, ref) {
  return <S.Label ref={ref} className={cn('ui-menu-label', className)} {...props} />;
});

export const SelectItem = forwardRef<ElementRef<typeof S.Item>, ComponentPropsWithoutRef<typeof S.Item>>(function SelectItem({ className, children, ...props }, ref) {
  return (
    <S.Item ref={ref} data-slot="select-item" className={cn('ui-menu-item ui-menu-item--inset', className)} {...props}>
      <span className="ui-menu-indicator">
        <S.ItemIndicator>
          <Check size={14} />
        </S.ItemIndicator>
      </span>
      <S.ItemText>{children}</S.ItemText>
    </S.Item>
  );
});

export const SelectSeparator = forwardRef<ElementRef<typeof S.Separator>, ComponentPropsWithoutRef<typeof S.Separator>>(function SelectSeparator({ className, ...props }, ref) {
  return <S.Separator ref={ref} className={cn('ui-menu-separator', className)} {...props} />;
});
