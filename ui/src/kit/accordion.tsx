import * as A from '@radix-ui/react-accordion';
import ChevronDown from 'lucide-react/icons/chevron-down';
import { forwardRef, type ComponentPropsWithoutRef, type ElementRef } from 'react';
import { cn } from './utils.js';

export const Accordion = A.Root;

export const AccordionItem = forwardRef<ElementRef<typeof A.Item>, ComponentPropsWithoutRef<typeof A.Item>>(function AccordionItem({ className, ...props }, ref) {
  return <A.Item ref={ref} data-slot="accordion-item" className={cn('ui-accordion-item', className)} {...props} />;
});

export const AccordionTrigger = forwardRef<ElementRef<typeof A.Trigger>, ComponentPropsWithoutRef<typeof A.Trigger>>(function AccordionTrigger(
  { className, children, ...props },
  ref,
) {
  return (
    <A.Header className="ui-accordion-header">
      <A.Trigger ref={ref} data-slot="accordion-trigger" className={cn('ui-accordion-trigger', className)} {...props}>
        {children}
        <ChevronDown size={16} className="ui-accordion-chevron" aria-hidden="true" />
      </A.Trigger>
    </A.Header>
  );
});

export const AccordionContent = forwardRef<ElementRef<typeof A.Content>, ComponentPropsWithoutRef<typeof A.Content>>(function AccordionContent(
  { className, children, ...props },
  ref,
) {
  return (
    <A.Content ref={ref} data-slot="accordion-content" className="ui-accordion-content" {...props}>
      <div className={cn('ui-accordion-body', className)}>{children}</div>
    </A.Content>
  );
});
