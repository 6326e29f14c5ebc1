import { DeferredWrites } from '../data/deferred.js';
import type { DataLayer, ElementContent } from '../data/types.js';
import type { WriteQueue } from '../data/write-queue.js';
import type { Logger } from '../log.js';
import type { SessionRecorder } from '../session/recorder.js';
import type { Session } from '../session/session.js';
import type { FileStorage } from '../storage/types.js';
import type { ElementDict, StepDict } from '../wire.js';
import { metadataSnapshot } from './metadata.js';

export interface RecorderDeps {
  readonly layer: DataLayer;
  readonly queue: WriteQueue;
  /** The session files (uploads and element contents) an element's bytes are read from. */
  readonly files: FileStorage;
  readonly logger: Logger;
}

/** Thread names come from the first message; a whole pasted document is not a name. */
const NAME_LIMIT = 255;

/**
 * Persists one session's thread: steps, messages and elements as they are sent, the
 * thread row at the first interaction, the session snapshot at disconnect. Nothing is
 * written before the first interaction (PROTOCOL.md §3.5): what a chat start sends is held
 * and written then, after the thread row. Writes go through the write queue, in order per
 * thread, and are never awaited by the chat.
 */
export class ThreadRecorder implements SessionRecorder {
  private readonly held: DeferredWrites;

  constructor(
    private readonly session: Session,
    private readonly deps: RecorderDeps,
  ) {
    this.held = new DeferredWrites((write) => deps.queue.enqueue(write), deps.logger);
    // A session restored (another instance, a takeover) has its thread already.
    if (session.hasFirstInteraction) this.held.release();
  }

  private add(label: string, write: (threadId: string) => Promise<unknown>, key?: string): void {
    const threadId = this.session.threadId;
    this.held.add({ threadId, label, key, write: () => write(threadId) });
  }

  step(step: StepDict): void {
    this.add('createStep', (threadId) => this.deps.layer.createStep({ ...step, threadId }), `step:${step.id}`);
  }

  deleteStep(stepId: string): void {
    this.add('deleteStep', () => this.deps.layer.deleteStep(stepId));
  }

  element(element: ElementDict): void {
    const content = this.contentOf(element);
    this.add('createElement', (threadId) => this.deps.layer.createElement({ ...element, threadId }, content), `element:${element.id}`);
  }

  deleteElement(elementId: string): void {
    this.add('deleteElement', (threadId) => this.deps.layer.deleteElement(elementId, threadId));
  }

  /** An element whose bytes live in the session's files is stored with them (they go when the session ends). */
  private contentOf(element: ElementDict): ElementContent | undefined {
    const record = element.chainlitKey ? this.session.files.get(element.chainlitKey) : undefined;
    if (!record) return undefined;
    return { mime: element.mime ?? record.type, open: () => this.deps.files.read(record.path) };
  }

  firstInteraction(interaction: string): void {
    const { session, deps } = this;
    const threadId = session.threadId;
    const user = session.user;
    const config = session.runtime.config();
    const tags = config.features.auto_tag_thread !== false && session.chatProfile ? [session.chatProfile] : undefined;
    deps.queue.enqueue({
      threadId,
      label: 'updateThread',
      write: async () => {
        const stored = user ? ((await deps.layer.getUser(user.identifier)) ?? (await deps.layer.createUser(user))) : null;
        await deps.layer.updateThread(threadId, { name: interaction.slice(0, NAME_LIMIT), userId: stored?.id ?? null, tags });
      },
    });
    this.held.release();
  }

  saveMetadata(): void {
    const { session, deps } = this;
    if (!session.hasFirstInteraction) return;
    const metadata = metadataSnapshot(session, session.runtime.config().project.persist_user_env === true);
    const threadId = session.threadId;
    deps.queue.enqueue({ threadId, label: 'updateThread', key: `metadata:${threadId}`, write: () => deps.layer.updateThread(threadId, { metadata }) });
  }

  resumed(): void {
    this.held.release();
  }
}
