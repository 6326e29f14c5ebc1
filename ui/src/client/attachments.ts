/**
 * Files attached in the composer (spontaneous upload): checked against the app's limits,
 * uploaded at once with progress, removable, and sent as fileReferences with the message.
 */
import { checkFiles, type AcceptSpec } from './accept.js';
import type { ChatSession } from './session.js';
import { Store } from './store.js';
import type { Attachment } from './types.js';

export interface UploadLimits {
  accept?: AcceptSpec;
  maxSizeMb?: number | null;
  maxFiles?: number | null;
}

export class Attachments {
  readonly store = new Store<{ items: Attachment[] }>({ items: [] });

  constructor(
    private readonly session: ChatSession,
    private readonly onError: (key: string, vars: Record<string, string | number>) => void,
  ) {}

  get items(): Attachment[] {
    return this.store.get().items;
  }

  private patch(key: string, delta: Partial<Attachment>): void {
    this.store.set((s) => ({ items: s.items.map((a) => (a.key === key ? { ...a, ...delta } : a)) }));
  }

  add(files: File[], limits: UploadLimits): void {
    const { ok, errors } = checkFiles(files, limits, this.items.length);
    for (const e of errors) this.onError(e.key, e.vars);
    for (const file of ok) {
      const key = crypto.randomUUID();
      const previewUrl = file.type.startsWith('image/') ? URL.createObjectURL(file) : undefined;
      const up = this.session.uploadFile(file, null, (p) => this.patch(key, { progress: p }));
      const item: Attachment = { key, name: file.name, size: file.size, type: file.type, previewUrl, progress: 0, cancel: up.cancel };
      this.store.set((s) => ({ items: [...s.items, item] }));
      up.promise.then(
        ({ id }) => this.patch(key, { serverId: id, progress: 100 }),
        (err: Error) => {
          if (!this.items.some((a) => a.key === key)) return; // removed by the user
          this.onError('chat.fileUpload.errors.failed', { name: file.name });
          this.remove(key, err.message);
        },
      );
    }
  }

  remove(key: string, _reason?: string): void {
    const item = this.items.find((a) => a.key === key);
    if (!item) return;
    if (!item.serverId) item.cancel?.();
    if (item.previewUrl) URL.revokeObjectURL(item.previewUrl);
    this.store.set((s) => ({ items: s.items.filter((a) => a.key !== key) }));
  }

  get uploading(): boolean {
    return this.items.some((a) => !a.serverId);
  }

  /** Ids to send with the message; empties the row. */
  take(): { id: string }[] {
    const refs = this.items.filter((a) => a.serverId).map((a) => ({ id: a.serverId! }));
    for (const a of this.items) if (a.previewUrl) URL.revokeObjectURL(a.previewUrl);
    this.store.set({ items: [] });
    return refs;
  }
}
