import type { RuntimeContext } from '../../context.js';
import { Element, type ElementOptions, type ElementSize, type ElementSource } from './base.js';
import { jsonText } from './json-content.js';

export interface PlotlyOptions extends Omit<ElementOptions, 'content' | 'path' | 'url' | 'mime'> {
  /** A Plotly figure (`{ data, layout, config? }`), as an object or its JSON text. */
  figure: Record<string, unknown> | string;
  /** Default `medium`. */
  size?: ElementSize;
}

/**
 * An interactive Plotly chart. The figure is served as `application/json`, which the UI
 * parses and hands to Plotly.
 *
 * @example
 * ```ts
 * const figure = { data: [{ type: 'bar', x: ['a', 'b'], y: [1, 3] }], layout: { title: { text: 'Votes' } } };
 * await new Message({ content: 'Votes', elements: [new Plotly({ name: 'votes', figure })] }).send();
 * ```
 */
export class Plotly extends Element {
  figure: Record<string, unknown> | string;

  constructor(options: PlotlyOptions) {
    super('plotly', { ...options, mime: 'application/json' }, 'chart');
    this.figure = options.figure;
    this.size = options.size ?? 'medium';
  }

  private json(): string {
    return typeof this.figure === 'string' ? this.figure : jsonText(this.figure, `Plotly figure "${this.name}"`);
  }

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
