import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import type { DataLayer } from '../../../runtime/data/types.js';
import type { ElementDict, PersistedUserDict, StepDict } from '../../../runtime/wire.js';

/** What a conformance run needs of a layer under test. */
export interface LayerUnderTest {
  layer: DataLayer;
  /** Closes the layer and removes what the run created (database, files). */
  cleanup(): Promise<void>;
}

export interface ConformanceOptions {
  /** The layer stores element contents and implements readElementContent. */
  elementContent?: boolean;
  /** The layer implements getFeedback (DELETE /feedback needs it to check the owner). */
  feedbackLookup?: boolean;
}

export type MakeLayer = (this: Mocha.Context) => Promise<LayerUnderTest>;

/** The layer of the running suite, set by its `before` hook. */
export interface Ctx {
  layer: DataLayer;
}

export const id = (): string => randomUUID();

/** A fixed instant plus `seconds`, as the ISO text the wire carries. */
export function at(seconds: number): string {
  return new Date(Date.UTC(2026, 0, 1, 0, 0, 0) + seconds * 1000).toISOString();
}

export function step(threadId: string, fields: Partial<StepDict> = {}): StepDict {
  return {
    id: id(),
    threadId,
    parentId: null,
    name: 'Assistant',
    type: 'assistant_message',
    output: 'hello',
    createdAt: at(0),
    start: at(0),
    end: at(0),
    streaming: false,
    metadata: {},
    tags: null,
    language: null,
    ...fields,
  };
}

export function element(threadId: string, fields: Partial<ElementDict> = {}): ElementDict {
  return {
    id: id(),
    threadId,
    type: 'text',
    name: 'notes',
    display: 'inline',
    forId: null,
    url: null,
    chainlitKey: null,
    objectKey: null,
    mime: 'text/plain',
    size: null,
    language: null,
    page: null,
    autoPlay: null,
    playerConfig: null,
    props: null,
    ...fields,
  };
}

/** A persisted user with a unique identifier. */
export async function user(layer: DataLayer, name = 'user'): Promise<PersistedUserDict> {
  const created = await layer.createUser({ identifier: `${name}-${id()}`, metadata: { provider: 'credentials' } });
  if (!created) throw new Error('createUser returned null');
  return created;
}

/**
 * A thread owned by `owner`, with one step per entry of `outputs` (one second apart from
 * `start`). The steps are written first, so the thread's activity is theirs alone (a thread
 * created by updateThread starts its activity at the time of that call).
 */
export async function thread(layer: DataLayer, owner: PersistedUserDict, options: { name?: string; outputs?: string[]; start?: number } = {}): Promise<{ threadId: string; steps: StepDict[] }> {
  const threadId = id();
  const steps: StepDict[] = [];
  for (const [i, output] of (options.outputs ?? ['hi']).entries()) {
    const s = step(threadId, { output, createdAt: at((options.start ?? 0) + i), type: i % 2 === 0 ? 'user_message' : 'assistant_message' });
    await layer.createStep(s);
    steps.push(s);
  }
  await layer.updateThread(threadId, { name: options.name ?? 'a thread', userId: owner.id });
  return { threadId, steps };
}

export async function readAll(stream: Readable | Buffer): Promise<string> {
  if (Buffer.isBuffer(stream)) return stream.toString('utf8');
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks).toString('utf8');
}

export function content(text: string, mime = 'text/plain'): { mime: string; open(): Promise<Readable> } {
  return { mime, open: async () => Readable.from([Buffer.from(text)]) };
}
