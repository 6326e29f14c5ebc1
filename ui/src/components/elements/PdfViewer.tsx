/**
 * PDF viewer on pdf.js (`pdfjs-dist`), a lazy chunk: loaded the first time a PDF is shown.
 * One page at a time on a <canvas>, with page navigation; the root carries react-pdf's
 * class `react-pdf__Document` (DOM-CONTRACT §8). The worker is served from ui-dist
 * (`assets/pdf.worker.min.mjs`, copied by ui/build.ts): nothing is fetched from a CDN.
 */
import ChevronLeft from 'lucide-react/icons/chevron-left';
import { ChevronRight } from '../ui/icons.js';
import { GlobalWorkerOptions, getDocument, type PDFDocumentProxy, type RenderTask } from 'pdfjs-dist';
import { useEffect, useRef, useState } from 'react';
import { useT } from '../../i18n/i18n.js';

// This chunk lives in assets/chunks/, the worker in assets/.
GlobalWorkerOptions.workerSrc = new URL('../pdf.worker.min.mjs', import.meta.url).href;

export interface PdfViewerProps {
  url: string;
  name: string;
  /** 1-based page to open first (the element's `page`). */
  page?: number | null;
}

function clamp(n: number, max: number): number {
  return Math.min(Math.max(1, Math.round(n) || 1), Math.max(1, max));
}

export default function PdfViewer({ url, name, page: initialPage }: PdfViewerProps) {
  const t = useT();
  const [doc, setDoc] = useState<PDFDocumentProxy | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [page, setPage] = useState(() => clamp(initialPage ?? 1, Number.MAX_SAFE_INTEGER));
  const [rendered, setRendered] = useState(0);
  const canvas = useRef<HTMLCanvasElement>(null);
  const box = useRef<HTMLDivElement>(null);

  useEffect(() => {
    setDoc(null);
    setError(null);
    const task = getDocument({ url, withCredentials: true, isEvalSupported: false });
    task.promise.then(
      (d) => {
        setDoc(d);
        setPage((p) => clamp(p, d.numPages));
      },
      (err: unknown) => setError(err instanceof Error ? err.message : String(err)),
    );
    return () => {
      void task.destroy();
    };
  }, [url]);

  useEffect(() => {
    if (!doc) return;
    let cancelled = false;
    let render: RenderTask | null = null;
    void doc.getPage(page).then((p) => {
      const el = canvas.current;
      if (cancelled || !el) return;
      const base = p.getViewport({ scale: 1 });
      const width = Math.min(box.current?.clientWidth || base.width, 1200);
      const viewport = p.getViewport({ scale: width / base.width });
      const ratio = window.devicePixelRatio || 1;
      el.width = Math.floor(viewport.width * ratio);
      el.height = Math.floor(viewport.height * ratio);
      el.style.width = `${Math.floor(viewport.width)}px`;
      el.style.height = `${Math.floor(viewport.height)}px`;
      render = p.render({ canvas: el, viewport, transform: ratio === 1 ? undefined : [ratio, 0, 0, ratio, 0, 0] });
      render.promise.then(
        () => !cancelled && setRendered(page),
        () => undefined, // cancelled by a page change
      );
    });
    return () => {
      cancelled = true;
      render?.cancel();
    };
  }, [doc, page]);

  if (error) {
    return (
      <div className="element-error" role="alert">
        {t('components.elements.error', { name, error })}
      </div>
    );
  }
  const pages = doc?.numPages ?? 0;
  return (
    <div className="react-pdf__Document pdf-viewer" data-page={page} data-pages={pages} data-rendered-page={rendered || undefined}>
      <div className="pdf-toolbar">
        <button
          type="button"
          className="icon-button pdf-prev"
          aria-label={t('components.elements.pdf.previous')}
          disabled={!doc || page <= 1}
          onClick={() => setPage((p) => clamp(p - 1, pages))}
        >
          <ChevronLeft size={16} />
        </button>
        <span className="pdf-page-label" aria-live="polite">
          {doc ? t('components.elements.pdf.pageOf', { page, count: pages }) : t('components.elements.loading', { name })}
        </span>
        <button
          type="button"
          className="icon-button pdf-next"
          aria-label={t('components.elements.pdf.next')}
          disabled={!doc || page >= pages}
          onClick={() => setPage((p) => clamp(p + 1, pages))}
        >
          <ChevronRight size={16} />
        </button>
      </div>
      <div className="react-pdf__Page pdf-page custom-scrollbar" ref={box}>
        <canvas ref={canvas} className="react-pdf__Page__canvas" aria-label={`${name}: ${page}/${pages || '?'}`} />
      </div>
    </div>
  );
}
