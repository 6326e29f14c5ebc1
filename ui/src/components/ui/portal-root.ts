/**
 * Where dialogs, menus and tooltips render. The web app leaves it unset (Radix renders at
 * the end of <body>); the copilot widget points it inside its shadow root, where its
 * stylesheet applies.
 */
import { createContext, useContext } from 'react';

export const PortalRootContext = createContext<HTMLElement | undefined>(undefined);

export function usePortalRoot(): HTMLElement | undefined {
  return useContext(PortalRootContext);
}
