/**
 * Wraps portal content (dialogs, menus, popovers render at the end of <body>) in the
 * Tailwind scope, so classes given to it in element JSX still apply there.
 */
import type { ReactNode } from 'react';
import { SCOPE } from './utils.js';

export function Scoped({ children }: { children: ReactNode }) {
  return <div className={`${SCOPE} ui-portal`}>{children}</div>;
}
