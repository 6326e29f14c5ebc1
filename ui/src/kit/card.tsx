import { forwardRef, type HTMLAttributes } from 'react';
import { cn } from './utils.js';

type DivProps = HTMLAttributes<HTMLDivElement>;

function part(slot: string, base: string) {
  const Part = forwardRef<HTMLDivElement, DivProps>(function Part({ className, ...props }, ref) {
    return <div ref={ref} data-slot={slot} className={cn(base, className)} {...props} />;
  });
  Part.displayName = slot;
  return Part;
}

export const Card = part('card', 'ui-card');
export const CardHeader = part('card-header', 'ui-card-header');
export const CardTitle = part('card-title', 'ui-card-title');
export const CardDescription = part('card-description', 'ui-card-description');
export const CardAction = part('card-action', 'ui-card-action');
export const CardContent = part('card-content', 'ui-card-content');
export const CardFooter = part('card-footer', 'ui-card-footer');
