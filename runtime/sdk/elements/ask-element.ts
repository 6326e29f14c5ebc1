import type { RuntimeContext } from '../../context.js';
import type { AskAnswer, AskSpec } from '../../wire.js';
import { AskMessage, type AskBaseOptions } from '../ask.js';
import type { CustomElement } from './custom.js';

export interface AskElementOptions extends AskBaseOptions {
  /** The form to show; its JSX answers with `submitElement(values)` or `cancelElement()`. */
  element: CustomElement;
}

/** What the user's element answered: `submitted` plus the values it submitted. */
export type AskElementResponse = { submitted: boolean } & Record<string, unknown>;

/**
 * Shows a custom element inside a question and waits until its JSX calls `submitElement`
 * (resolves to `{ submitted: true, ...values }`) or `cancelElement` (`{ submitted: false }`).
 * Resolves `undefined` on timeout (default 90 s).
 *
 * @example
 * ```ts
 * const form = new CustomElement({ name: 'TicketForm', props: { title: '' } });
 * const res = await new AskElementMessage({ content: 'Create a ticket', element: form, timeout: 120 }).send();
 * if (res?.submitted) await new Message({ content: `Ticket: ${String(res.title)}` }).send();
 * ```
 */
export class AskElementMessage extends AskMessage<AskElementResponse> {
  element: CustomElement;

  constructor(options: AskElementOptions) {
    super(options, 90);
    this.element = options.element;
  }

  protected spec(): AskSpec {
    return { type: 'element', step_id: this.id, timeout: this.timeout, element_id: this.element.id };
  }

  protected async takeAnswer(ctx: RuntimeContext, answer: AskAnswer): Promise<AskElementResponse | undefined> {
    if (typeof answer !== 'object' || answer === null || Array.isArray(answer)) return undefined;
    const response: AskElementResponse = { ...answer, submitted: 'submitted' in answer && answer.submitted === true };
    ctx.session.runtime.firstInteraction(ctx.session, 'custom_element');
    return response;
  }

  protected override async after(ctx: RuntimeContext, result: AskElementResponse | undefined): Promise<void> {
    ctx.emitter.removeElement(this.element.id);
    this.content = result === undefined ? 'Timed out' : result.submitted ? 'Thanks for submitting' : 'Cancelled';
    await this.update();
  }

  /** Sends the element (linked to the question), then asks and waits. */
  async send(): Promise<AskElementResponse | undefined> {
    await this.element.send(this.id);
    return this.roundTrip();
  }
}
