/**
 * PDF element. Inline: a card (`.inline-pdf`, role=button) that opens the viewer in a
 * full-screen dialog. Side/page: the viewer itself (`.side-pdf`, `.page-pdf`). pdf.js is
 * only fetched when a viewer is shown.
 */
import { lazy, Suspense, useState } from 'react';
import type { IElement } from '../../client/types.js';
import { useT } from '../../i18n/i18n.js';
import { FileText } from '../ui/icons.js';
import { Dialog } from '../ui/Dialog.js';
import { ElementStatus } from './ElementBoundary.js';
import { useFileUrl } from './file-url.js';

const PdfViewer = lazy(() => import('./PdfViewer.js'));

function Viewer({ element }: { element: IElement }) {
  const t = useT();
  const url = useFileUrl(element.url);
  if (element.url && !url) return <ElementStatus text={t('components.elements.loading', { name: element.name })} />;
  return (
    <Suspense fallback={<ElementStatus text={t('components.elements.loading', { name: element.name })} />}>
      <PdfViewer url={url ?? ''} name={element.name} page={element.page} />
    </Suspense>
  );
}

export function PdfElement({ element, display }: { element: IElement; display: string }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  if (display !== 'inline') {
    return (
      <div className={`${display}-pdf element-pdf`}>
        <Viewer element={element} />
      </div>
    );
  }
  return (
    <>
      <div
        className="inline-pdf element-file"
        role="button"
        tabIndex={0}
        aria-label={t('components.elements.openPdf', { name: element.name })}
        onClick={() => setOpen(true)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' || e.key === ' ') {
            e.preventDefault();
            setOpen(true);
          }
        }}
      >
        <FileText size={16} aria-hidden="true" />
        <span className="element-file-name">{element.name}</span>
      </div>
      {open ? (
        <Dialog open onOpenChange={setOpen} title={element.name} className="pdf-dialog">
          <Viewer element={element} />
        </Dialog>
      ) : null}
    </>
  );
}
