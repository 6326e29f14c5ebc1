import { currentContext } from '../context.js';
import type { ChatMessage } from '../session/chat-context.js';

export interface OpenAIChatMessage {
  role: 'user' | 'assistant' | 'system';
  content: string;
}

/**
 * The messages of the current session, in order (Chainlit's `cl.chat_context`).
 *
 * @example
 * ```ts
 * const history = chatContext.toOpenAI(); // [{ role: 'user', content: 'hi' }, …]
 * ```
 */
export const chatContext = {
  /** A copy of the session's messages, oldest first. */
  get(): ChatMessage[] {
    return [...currentContext().session.chatContext];
  },
  /** The messages as OpenAI chat messages (`{ role, content }`), ready for a completion call. */
  toOpenAI(): OpenAIChatMessage[] {
    return currentContext().session.chatContext.map((m) => ({
      role: m.type === 'user_message' ? 'user' : m.type === 'system_message' ? 'system' : 'assistant',
      content: m.content,
    }));
  },
  /** Forgets the messages (the UI keeps showing them). */
  clear(): void {
    currentContext().session.chatContext.length = 0;
  },
};
