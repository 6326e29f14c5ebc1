import * as A from '@radix-ui/react-avatar';
import { forwardRef, type ComponentPropsWithoutRef, type ElementRef } from 'react';
import { cn } from './utils.js';

export const Avatar = forwardRef<ElementRef<typeof A.Root>, ComponentPropsWithoutRef<typeof A.Root>>(function Avatar({ className, ...props }, ref) {
  return <A.Root ref={ref} data-slot="avatar" className={cn('ui-avatar', className)} {...props} />;
});

export const AvatarImage = forwardRef<ElementRef<typeof A.Image>, ComponentPropsWithoutRef<typeof A.Image>>(function AvatarImage({ className, ...props }, ref) {
  return <A.Image ref={ref} data-slot="avatar-image" className={cn('ui-avatar-image', className)} {...props} />;
});

export const AvatarFallback = forwardRef<ElementRef<typeof A.Fallback>, ComponentPropsWithoutRef<typeof A.Fallback>>(function AvatarFallback({ className, ...props }, ref) {
  return <A.Fallback ref={ref} data-slot="avatar-fallback" className={cn('ui-avatar-fallback', className)} {...props} />;
});
