import { forwardRef, type InputHTMLAttributes } from 'react';
import { cn } from './utils.js';

export const Input = forwardRef<HTMLInputElement, InputHTMLAttributes<HTMLInputElement>>(function Input({ className, type, ...props }, ref) {
  return <input ref={ref} type={type} data-slot="input" className={cn('ui-input', className)} {...props} />;
});
