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

  private pending: ReturnType<typeof setTimeout> | null = null;

  set(patch: Partial<T> | ((s: T) => Partial<T>)): void {
    if (this.apply(patch)) this.notify();
  }

  /**
   * Like set, but listeners hear about it at the next frame (at most ~16 ms later). Used
   * for stream tokens: thousands per second would otherwise each cost a render, and the
   * page would fall behind the stream.
   */
  setSoon(patch: Partial<T> | ((s: T) => Partial<T>)): void {
    if (!this.apply(patch) || this.pending) return;
    this.pending = setTimeout(() => this.notify(), 16);
  }

  private apply(patch: Partial<T> | ((s: T) => Partial<T>)): boolean {
    const delta = typeof patch === 'function' ? patch(this.state) : patch;
    let changed = false;
    for (const k of Object.keys(delta) as (keyof T)[]) {
      if (this.state[k] !== delta[k]) {
        changed = true;
        break;
      }
    }
    if (changed) this.state = { ...this.state, ...delta };
    return changed;
  }

  private notify(): void {
    if (this.pending) {
      clearTimeout(this.pending);
      this.pending = null;
    }
    for (const fn of this.listeners) fn();
  }
}
