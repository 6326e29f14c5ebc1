/**
 * The history sidebar's state (PROTOCOL.md §4.5): the user's threads, a page at a time
 * through the list route's cursor, filtered by a search text, and the thread operations
 * (rename, delete, share). Framework-free like the chat store; React reads `store`.
 */
import type { Api } from './api.js';
import { Store } from './store.js';
import type { IThread } from './types.js';

/** One row of the list as the list route sends it (steps are left out). */
export type ThreadSummary = Pick<IThread, 'id' | 'createdAt' | 'name' | 'metadata'>;

export interface HistoryState {
  threads: ThreadSummary[];
  /** The last page's `endCursor`; null before the first page. */
  cursor: string | null;
  hasMore: boolean;
  loading: boolean;
  search: string;
  /** Only threads with a thumbs up (1) or down (0) somewhere; null for all. */
  feedback: 0 | 1 | null;
  error: string | null;
}

interface Page {
  pageInfo: { hasNextPage: boolean; endCursor?: string | null };
  data: ThreadSummary[];
}

export const PAGE_SIZE = 20;

export class ThreadHistory {
  readonly store = new Store<HistoryState>({ threads: [], cursor: null, hasMore: true, loading: false, search: '', feedback: null, error: null });
  /** Bumped by every fresh load, so a page answered for an older search is dropped. */
  private generation = 0;

  constructor(private readonly api: Api) {}

  /**
   * Loads the first page again (after a search change, a new thread): the rows shown stay
   * until it arrives, so the list does not flicker.
   */
  async refresh(search = this.store.get().search, feedback = this.store.get().feedback): Promise<void> {
    this.generation += 1;
    this.store.set({ search, feedback, loading: false, error: null });
    await this.fetchPage(null, true);
  }

  /** The next page, if any and none is on its way. */
  async loadMore(): Promise<void> {
    const st = this.store.get();
    if (st.loading || !st.hasMore) return;
    await this.fetchPage(st.cursor, false);
  }

  private async fetchPage(cursor: string | null, replace: boolean): Promise<void> {
    const generation = this.generation;
    this.store.set({ loading: true });
    try {
      const page = await this.api.post<Page>('/project/threads', {
        pagination: { first: PAGE_SIZE, cursor },
        filter: { search: this.store.get().search || null, feedback: this.store.get().feedback },
      });
      if (generation !== this.generation) return;
      this.store.set((s) => {
        const kept = replace ? [] : s.threads;
        const seen = new Set(kept.map((t) => t.id));
        return {
          threads: [...kept, ...page.data.filter((t) => !seen.has(t.id))],
          cursor: page.pageInfo.endCursor ?? null,
          hasMore: page.pageInfo.hasNextPage && page.data.length > 0,
          loading: false,
        };
      });
    } catch (err) {
      if (generation === this.generation) this.store.set({ loading: false, hasMore: false, error: (err as Error).message });
    }
  }

  async rename(threadId: string, name: string): Promise<void> {
    await this.api.put('/project/thread', { threadId, name });
    this.store.set((s) => ({ threads: s.threads.map((t) => (t.id === threadId ? { ...t, name } : t)) }));
  }

  async remove(threadId: string): Promise<void> {
    await this.api.delete('/project/thread', { threadId });
    this.store.set((s) => ({ threads: s.threads.filter((t) => t.id !== threadId) }));
  }

  async share(threadId: string, isShared: boolean): Promise<void> {
    await this.api.put('/project/thread/share', { threadId, isShared });
  }
}

export type DateGroup = 'today' | 'yesterday' | 'previous7days' | 'previous30days' | 'older';

const DAY_MS = 86_400_000;

/** The sidebar's time group of a thread, by calendar days in the browser's time zone. */
export function dateGroup(createdAt: string, now: Date = new Date()): DateGroup {
  const d = new Date(createdAt);
  const startOfToday = new Date(now.getFullYear(), now.getMonth(), now.getDate()).getTime();
  const t = d.getTime();
  if (Number.isNaN(t) || t >= startOfToday) return 'today';
  if (t >= startOfToday - DAY_MS) return 'yesterday';
  if (t >= startOfToday - 7 * DAY_MS) return 'previous7days';
  if (t >= startOfToday - 30 * DAY_MS) return 'previous30days';
  return 'older';
}

/** Threads in list order, cut into consecutive groups (the list is newest first). */
export function groupThreads(threads: ThreadSummary[], now: Date = new Date()): { group: DateGroup; threads: ThreadSummary[] }[] {
  const out: { group: DateGroup; threads: ThreadSummary[] }[] = [];
  for (const t of threads) {
    const group = dateGroup(t.createdAt, now);
    const last = out[out.length - 1];
    if (last && last.group === group) last.threads.push(t);
    else out.push({ group, threads: [t] });
  }
  return out;
}
