import type { ElementOptions, ElementSize } from './base.js';
import { JsonElement, jsonText } from './json-content.js';

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
export class Plotly extends JsonElement {
  figure: Record<string, unknown> | string;

  constructor(options: PlotlyOptions) {
    super('plotly', { ...options, mime: 'application/json' }, 'chart');
    this.figure = options.figure;
    this.size = options.size ?? 'medium';
  }

  protected json(): string {
    return typeof this.figure === 'string' ? this.figure : jsonText(this.figure, `Plotly figure "${this.name}"`);
  }

}
