import type { ElementDict, StepDict } from '../wire.js';

/**
 * What a session persists as it goes (runtime/persistence/ implements it over the data
 * layer). Every call returns at once: writes are queued, never awaited by the chat.
 */
export interface SessionRecorder {
  /** A step or message as sent or updated (its full state: the write is an upsert). */
  step(step: StepDict): void;
  deleteStep(stepId: string): void;
  element(element: ElementDict): void;
  deleteElement(elementId: string): void;
  /**
   * The first interaction (PROTOCOL.md §3.5): the thread row is written (name, author,
   * tags) and what was held back until now is written after it, in order.
   */
  firstInteraction(interaction: string): void;
  /** The session snapshot goes into the thread's metadata (at disconnect and at the end). */
  saveMetadata(): void;
  /** The session resumed a persisted thread: writes go to it at once, nothing is held back. */
  resumed(): void;
}
