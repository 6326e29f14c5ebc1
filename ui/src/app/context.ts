/** React access to the controller and its app-level store. */
import { createContext, useContext } from 'react';
import { useStore } from '../client/react.js';
import { historyAvailable, type AppState } from './app-state.js';
import type { AppController } from './controller.js';

export const ControllerContext = createContext<AppController | null>(null);

export function useController(): AppController {
  const c = useContext(ControllerContext);
  if (!c) throw new Error('useController outside ControllerContext');
  return c;
}

export function useApp<R>(select: (s: AppState) => R): R {
  return useStore(useController().store, select);
}

/** Whether the history sidebar is shown in this app (never in the copilot). */
export function useHistoryEnabled(): boolean {
  const c = useController();
  return useApp(historyAvailable) && !c.embedded;
}
