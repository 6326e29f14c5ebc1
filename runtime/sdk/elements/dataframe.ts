import type { RuntimeContext } from '../../context.js';
import { ChainlitRtError } from '../../errors.js';
import { Element, type ElementOptions, type ElementSize, type ElementSource } from './base.js';
import { jsonText } from './json-content.js';

/** Rows as objects (columns are the union of their keys), or explicit columns and row arrays. */
export type DataframeData = Array<Record<string, unknown>> | { columns: string[]; rows: unknown[][]; index?: unknown[] };

export interface DataframeOptions extends Omit<ElementOptions, 'content' | 'path' | 'url' | 'mime'> {
  data: DataframeData;
  /** Default `large`. */
  size?: ElementSize;
}

/** pandas' "split" orientation, which the UI reads. */
export interface SplitTable {
  columns: string[];
  index: unknown[];
  data: unknown[][];
}

export function toSplitTable(data: DataframeData, name: string): SplitTable {
  if (Array.isArray(data)) {
    const columns: string[] = [];
    const seen = new Set<string>();
    for (const row of data) {
      for (const key of Object.keys(row ?? {})) {
        if (!seen.has(key)) {
          seen.add(key);
          columns.push(key);
        }
      }
    }
    return { columns, index: data.map((_, i) => i), data: data.map((row) => columns.map((c) => row?.[c] ?? null)) };
  }
  if (!data || !Array.isArray(data.columns) || !Array.isArray(data.rows)) {
    throw new ChainlitRtError('CRT_ELEMENT_INVALID', `Dataframe "${name}" needs an array of row objects, or { columns, rows }.`, { expose: true });
  }
  const width = data.columns.length;
  const bad = data.rows.findIndex((row) => !Array.isArray(row) || row.length !== width);
  if (bad >= 0) {
    throw new ChainlitRtError('CRT_ELEMENT_INVALID', `Dataframe "${name}": row ${bad} does not have ${width} values (one per column).`, { expose: true });
  }
  const index = data.index ?? data.rows.map((_, i) => i);
  return { columns: data.columns, index, data: data.rows };
}

/**
 * A table (paginated and sortable in the UI). Served as JSON text with a non-JSON
 * Content-Type and no `mime`, because the UI parses the text itself (PROTOCOL.md §5.2).
 *
 * @example
 * ```ts
 * await new Message({ content: 'Scores', elements: [new Dataframe({ name: 'scores', data: [{ name: 'Ada', score: 3 }, { name: 'Bob', score: 5 }] })] }).send();
 * ```
 */
export class Dataframe extends Element {
  data: DataframeData;

  constructor(options: DataframeOptions) {
    super('dataframe', options, 'dataframe');
    this.data = options.data;
    this.size = options.size ?? 'large';
  }

  private json(): string {
    return jsonText(toSplitTable(this.data, this.name), `Dataframe "${this.name}"`);
  }

  protected override async source(_ctx: RuntimeContext): Promise<ElementSource> {
    return { bytes: this.json() };
  }

  protected override sourceToken(): unknown {
    return this.json();
  }

  protected override async detectMime(): Promise<void> {
    this.mime = null;
  }

  protected override servedType(): string {
    return 'text/plain; charset=utf-8';
  }
}
