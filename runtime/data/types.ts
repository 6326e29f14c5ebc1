import type { Readable } from 'node:stream';
import type { ElementDict, FeedbackDict, PersistedUserDict, StepDict, ThreadDict, UserDict } from '../wire.js';

/**
 * Chainlit's data layer (its `BaseDataLayer`), in TypeScript: what the runtime calls to
 * persist users, threads, steps, elements and feedback. The built-in SQL layer
 * (runtime/data/knex/) implements it on SQLite and PostgreSQL; a plugin may provide its own
 * (`dataLayer()` hook or `data_layer.module`). test/data/conformance.ts pins the behaviour
 * every implementation must have. Shapes are the wire shapes of PROTOCOL.md §5.
 */
export interface DataLayer {
  /** The persisted user with this identifier, or null. */
  getUser(identifier: string): Promise<PersistedUserDict | null>;
  /** Creates the user, or overwrites the stored metadata of an existing one (every login). */
  createUser(user: UserDict): Promise<PersistedUserDict | null>;

  /**
   * Creates or updates a feedback (keyed by `id`; a new id when absent) and returns its id.
   * A step has at most one feedback: one given without `id` replaces the step's current one.
   */
  upsertFeedback(feedback: FeedbackDict): Promise<string>;
  /** True when a feedback was deleted. */
  deleteFeedback(feedbackId: string): Promise<boolean>;
  /**
   * The stored feedback with its `threadId`, or null. Optional, but `DELETE /feedback`
   * needs it to check that the caller owns the feedback's thread: without it, that route
   * deletes nothing (404).
   */
  getFeedback?(feedbackId: string): Promise<FeedbackDict | null>;

  /** Stores an element (upsert by id), its content through the file storage when given. */
  createElement(element: ElementDict, content?: ElementContent): Promise<void>;
  getElement(threadId: string, elementId: string): Promise<ElementDict | null>;
  /** Deletes an element and its stored file; unknown ids are not an error. */
  deleteElement(elementId: string, threadId?: string): Promise<void>;
  /**
   * Opens the stored content of an element (one with an `objectKey`); null when there is
   * none. Optional: a layer whose elements carry their own `url` needs none.
   */
  readElementContent?(element: ElementDict): Promise<Readable | null>;

  /** Upserts a step by id; creates its thread row first when missing. */
  createStep(step: StepDict): Promise<void>;
  /** Same as createStep: the dict carries the step's full state. */
  updateStep(step: StepDict): Promise<void>;
  /** Deletes a step with its feedback and elements; unknown ids are not an error. */
  deleteStep(stepId: string): Promise<void>;
  /** Steps of the user's threads whose `metadata.favorite` is true, newest first. */
  getFavoriteSteps(userId: string): Promise<StepDict[]>;

  /** Identifier of the thread's author; null for an unknown thread or one without author. */
  getThreadAuthor(threadId: string): Promise<string | null>;
  /** The full thread (steps in creation order with their feedback, elements), or null. */
  getThread(threadId: string): Promise<ThreadDict | null>;
  /**
   * A page of the threads of `filter.userId` (required), most recent activity first.
   * List items carry the last-activity time in `createdAt` and may have empty
   * `steps`/`elements`; `pagination.cursor` is the `endCursor` (a thread id) of the page before.
   */
  listThreads(pagination: Pagination, filter: ThreadFilter): Promise<PaginatedResponse<ThreadDict>>;
  /** Creates the thread if needed, then applies the given fields (see ThreadUpdate). */
  updateThread(threadId: string, update: ThreadUpdate): Promise<void>;
  /** Deletes the thread with its steps, elements (and their stored files) and feedback. */
  deleteThread(threadId: string): Promise<void>;

  /** Forgets whatever the layer keeps for a session that ended; true when done. */
  deleteUserSession(sessionId: string): Promise<boolean>;
  /** A URL where the thread can be inspected (Chainlit's `build_debug_url`), or "". */
  buildDebugUrl(): Promise<string>;
  /** Releases connections; no call is made afterwards. */
  close(): Promise<void>;

  /**
   * Whether an error thrown by this layer means "the database is unreachable, try again
   * later" (the write queue keeps the write and retries) rather than "this write is wrong"
   * (it is logged and dropped). Without it, every error counts as transient.
   */
  isTransientError?(err: unknown): boolean;
}

/**
 * Fields of a thread to write. Absent (undefined) fields are left as they are. `metadata`
 * is merged into the stored object: a key whose value is null is deleted, other keys
 * overwrite, keys not given stay (PROTOCOL.md §3.7). `name: null` clears the name.
 */
export interface ThreadUpdate {
  name?: string | null;
  /** Persisted user id of the author; the layer also records the user's identifier. */
  userId?: string | null;
  metadata?: Record<string, unknown> | null;
  tags?: string[] | null;
}

/** Content of an element to persist; `open` may be called more than once (retries). */
export interface ElementContent {
  mime: string;
  open(): Promise<Buffer | Readable>;
}

/** `POST /project/threads` pagination (PROTOCOL.md §5.15). */
export interface Pagination {
  /** Page size. */
  first: number;
  /** The previous page's `endCursor`. */
  cursor?: string | null;
}

export interface ThreadFilter {
  /** Case-insensitive text matched against the thread name and its steps' output. */
  search?: string | null;
  /** Keep threads having at least one step with this feedback value. */
  feedback?: 0 | 1 | null;
  /** Persisted user id whose threads are listed (the server sets it). */
  userId?: string | null;
}

export interface PageInfo {
  hasNextPage: boolean;
  startCursor: string | null;
  endCursor: string | null;
}

export interface PaginatedResponse<T> {
  pageInfo: PageInfo;
  data: T[];
}

/** The method names every data layer must have (checked when a plugin provides one). */
export const DATA_LAYER_METHODS = [
  'getUser', 'createUser', 'upsertFeedback', 'deleteFeedback', 'createElement', 'getElement', 'deleteElement',
  'createStep', 'updateStep', 'deleteStep', 'getFavoriteSteps', 'getThreadAuthor', 'getThread',
  'listThreads', 'updateThread', 'deleteThread', 'deleteUserSession', 'buildDebugUrl', 'close',
] as const satisfies readonly (keyof DataLayer)[];
