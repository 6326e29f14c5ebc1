import ChevronLeft from 'lucide-react/icons/chevron-left';
import ChevronRight from 'lucide-react/icons/chevron-right';
import MoreHorizontal from 'lucide-react/icons/ellipsis';
import type { AnchorHTMLAttributes, HTMLAttributes, LiHTMLAttributes } from 'react';
import { buttonVariants, type ButtonSize } from './button.js';
import { cn } from './utils.js';

export function Pagination({ className, ...props }: HTMLAttributes<HTMLElement>) {
  return <nav role="navigation" aria-label="pagination" data-slot="pagination" className={cn('ui-pagination', className)} {...props} />;
}

export function PaginationContent({ className, ...props }: HTMLAttributes<HTMLUListElement>) {
  return <ul className={cn('ui-pagination-content', className)} {...props} />;
}

export function PaginationItem(props: LiHTMLAttributes<HTMLLIElement>) {
  return <li {...props} />;
}

type LinkProps = AnchorHTMLAttributes<HTMLAnchorElement> & { isActive?: boolean; size?: ButtonSize };

export function PaginationLink({ className, isActive, size = 'icon', ...props }: LinkProps) {
  return (
    <a
      aria-current={isActive ? 'page' : undefined}
      data-active={isActive}
      className={buttonVariants({ variant: isActive ? 'outline' : 'ghost', size, className })}
      {...props}
    />
  );
}

export function PaginationPrevious({ className, ...props }: LinkProps) {
  return (
    <PaginationLink aria-label="Go to previous page" size="default" className={cn('ui-pagination-step', className)} {...props}>
      <ChevronLeft size={16} />
      <span>Previous</span>
    </PaginationLink>
  );
}

export function PaginationNext({ className, ...props }: LinkProps) {
  return (
    <PaginationLink aria-label="Go to next page" size="default" className={cn('ui-pagination-step', className)} {...props}>
      <span>Next</span>
      <ChevronRight size={16} />
    </PaginationLink>
  );
}

export function PaginationEllipsis({ className, ...props }: HTMLAttributes<HTMLSpanElement>) {
  return (
    <span aria-hidden className={cn('ui-pagination-ellipsis', className)} {...props}>
      <MoreHorizontal size={16} />
      <span className="ui-sr-only">More pages</span>
    </span>
  );
}
