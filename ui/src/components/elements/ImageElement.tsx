/** Image element (`img.inline-image`…): sized by `size`; click or Enter opens it large. */
import { useState } from 'react';
import type { IElement } from '../../client/types.js';
import { useT } from '../../i18n/i18n.js';
import { Dialog } from '../ui/Dialog.js';
import { useFileUrl } from './file-url.js';

export function ImageElement({ element, display }: { element: IElement; display: string }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const size = element.size ?? 'medium';
  const url = useFileUrl(element.url);
  return (
    <>
      <img
        className={`${display}-image element-image size-${size}`}
        src={url}
        alt={element.name}
        loading="lazy"
        role="button"
        tabIndex={0}
        aria-label={t('components.elements.enlarge', { name: element.name })}
        onClick={() => setOpen(true)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' || e.key === ' ') {
            e.preventDefault();
            setOpen(true);
          }
        }}
      />
      {open ? (
        <Dialog open onOpenChange={setOpen} title={element.name} className="image-dialog">
          {/* Not `.inline-image`: specs count those per message. */}
          <img className="element-image-full" src={url} alt={element.name} />
        </Dialog>
      ) : null}
    </>
  );
}
