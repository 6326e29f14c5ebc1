/**
 * One element in a display (`inline`, `side`, `page`): picks the renderer by type. Every
 * renderer is classed `<display>-<kind>` (DOM-CONTRACT §8) and sits in an error boundary,
 * so a broken element never takes the chat down. Heavy viewers (pdf.js, Plotly) are lazy
 * chunks inside their renderers.
 */
import { memo } from 'react';
import type { IElement } from '../../client/types.js';
import { useT } from '../../i18n/i18n.js';
import { CustomElementView } from './CustomElementView.js';
import { DataframeElement } from './DataframeElement.js';
import { ElementBoundary } from './ElementBoundary.js';
import { FileElement } from './FileElement.js';
import { ImageElement } from './ImageElement.js';
import { AudioElement, VideoElement } from './MediaElements.js';
import { PdfElement } from './PdfElement.js';
import { PlotlyElement } from './PlotlyElement.js';
import { TextElement } from './TextElement.js';

/** Where the element is drawn: in a message (or step), in the side panel, or on its page. */
export type Placement = 'message' | 'panel' | 'page';

type Renderer = (p: { element: IElement; display: string; placement: Placement }) => React.ReactNode;

const renderers: Record<string, Renderer> = {
  image: ImageElement,
  text: TextElement,
  file: FileElement,
  pdf: PdfElement,
  audio: AudioElement,
  video: VideoElement,
  plotly: PlotlyElement,
  dataframe: DataframeElement,
  custom: CustomElementView,
};

/**
 * `display` (the class prefix) is the element's own unless forced; `placement` says where
 * it is drawn (a text element has a titled card only in a message).
 */
export const ElementView = memo(function ElementView({ element, display: forced, placement = 'message' }: { element: IElement; display?: string; placement?: Placement }) {
  const t = useT();
  const display = forced ?? element.display ?? 'inline';
  // Task lists have their own panel (TaskList.tsx); unknown kinds download as files.
  if (element.type === 'tasklist') return null;
  const Render = renderers[element.type] ?? FileElement;
  return (
    <ElementBoundary label={t('components.elements.crashed', { name: element.name })} resetKey={element}>
      <Render element={element} display={display} placement={placement} />
    </ElementBoundary>
  );
});
