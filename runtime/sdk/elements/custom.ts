import { JsonElement, jsonText } from './json-content.js';
import type { ElementDisplay } from '../../wire.js';

export interface CustomElementOptions {
  /** The JSX component: `public/elements/<name>.jsx`, or the manifest's `elements:` entry. */
  name: string;
  /** What the component receives as `props`. */
  props?: Record<string, unknown>;
  display?: ElementDisplay;
  id?: string;
  forId?: string;
}

/**
 * An element rendered by your own JSX component. The browser can change it (`updateElement`
 * / `deleteElement`); `update()` here sends new props.
 *
 * @example
 * ```ts
 * const counter = new CustomElement({ name: 'Counter', props: { count: 0 } });
 * await new Message({ content: 'A counter', elements: [counter] }).send();
 * counter.props = { count: 5 };
 * await counter.update();
 * ```
 */
export class CustomElement extends JsonElement {
  declare props: Record<string, unknown>;

  constructor(options: CustomElementOptions) {
    super('custom', { name: options.name, display: options.display, id: options.id, forId: options.forId, mime: 'application/json' }, options.name);
    this.props = options.props ?? {};
  }

  // Stored as Chainlit does; the UI itself renders from the `props` field of the event.
  protected json(): string {
    return jsonText(this.props, `Props of custom element "${this.name}"`);
  }
}
