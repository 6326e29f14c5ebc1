/** Pending attachments (#attachments) with image previews, progress and removal. */
import { File as FileIcon, X } from '../ui/icons.js';
import { useStore } from '../../client/react.js';
import { useController } from '../../app/context.js';
import { useT } from '../../i18n/i18n.js';

export function AttachmentsRow() {
  const t = useT();
  const { attachments } = useController();
  const items = useStore(attachments.store, (s) => s.items);
  if (!items.length) return null;
  return (
    <div id="attachments" className="attachments">
      {items.map((a) => (
        <div key={a.key} className="attachment" data-uploaded={Boolean(a.serverId)}>
          {a.previewUrl ? <img src={a.previewUrl} alt="" className="attachment-preview" /> : <FileIcon size={18} aria-hidden="true" />}
          <span className="attachment-name">{a.name}</span>
          {!a.serverId ? (
            <span className="attachment-progress" role="progressbar" aria-valuenow={a.progress} aria-valuemin={0} aria-valuemax={100}>
              <span style={{ width: `${a.progress}%` }} />
            </span>
          ) : null}
          <button
            type="button"
            className="icon-button attachment-remove"
            aria-label={a.serverId ? t('chat.attachments.remove') : t('chat.attachments.cancel')}
            onClick={() => attachments.remove(a.key)}
          >
            <X size={12} />
          </button>
        </div>
      ))}
    </div>
  );
}
