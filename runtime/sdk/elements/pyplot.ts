import type { RuntimeContext } from '../../context.js';
import { ChainlitRtError } from '../../errors.js';
import { toBuffer, type ElementBytes } from '../../elements/content.js';
import { sniffMime } from '../../elements/mime.js';
import { chartToSvg, type ChartSpec } from '../../elements/vega.js';
import { Element, type ElementOptions, type ElementSize, type ElementSource } from './base.js';
import { jsonText } from './json-content.js';

export interface PyplotOptions extends Omit<ElementOptions, 'content' | 'path' | 'url' | 'mime'> {
  /** PNG/SVG/JPEG bytes (SVG also as text), or a Vega-Lite (or Vega) spec rendered to SVG here. */
  figure: ElementBytes | ChartSpec;
  /** Default `medium`. */
  size?: ElementSize;
}

function isBytes(figure: PyplotOptions['figure']): figure is ElementBytes {
  return typeof figure === 'string' || figure instanceof Uint8Array;
}

/**
 * A static chart, shown as an image (Chainlit's `cl.Pyplot`). Pass image bytes from any
 * plotting library, or a Vega-Lite spec with inline data, which the server renders to SVG.
 *
 * @example
 * ```ts
 * const figure = { mark: 'bar', data: { values: [{ a: 'x', b: 2 }, { a: 'y', b: 5 }] }, encoding: { x: { field: 'a', type: 'nominal' }, y: { field: 'b', type: 'quantitative' } } };
 * await new Message({ content: 'Chart', elements: [new Pyplot({ name: 'chart', figure })] }).send();
 * ```
 */
export class Pyplot extends Element {
  figure: ElementBytes | ChartSpec;

  constructor(options: PyplotOptions) {
    super('image', options, 'chart');
    this.figure = options.figure;
    this.size = options.size ?? 'medium';
  }

  protected override async source(_ctx: RuntimeContext): Promise<ElementSource> {
    if (isBytes(this.figure)) {
      const bytes = toBuffer(this.figure);
      const type = await sniffMime(bytes);
      if (!type?.startsWith('image/')) {
        throw new ChainlitRtError('CRT_ELEMENT_INVALID', `Pyplot "${this.name}": the figure bytes are not an image (PNG, SVG, JPEG…).`, { expose: true });
      }
      this.mime = type;
      return { bytes };
    }
    this.mime = 'image/svg+xml';
    return { bytes: await chartToSvg(this.figure) };
  }

  protected override sourceToken(): unknown {
    return isBytes(this.figure) ? this.figure : jsonText(this.figure, `Pyplot "${this.name}" spec`);
  }
}
