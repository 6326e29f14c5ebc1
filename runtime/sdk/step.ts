import { withCurrentStep } from '../context.js';
import { utcNow, type StepDict, type StepType } from '../wire.js';
import { stringifyValue } from './serialize.js';
import { StepBase, type StreamOptions } from './step-base.js';
import type { Attachable } from './message.js';

export interface StepOptions {
  name?: string;
  type?: StepType;
  id?: string;
  parentId?: string | null;
  input?: unknown;
  output?: unknown;
  /** false hides the input; true or a language name shows it (default `json`). */
  showInput?: boolean | string;
  language?: string;
  metadata?: Record<string, unknown>;
  tags?: string[];
  /** A lucide icon name shown instead of the avatar. */
  icon?: string;
  defaultOpen?: boolean;
  autoCollapse?: boolean;
  elements?: Attachable[];
}

/**
 * A chain-of-thought step (Chainlit's `cl.Step`): a tool call, an LLM call, a retrieval…
 * Steps created inside `Step.run` nest under it.
 *
 * @example
 * ```ts
 * const hits = await Step.run({ name: 'search', type: 'tool' }, async (step) => {
 *   step.input = query;
 *   return search(query); // becomes the step's output
 * });
 * ```
 */
export class Step extends StepBase {
  name: string;
  type: StepType;
  input: string;
  output: string;
  showInput: boolean | string;
  isError = false;
  start: string | null = null;
  end: string | null = null;
  defaultOpen: boolean;
  autoCollapse: boolean;
  generation: Record<string, unknown> | null = null;
  elements: Attachable[];

  constructor(options: StepOptions = {}) {
    super(options);
    this.name = options.name ?? 'Step';
    this.type = options.type ?? 'undefined';
    this.input = '';
    this.output = '';
    this.showInput = options.showInput ?? 'json';
    this.defaultOpen = options.defaultOpen ?? false;
    this.autoCollapse = options.autoCollapse ?? false;
    this.elements = options.elements ?? [];
    if (options.icon) this.metadata.icon = options.icon;
    if (options.input !== undefined) this.setInput(options.input);
    if (options.output !== undefined) this.setOutput(options.output);
  }

  /** Sets the input; objects are shown as JSON. */
  setInput(value: unknown): void {
    this.input = stringifyValue(value).text;
  }

  /** Sets the output; objects are shown as JSON (and the language becomes `json`). */
  setOutput(value: unknown): void {
    const { text, isJson } = stringifyValue(value);
    this.output = text;
    if (isJson) this.language = 'json';
  }

  toDict(): StepDict {
    return {
      name: this.name,
      type: this.type,
      id: this.id,
      threadId: this.threadId,
      parentId: this.parentId,
      streaming: this.streaming,
      metadata: this.metadata,
      tags: this.tags,
      input: this.input,
      isError: this.isError,
      output: this.output,
      createdAt: this.createdAt,
      start: this.start,
      end: this.end,
      language: this.language,
      defaultOpen: this.defaultOpen,
      autoCollapse: this.autoCollapse,
      showInput: this.showInput,
      generation: this.generation,
    };
  }

  protected appendToken(token: string, options: StreamOptions): void {
    if (options.isInput) this.input = options.isSequence ? token : this.input + token;
    else this.output = options.isSequence ? token : this.output + token;
  }

  protected override async beforeStream(): Promise<void> {
    this.start ??= utcNow();
  }

  /** Elements already sent with this step: an update sends only the new ones. */
  private readonly sentElements = new WeakSet<Attachable>();

  private async sendElements(): Promise<void> {
    for (const element of this.elements) {
      if (this.sentElements.has(element)) continue;
      await element.send(this.id);
      this.sentElements.add(element);
    }
  }

  /** Sends the step (its elements first, then the step, as Chainlit orders them). */
  async send(): Promise<this> {
    this.prepare();
    this.start ??= utcNow();
    await this.sendElements();
    this.emitSend();
    return this;
  }

  /**
   * Sends the current state again, with its elements first: elements set after the first
   * send (inside `Step.run`) go out here, with this step's id as `forId`, as in Chainlit.
   * Elements sent before are not sent again (`element.update()` does that).
   */
  override async update(): Promise<this> {
    this.prepare();
    await this.sendElements();
    return super.update();
  }

  /**
   * Runs `fn` inside a new step: sent on entry, updated on exit with the return value as
   * output (unless `fn` set one). Steps and messages created inside nest under it. A throw
   * marks the step as an error and is rethrown.
   */
  static async run<T>(options: StepOptions, fn: (step: Step) => T | Promise<T>): Promise<T> {
    const step = new Step(options);
    await step.send();
    try {
      const result = await withCurrentStep(step, () => fn(step));
      if (!step.output && result !== undefined) step.setOutput(result);
      step.end = utcNow();
      await step.update();
      return result;
    } catch (err) {
      step.isError = true;
      step.output = err instanceof Error ? err.message : String(err);
      step.end = utcNow();
      await step.update().catch(() => undefined);
      throw err;
    }
  }
}

/**
 * Wraps a function so that every call runs inside a step (the decorator form): the
 * arguments become the input and the return value the output.
 *
 * @example
 * ```ts
 * const search = step({ type: 'tool' }, async function search(query: string) { return ['a', 'b']; });
 * await search('cats');
 * ```
 */
export function step<A extends unknown[], R>(options: StepOptions, fn: (...args: A) => R | Promise<R>): (...args: A) => Promise<R> {
  const name = options.name ?? (fn.name || 'Step');
  return (...args: A) =>
    Step.run({ ...options, name }, async (s) => {
      s.setInput(args.length === 1 ? args[0] : args);
      return fn(...args);
    });
}
