import type { RuntimeContext } from '../../context.js';
import { Element, type ElementSource } from './base.js';
import { ChainlitRtError } from '../../errors.js';

/** JSON text of element content; bigint becomes a string, non-finite numbers null (as JSON does). */
export function jsonText(value: unknown, what: string): string {
  try {
    return JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? v.toString() : v)) ?? 'null';
  } catch (err) {
    throw new ChainlitRtError('CRT_ELEMENT_INVALID', `${what} is not JSON-serialisable: ${(err as Error).message}`, { expose: true, cause: err });
  }
}

/**
 * An element whose content is JSON built from its own fields (plotly figures, task lists,
 * custom-element props): stored as `application/json`, re-stored when the JSON changes.
 */
export abstract class JsonElement extends Element {
  /** The JSON text of the content as it is now. */
  protected abstract json(): string;

  protected override async source(_ctx: RuntimeContext): Promise<ElementSource> {
    return { bytes: this.json() };
  }

  protected override sourceToken(): unknown {
    return this.json();
  }

  protected override async detectMime(): Promise<void> {
    this.mime = 'application/json';
  }
}
