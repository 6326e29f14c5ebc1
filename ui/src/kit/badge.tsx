import type { HTMLAttributes } from 'react';
import { cn } from './utils.js';

export type BadgeVariant = 'default' | 'secondary' | 'destructive' | 'outline';

export function badgeVariants(opts: { variant?: BadgeVariant | null; className?: string } = {}): string {
  return cn('ui-badge', `ui-badge--${opts.variant ?? 'default'}`, opts.className);
}

export interface BadgeProps extends HTMLAttributes<HTMLSpanElement> {
  variant?: BadgeVariant | null;
}

export function Badge({ className, variant, ...props }: BadgeProps) {
  return <span data-slot="badge" className={badgeVariants({ variant, className })} {...props} />;
}
