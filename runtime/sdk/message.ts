import { StepBase, type StreamOptions } from './step-base.js';
import type { Action } from './action.js';
import type { RuntimeContext } from '../context.js';
import type { MessageType, StepDict } from '../wire.js';
import type { ChatMessage } from '../session/chat-context.js';

/** Anything that can be attached to a message and sent with it (elements). */
export interface Attachable {
  forId: string | null;
  send(forId?: string): Promise<unknown>;
}

export interface MessageOptions {
  content?: string | Record<string, unknown> | unknown[];
  /** Defaults to `ui.name`, passed through the `authorRename` hook. */
  author?: string;
  language?: string;
  actions?: Action[];
  elements?: Attachable[];
  type?: MessageType;
  id?: string;
  parentId?: string | null;
  metadata?: Record<string, unknown>;
  tags?: string[];
  command?: string | null;
  modes?: Record<string, string> | null;
  createdAt?: string;
}

/** What every message kind shares (plain messages and asks). */
export class MessageBase extends StepBase implements ChatMessage {
  content: string;
  author: string | undefined;
  type: MessageType;
  actions: Action[];
  elements: Attachable[];
  command: string | null;
  modes: Record<string, string> | null;
  isError = false;
  waitForAnswer = false;

  constructor(options: MessageOptions = {}) {
    super(options);
    if (typeof options.content === 'string' || options.content === undefined) {
      this.content = options.content ?? '';
    } else {
      this.content = JSON.stringify(options.content, null, 4);
      this.language ??= 'json';
    }
    this.author = options.author;
    this.type = options.type ?? 'assistant_message';
    this.actions = options.actions ?? [];
    this.elements = options.elements ?? [];
    this.command = options.command ?? null;
    this.modes = options.modes ?? null;
    if (options.createdAt) this.createdAt = options.createdAt;
  }

  toDict(): StepDict {
    return {
      id: this.id,
      threadId: this.threadId,
      parentId: this.parentId,
      createdAt: this.createdAt,
      command: this.command,
      modes: this.modes,
      start: this.createdAt,
      end: this.createdAt,
      output: this.content,
      name: this.author ?? '',
      type: this.type,
      language: this.language,
      streaming: this.streaming,
      isError: this.isError,
      waitForAnswer: this.waitForAnswer,
      metadata: this.metadata,
      tags: this.tags,
    };
  }

  protected appendToken(token: string, options: StreamOptions): void {
    this.content = options.isSequence ? token : this.content + token;
  }

  private authorResolved = false;

  /** ui.name by default, then authorRename — once, so a stream and its final send agree. */
  protected async resolveAuthor(ctx: RuntimeContext): Promise<void> {
    if (this.authorResolved) return;
    this.authorResolved = true;
    let author = this.author ?? ctx.session.runtime.config().ui.name;
    const [rename] = ctx.session.runtime.plugins().handlers('authorRename', ctx.session.chatProfile);
    if (rename) author = await rename.fn(author);
    this.author = author;
  }

  protected override async beforeStream(ctx: RuntimeContext): Promise<void> {
    await this.resolveAuthor(ctx);
  }

  /** Sends the message, then its actions and elements; adds it to the chat context. */
  protected async sendMessage(): Promise<this> {
    const ctx = this.prepare();
    await this.resolveAuthor(ctx);
    this.emitSend();
    for (const action of this.actions) action.sendFor(this.id, ctx);
    for (const element of this.elements) await element.send(this.id);
    const chat = ctx.session.chatContext;
    if (!chat.includes(this)) chat.push(this);
    return this;
  }

  override async remove(): Promise<this> {
    await super.remove();
    const chat = this.context().session.chatContext;
    const at = chat.indexOf(this);
    if (at >= 0) chat.splice(at, 1);
    return this;
  }

  /** Removes every action attached to this message from the UI. */
  async removeActions(): Promise<void> {
    for (const action of this.actions) await action.remove();
  }
}

/**
 * A chat message (Chainlit's `cl.Message`).
 *
 * @example
 * ```ts
 * const msg = new Message({ content: '' });
 * for (const token of ['Hel', 'lo']) await msg.streamToken(token);
 * await msg.send();
 * ```
 */
export class Message extends MessageBase {
  /** Sends the message, then its actions and elements; adds it to the chat context. */
  async send(): Promise<this> {
    return this.sendMessage();
  }
}

/** A message shown as an error (red, with an alert icon). */
export class ErrorMessage extends Message {
  constructor(options: MessageOptions = {}) {
    super(options);
    this.isError = true;
  }
}
