/**
 * Prompt card of a pending file ask (DOM-CONTRACT §5): limits from the spec, upload with
 * the ask's parent id, answer with the uploaded ids. Rejections toast and keep the ask.
 */
import { Upload } from '../ui/icons.js';
import { memo, useRef, useState } from 'react';
import { acceptAttribute, checkFiles } from '../../client/accept.js';
import { useChat, useSession } from '../../client/react.js';
import type { IStep } from '../../client/types.js';
import { useController } from '../../app/context.js';
import { useT } from '../../i18n/i18n.js';

export const AskFile = memo(function AskFile({ message }: { message: IStep }) {
  const t = useT();
  const session = useSession();
  const controller = useController();
  const ask = useChat((s) => s.ask);
  const inputRef = useRef<HTMLInputElement>(null);
  const [uploading, setUploading] = useState(false);
  const [dragging, setDragging] = useState(false);
  if (!ask || ask.spec.type !== 'file' || ask.msg.id !== message.id) return null;
  const spec = ask.spec;
  const maxFiles = spec.max_files ?? 1;
  const maxSize = spec.max_size_mb ?? 2;

  const handle = async (files: File[]) => {
    const { ok, errors } = checkFiles(files, { accept: spec.accept, maxSizeMb: maxSize, maxFiles });
    for (const e of errors) controller.toast(t(e.key, e.vars), 'error');
    if (!ok.length || errors.length) return;
    setUploading(true);
    try {
      const ids = await Promise.all(
        ok.map((f) => session.uploadFile(f, ask.msg.parentId ?? null, () => undefined).promise),
      );
      session.answerAsk(ids.map((r) => ({ id: r.id })));
    } catch (err) {
      controller.toast(`${t('chat.fileUpload.errors.failed')}: ${(err as Error).message}`, 'error');
    } finally {
      setUploading(false);
    }
  };
  const acceptLabel = Array.isArray(spec.accept) ? spec.accept.join(', ') : spec.accept ? Object.keys(spec.accept).join(', ') : '*/*';
  return (
    <div
      className={`ask-file dropzone${dragging ? ' dropzone-active' : ''}`}
      onDragOver={(e) => {
        e.preventDefault();
        e.stopPropagation();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={(e) => {
        e.preventDefault();
        e.stopPropagation();
        setDragging(false);
        void handle(Array.from(e.dataTransfer.files));
      }}
    >
      <Upload size={20} aria-hidden="true" />
      <div className="ask-file-text">
        <p>{t('chat.fileUpload.dragDrop')}</p>
        <p className="muted small">
          {t('chat.ask.file.accept')} {acceptLabel} · {t('chat.fileUpload.sizeLimit')} {maxSize} MB · {t('chat.fileUpload.maxFiles')} {maxFiles}
        </p>
      </div>
      <input
        ref={inputRef}
        id="ask-button-input"
        type="file"
        hidden
        accept={acceptAttribute(spec.accept)}
        multiple={maxFiles > 1}
        onChange={(e) => {
          const files = Array.from(e.target.files ?? []);
          e.target.value = '';
          void handle(files);
        }}
      />
      <button
        type="button"
        id={uploading ? 'ask-upload-button-loading' : 'ask-upload-button'}
        className="button button-primary"
        disabled={uploading}
        onClick={() => inputRef.current?.click()}
      >
        {uploading ? t('chat.fileUpload.uploading') : t('chat.fileUpload.browse')}
      </button>
    </div>
  );
});
