import type { HTMLAttributes } from 'react';
import { cn } from './utils.js';

export function Skeleton({ className, ...props }: HTMLAttributes<HTMLDivElement>) {
  return <div data-slot="skeleton" className={cn('ui-skeleton', className)} {...props} />;
}
