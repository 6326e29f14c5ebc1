import { currentContext } from '../context.js';
import { Message } from './message.js';
import type { ElementDict } from '../wire.js';

/** A file the user attached to a message (or gave to an AskFileMessage). */
export class UploadedFile {
  forId: string | null;
  constructor(
    readonly id: string,
    readonly name: string,
    /** Where the bytes are on this server; read it with fs. */
    readonly path: string,
    /** Size in bytes. */
    readonly size: number,
    readonly mime: string,
    readonly element: ElementDict,
  ) {
    this.forId = element.forId;
  }

  /** Shows the file again under another message. */
  async send(forId?: string): Promise<this> {
    if (forId) this.forId = forId;
    currentContext().emitter.sendElement({ ...this.element, forId: this.forId });
    return this;
  }
}

/**
 * A user's message as `onMessage` receives it: `content`, `author`, `command` (the chosen
 * command id), `modes`, `elements` (uploaded files with `path`), `createdAt`.
 */
export class IncomingMessage extends Message {
  declare elements: UploadedFile[];

  /**
   * The message as edited by the user: a new object, so a handler still holding the
   * original (an answer being stopped) never sees its content change under it.
   * @internal
   */
  editedCopy(content: string): IncomingMessage {
    const copy = new IncomingMessage({
      id: this.id,
      parentId: this.parentId,
      content,
      author: this.author,
      type: this.type,
      command: this.command,
      modes: this.modes,
      language: this.language ?? undefined,
      metadata: { ...this.metadata },
      tags: this.tags ?? undefined,
      createdAt: this.createdAt ?? undefined,
    });
    copy.threadId = this.threadId;
    copy.elements = [...this.elements];
    return copy;
  }
}
