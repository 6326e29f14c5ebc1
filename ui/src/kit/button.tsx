import { Slot } from '@radix-ui/react-slot';
import { forwardRef, type ButtonHTMLAttributes } from 'react';
import { cn } from './utils.js';

export type ButtonVariant = 'default' | 'destructive' | 'outline' | 'secondary' | 'ghost' | 'link';
export type ButtonSize = 'default' | 'sm' | 'lg' | 'icon';

export function buttonVariants(opts: { variant?: ButtonVariant | null; size?: ButtonSize | null; className?: string } = {}): string {
  return cn('ui-button', `ui-button--${opts.variant ?? 'default'}`, `ui-button--size-${opts.size ?? 'default'}`, opts.className);
}

export interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  variant?: ButtonVariant | null;
  size?: ButtonSize | null;
  asChild?: boolean;
}

export const Button = forwardRef<HTMLButtonElement, ButtonProps>(function Button({ className, variant, size, asChild, ...props }, ref) {
  const Comp = asChild ? Slot : 'button';
  return <Comp ref={ref} data-slot="button" className={buttonVariants({ variant, size, className })} {...props} />;
});
