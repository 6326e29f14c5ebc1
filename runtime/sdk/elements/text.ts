import { Element, type ElementOptions, type ElementSource } from './base.js';

export interface TextOptions extends ElementOptions {
  /** Shown as a code block in this language instead of Markdown. */
  language?: string;
}

/**
 * Text (Markdown, or code with `language`), served as `text/plain` so the UI renders it
 * instead of parsing it.
 *
 * @example
 * ```ts
 * await new Message({ content: 'See notes', elements: [new Text({ name: 'notes', content: '# Notes', display: 'side' })] }).send();
 * ```
 */
export class Text extends Element {
  constructor(options: TextOptions = {}) {
    super('text', options, 'text');
    this.language = options.language ?? null;
  }

  protected override async detectMime(_source: ElementSource): Promise<void> {
    this.mime = 'text/plain';
  }

  protected override servedType(): string {
    return 'text/plain; charset=utf-8';
  }
}
