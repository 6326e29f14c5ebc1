import { randomUUID } from 'node:crypto';
import { basename } from 'node:path';
import { currentContext, maybeContext, throwIfCancelled, type RuntimeContext } from '../../context.js';
import { ChainlitRtError } from '../../errors.js';
import { readHead, storeContent, toBuffer, type ElementBytes } from '../../elements/content.js';
import { inferMime, mimeFromName, SNIFF_BYTES } from '../../elements/mime.js';
import { resolveElementPath } from '../../elements/paths.js';
import type { ElementDict, ElementDisplay, ElementType } from '../../wire.js';
import type { Attachable } from '../message.js';

export type { ElementBytes } from '../../elements/content.js';
export type ElementSize = 'small' | 'medium' | 'large';

/** Options every element accepts. Give exactly one of `url`, `path` or `content`. */
export interface ElementOptions {
  /** Shown in the UI; side and page elements are linked from message text by this name. */
  name?: string;
  /** `inline` (default) in the message, `side` in the side panel, `page` on its own page. */
  display?: ElementDisplay;
  /** Loaded by the browser from here; nothing is stored. */
  url?: string;
  /**
   * A file to show, relative to the app root. It must be inside the app root (not in a
   * dot-folder) or the OS temp folder, or be one of this session's uploads; the bytes are
   * copied into session storage when the element is sent.
   */
  path?: string;
  /** The bytes (or text) to show. */
  content?: ElementBytes;
  /** MIME type; inferred from the bytes, then the name/path/url when not given. */
  mime?: string;
  /** The message or step it belongs to; set by `Message.send()` / `Step.send()`. */
  forId?: string;
  id?: string;
}

/** Where the client finds an element's content: bytes or a checked file to copy. */
export type ElementSource = { bytes: ElementBytes } | { file: string };

/**
 * What all elements share (Chainlit's `cl.Element`): identity, display, and how content
 * reaches the browser. Content is stored as a session file at send time and the `element`
 * event carries only its key; the client builds `/project/file/<key>?session_id=…`.
 */
export abstract class Element implements Attachable {
  readonly id: string;
  readonly type: ElementType;
  name: string;
  display: ElementDisplay;
  forId: string | null;
  threadId: string | null = null;
  url: string | null;
  path: string | null;
  content: ElementBytes | undefined;
  mime: string | null;
  size: ElementSize | null = null;
  language: string | null = null;
  page: number | null = null;
  autoPlay: boolean | null = null;
  playerConfig: Record<string, unknown> | null = null;
  props: Record<string, unknown> | null = null;
  chainlitKey: string | null = null;
  objectKey: string | null = null;
  protected ctx: RuntimeContext | undefined = maybeContext();
  /** What the stored copy was made from, so `update()` does not copy unchanged bytes again. */
  private storedFrom: unknown = undefined;

  protected constructor(type: ElementType, options: ElementOptions, defaultName: string) {
    this.id = options.id ?? randomUUID();
    this.type = type;
    this.display = options.display ?? 'inline';
    this.forId = options.forId ?? null;
    this.url = options.url ?? null;
    this.path = options.path ?? null;
    this.content = options.content;
    this.mime = options.mime ?? null;
    this.name = options.name ?? (this.path ? basename(this.path) : defaultName);
  }

  /** The content to store, or null when the element needs none (a `url`, or props only). */
  protected async source(ctx: RuntimeContext): Promise<ElementSource | null> {
    if (this.content !== undefined) return { bytes: this.content };
    if (this.path !== null) {
      const file = await resolveElementPath(this.path, { appRoot: ctx.session.runtime.appRoot(), uploads: [...ctx.session.files.values()].map((f) => f.path) });
      return { file };
    }
    if (this.url !== null) return null;
    throw new ChainlitRtError('CRT_ELEMENT_INVALID', `Element "${this.name}" (${this.type}) needs a url, a path or content.`, { expose: true });
  }

  /** Identity of the current source: when it is the same as last time, the stored copy stands. */
  protected sourceToken(): unknown {
    return this.content !== undefined ? this.content : this.path;
  }

  /** The Content-Type the stored file is served with (PROTOCOL.md §5.2). */
  protected servedType(): string {
    return this.mime ?? 'application/octet-stream';
  }

  /** Fills `mime` from the bytes or names when the plugin gave none. */
  protected async detectMime(source: ElementSource): Promise<void> {
    const head = 'bytes' in source ? toBuffer(source.bytes).subarray(0, SNIFF_BYTES) : await readHead(source.file);
    this.mime = await inferMime({ given: this.mime, head, names: [this.name, this.path, this.url] });
  }

  private async persist(ctx: RuntimeContext): Promise<void> {
    const token = this.sourceToken();
    if (this.chainlitKey && token !== undefined && token !== null && token === this.storedFrom) return;
    const source = await this.source(ctx);
    if (!source) {
      this.mime ??= mimeFromName(this.url);
      return;
    }
    await this.detectMime(source);
    const record = await storeContent(ctx.session, source, { name: this.name, type: this.servedType() });
    this.chainlitKey = record.id;
    this.storedFrom = token;
  }

  protected context(): RuntimeContext {
    const live = maybeContext();
    if (live && (!this.ctx || live.session === this.ctx.session)) this.ctx = live;
    this.ctx ??= currentContext();
    throwIfCancelled(this.ctx);
    return this.ctx;
  }

  toDict(): ElementDict {
    return {
      id: this.id,
      threadId: this.threadId,
      type: this.type,
      name: this.name,
      display: this.display,
      forId: this.forId,
      url: this.url,
      chainlitKey: this.chainlitKey,
      objectKey: this.objectKey,
      mime: this.mime,
      size: this.size,
      language: this.language,
      page: this.page,
      autoPlay: this.autoPlay,
      playerConfig: this.playerConfig,
      props: this.props,
    };
  }

  /**
   * Stores the content (if any) and sends the element (`element` event). Attached to a
   * message or step, it is sent by their `send()`; on its own, pass the owner's id.
   */
  async send(forId?: string): Promise<this> {
    const ctx = this.context();
    if (forId !== undefined) this.forId = forId;
    this.threadId = ctx.session.threadId || null;
    await this.persist(ctx);
    ctx.emitter.sendElement(this.toDict());
    return this;
  }

  /** Sends the current state again; changed content is stored anew (clients replace by id). */
  async update(): Promise<this> {
    return this.send();
  }

  /** Removes the element from the UI (`remove_element`). */
  async remove(): Promise<void> {
    const ctx = this.context();
    ctx.emitter.removeElement(this.id);
  }
}
