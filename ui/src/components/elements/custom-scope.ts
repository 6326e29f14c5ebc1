/**
 * The per-instance `scope` a custom element's `createElement(scope)` receives
 * (docs/elements.md): its props and the APIs that act on this element and its session.
 */
import type { Api } from '../../client/api.js';
import type { ChatSession } from '../../client/session.js';
import type { ElementAskAnswer, IAction, IElement } from '../../client/types.js';
import { requireModule } from './custom-modules.js';

export type Props = Record<string, unknown>;

export interface ElementScope {
  props: Props;
  updateElement(nextProps: Props): Promise<unknown>;
  deleteElement(): Promise<unknown>;
  callAction(action: { name: string; payload?: Props }): Promise<unknown>;
  sendUserMessage(text: string, command?: string): void;
  submitElement(values?: Props): void;
  cancelElement(): void;
  require(specifier: string): Record<string, unknown>;
}

export interface ScopeDeps {
  api: Api;
  session: ChatSession;
  /** The element as it is now (closures must act on the latest version, e.g. its forId). */
  current: () => IElement;
}

function wireElement(element: IElement, props: Props): IElement {
  return { ...element, props };
}

function newId(): string {
  return globalThis.crypto?.randomUUID?.() ?? `${Date.now()}-${Math.random().toString(16).slice(2)}`;
}

export function makeScope(props: Props, deps: ScopeDeps): ElementScope {
  const { api, session, current } = deps;
  const answer = (value: ElementAskAnswer) => {
    const ask = session.state.ask;
    if (!ask || ask.spec.type !== 'element') return;
    if (ask.spec.element_id && ask.spec.element_id !== current().id) return;
    session.answerAsk(value);
  };
  return {
    props,
    updateElement: (nextProps) =>
      api.put('/project/element', { element: wireElement(current(), nextProps), sessionId: session.state.sessionId }),
    deleteElement: () =>
      api.delete('/project/element', { element: current(), sessionId: session.state.sessionId }),
    callAction: ({ name, payload }) => {
      const action: IAction = { id: newId(), name, payload: payload ?? {}, label: '', tooltip: '', icon: null, forId: current().forId ?? null };
      return session.callAction(action);
    },
    // Any command: the server lets a custom element's message carry one the composer never
    // offered (as Chainlit does), so it says which element sent it.
    sendUserMessage: (text, command) => {
      session.sendMessage(text, { ...(command ? { command } : {}), fromElement: current().id });
    },
    submitElement: (values) => answer({ submitted: true, ...(values ?? {}) }),
    cancelElement: () => answer({ submitted: false }),
    require: requireModule,
  };
}
