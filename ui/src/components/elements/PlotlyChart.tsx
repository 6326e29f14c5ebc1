/**
 * Interactive Plotly chart, a lazy chunk (plotly.js is about 1 MB gzipped): fetched the
 * first time a plotly element is shown. Colours follow the app theme unless the figure
 * sets its own.
 */
import Plotly from 'plotly.js-dist-min';
import { useEffect, useRef } from 'react';

export interface Figure {
  data?: unknown[];
  layout?: Record<string, unknown>;
  config?: Record<string, unknown>;
}

function themeColour(name: string): string | undefined {
  const v = getComputedStyle(document.documentElement).getPropertyValue(name).trim();
  return v ? `hsl(${v})` : undefined;
}

export default function PlotlyChart({ figure, className }: { figure: Figure; className: string }) {
  const el = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const div = el.current;
    if (!div) return;
    const layout = {
      paper_bgcolor: 'rgba(0,0,0,0)',
      plot_bgcolor: 'rgba(0,0,0,0)',
      font: { color: themeColour('--foreground') },
      autosize: true,
      margin: { t: 48, r: 24, b: 48, l: 56 },
      ...(figure.layout ?? {}),
    };
    void Plotly.react(div, figure.data ?? [], layout, { responsive: true, displaylogo: false, ...(figure.config ?? {}) });
  }, [figure]);
  useEffect(() => {
    const div = el.current;
    return () => {
      if (div) Plotly.purge(div);
    };
  }, []);
  return <div ref={el} className={className} />;
}
