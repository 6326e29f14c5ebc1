/** React bindings for the framework-free store. */
import { createContext, useContext, useSyncExternalStore } from 'react';
import type { ChatState } from './chat-state.js';
import type { ChatSession } from './session.js';
import type { Store } from './store.js';

export function useStore<T extends object, R>(store: Store<T>, select: (s: T) => R): R {
  return useSyncExternalStore(store.subscribe, () => select(store.get()));
}

export const SessionContext = createContext<ChatSession | null>(null);

export function useSession(): ChatSession {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside SessionContext');
  return s;
}

export function useChat<R>(select: (s: ChatState) => R): R {
  return useStore(useSession().store, select);
}
