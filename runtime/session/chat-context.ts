import type { StepDict } from '../wire.js';

/** What the chat context keeps: the messages of a session, in order (Chainlit's chat_context). */
export interface ChatMessage {
  readonly id: string;
  content: string;
  readonly type: StepDict['type'];
  author: string | undefined;
  toDict(): StepDict;
  update(): Promise<unknown>;
  remove(): Promise<unknown>;
}
