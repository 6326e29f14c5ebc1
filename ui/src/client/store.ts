/**
 * Framework-free state container. React reads it with useSyncExternalStore; tests drive it
 * directly. Every change produces a new state object so selectors compare by reference.
 */
export type Listener = () => void;

export class Store<T extends object> {
  private state: T;
  private readonly listeners = new Set<Listener>();

  constructor(initial: T) {
    this.state = initial;
  }

  get = (): T => this.state;

  subscribe = (fn: Listener): (() => void) => {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  };

  set(patch: Partial<T> | ((s: T) => Partial<T>)): void {
    const delta = typeof patch === 'function' ? patch(this.state) : patch;
    let changed = false;
    for (const k of Object.keys(delta) as (keyof T)[]) {
      if (this.state[k] !== delta[k]) {
        changed = true;
        break;
      }
    }
    if (!changed) return;
    this.state = { ...this.state, ...delta };
    for (const fn of this.listeners) fn();
  }
}
