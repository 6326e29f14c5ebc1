import { randomUUID } from 'node:crypto';
import type {
  DataLayer, ElementDict, FeedbackDict, PaginatedResponse, Pagination, PersistedUserDict, StepDict, ThreadDict, ThreadFilter, ThreadUpdate, UserDict,
} from 'chainlit-rt';

interface StoredThread {
  head: Omit<ThreadDict, 'steps' | 'elements'>;
  /** Last activity (latest step or creation), the key of the history list. */
  activity: string;
  steps: StepDict[];
  elements: ElementDict[];
}

const later = (a: string, b: string | null | undefined) => (b && Date.parse(b) > Date.parse(a) ? new Date(Date.parse(b)).toISOString() : a);
const newest = (a: StoredThread, b: StoredThread) => Date.parse(b.activity) - Date.parse(a.activity) || (b.head.id < a.head.id ? -1 : 1);

/**
 * A data layer that keeps everything in memory: history lasts as long as the process.
 * It is the smallest complete implementation of the interface, a starting point for one
 * that talks to your own store, and it passes the same conformance suite as the built-in
 * SQL layer (test/data/custom-layer.test.ts).
 */
export function createMemoryDataLayer(): DataLayer {
  const users = new Map<string, PersistedUserDict>();
  const threads = new Map<string, StoredThread>();
  const feedbacks = new Map<string, FeedbackDict>();

  const ensureThread = (id: string, at: string): StoredThread => {
    let thread = threads.get(id);
    if (!thread) {
      const stamp = new Date(Date.parse(at) || Date.now()).toISOString();
      thread = { head: { id, createdAt: stamp, name: null, userId: null, userIdentifier: null, tags: null, metadata: {} }, activity: stamp, steps: [], elements: [] };
      threads.set(id, thread);
    }
    return thread;
  };
  const stepById = (id: string) => [...threads.values()].flatMap((t) => t.steps).find((s) => s.id === id);
  const withFeedback = (step: StepDict): StepDict => ({ ...step, feedback: [...feedbacks.values()].find((f) => f.forId === step.id) ?? null });
  const shown = (step: StepDict): StepDict => (step.showInput === false || step.showInput == null ? { ...step, input: '' } : step);

  return {
    async getUser(identifier) {
      return users.get(identifier) ?? null;
    },
    async createUser(user: UserDict) {
      const existing = users.get(user.identifier);
      const stored = { id: existing?.id ?? randomUUID(), identifier: user.identifier, metadata: user.metadata ?? {}, createdAt: existing?.createdAt ?? new Date().toISOString() };
      users.set(user.identifier, stored);
      return stored;
    },

    async upsertFeedback(feedback) {
      const step = stepById(feedback.forId);
      if (!step) throw new Error('Feedback for an unknown step.');
      const id = feedback.id ?? [...feedbacks.values()].find((f) => f.forId === feedback.forId)?.id ?? randomUUID();
      feedbacks.set(id, { id, forId: feedback.forId, threadId: step.threadId, value: feedback.value, comment: feedback.comment ?? null });
      return id;
    },
    async deleteFeedback(id) {
      return feedbacks.delete(id);
    },
    async getFeedback(id) {
      return feedbacks.get(id) ?? null;
    },

    async createElement(element) {
      const thread = ensureThread(element.threadId!, new Date().toISOString());
      thread.elements = [...thread.elements.filter((e) => e.id !== element.id), { ...element }];
    },
    async getElement(threadId, elementId) {
      return threads.get(threadId)?.elements.find((e) => e.id === elementId) ?? null;
    },
    async deleteElement(elementId) {
      for (const thread of threads.values()) thread.elements = thread.elements.filter((e) => e.id !== elementId);
    },

    async createStep(step) {
      const thread = ensureThread(step.threadId, step.createdAt ?? new Date().toISOString());
      const index = thread.steps.findIndex((s) => s.id === step.id);
      if (index >= 0) thread.steps[index] = { ...step };
      else thread.steps.push({ ...step });
      // A stable sort keeps equal stamps in the order they were written.
      thread.steps.sort((a, b) => Date.parse(a.createdAt ?? '') - Date.parse(b.createdAt ?? ''));
      thread.activity = later(thread.activity, step.createdAt);
    },
    async updateStep(step) {
      await this.createStep(step);
    },
    async deleteStep(stepId) {
      for (const thread of threads.values()) {
        thread.steps = thread.steps.filter((s) => s.id !== stepId);
        thread.elements = thread.elements.filter((e) => e.forId !== stepId);
      }
      for (const [id, f] of feedbacks) if (f.forId === stepId) feedbacks.delete(id);
    },
    async getFavoriteSteps(userId) {
      const own = [...threads.values()].filter((t) => t.head.userId === userId);
      return own.flatMap((t) => t.steps).filter((s) => s.metadata?.favorite === true).sort((a, b) => Date.parse(b.createdAt ?? '') - Date.parse(a.createdAt ?? ''));
    },

    async getThreadAuthor(threadId) {
      return threads.get(threadId)?.head.userIdentifier ?? null;
    },
    async getThread(threadId) {
      const thread = threads.get(threadId);
      return thread ? { ...thread.head, steps: thread.steps.map((s) => shown(withFeedback(s))), elements: [...thread.elements] } : null;
    },
    async listThreads(pagination: Pagination, filter: ThreadFilter): Promise<PaginatedResponse<ThreadDict>> {
      if (!filter.userId) throw new Error('listThreads needs filter.userId.');
      const search = filter.search?.trim().toLowerCase();
      let list = [...threads.values()]
        .filter((t) => t.head.userId === filter.userId)
        .filter((t) => !search || (t.head.name ?? '').toLowerCase().includes(search) || t.steps.some((s) => s.output.toLowerCase().includes(search)))
        .filter((t) => filter.feedback == null || [...feedbacks.values()].some((f) => f.threadId === t.head.id && f.value === filter.feedback))
        .sort(newest);
      if (pagination.cursor) list = list.slice(list.findIndex((t) => t.head.id === pagination.cursor) + 1 || list.length);
      const page = list.slice(0, pagination.first).map((t) => ({ ...t.head, createdAt: t.activity, steps: [], elements: [] }));
      return { pageInfo: { hasNextPage: list.length > page.length, startCursor: page[0]?.id ?? null, endCursor: page.at(-1)?.id ?? null }, data: page };
    },
    async updateThread(threadId, update: ThreadUpdate) {
      const thread = ensureThread(threadId, new Date().toISOString());
      const head = thread.head;
      const metadataName = typeof update.metadata?.name === 'string' ? update.metadata.name : undefined;
      if (update.name !== undefined) head.name = update.name;
      else if (metadataName !== undefined) head.name = metadataName;
      if (update.tags !== undefined) head.tags = update.tags;
      if (update.userId !== undefined) {
        head.userId = update.userId;
        head.userIdentifier = [...users.values()].find((u) => u.id === update.userId)?.identifier ?? null;
      }
      for (const [key, value] of Object.entries(update.metadata ?? {})) {
        if (value === null) delete head.metadata![key];
        else head.metadata![key] = value;
      }
    },
    async deleteThread(threadId) {
      threads.delete(threadId);
      for (const [id, f] of feedbacks) if (f.threadId === threadId) feedbacks.delete(id);
    },

    async deleteUserSession() {
      return true;
    },
    async buildDebugUrl() {
      return '';
    },
    async close() {},
  };
}
