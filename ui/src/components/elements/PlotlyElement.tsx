/** Plotly element: `.inline-plotly` inside `.inline-plotly-container` (DOM-CONTRACT §8). */
import { lazy, Suspense } from 'react';
import type { IElement } from '../../client/types.js';
import { useT } from '../../i18n/i18n.js';
import { parseJson, useElementContent } from './content.js';
import { ElementStatus } from './ElementBoundary.js';
import type { Figure } from './PlotlyChart.js';

const PlotlyChart = lazy(() => import('./PlotlyChart.js'));

function parseFigure(text: string): Figure {
  const value = parseJson(text);
  if (!value || typeof value !== 'object') throw new Error('the figure is not a JSON object');
  return value as Figure;
}

export function PlotlyElement({ element, display }: { element: IElement; display: string }) {
  const t = useT();
  const figure = useElementContent(element.url, parseFigure);
  const loading = <ElementStatus text={t('components.elements.loading', { name: element.name })} />;
  return (
    <div className={`${display}-plotly-container element-plotly size-${element.size ?? 'medium'}`}>
      {figure.state === 'loading' ? loading : null}
      {figure.state === 'error' ? <ElementStatus error text={t('components.elements.error', { name: element.name, error: figure.error })} /> : null}
      {figure.state === 'ready' ? (
        <Suspense fallback={loading}>
          <PlotlyChart figure={figure.value} className={`${display}-plotly`} />
        </Suspense>
      ) : null}
    </div>
  );
}
