/** Dataframe element: `.dataframe`, a table of 10 rows per page with sortable headers. */
import ArrowUpDown from 'lucide-react/icons/arrow-up-down';
import ChevronLeft from 'lucide-react/icons/chevron-left';
import { useMemo, useState } from 'react';
import type { IElement } from '../../client/types.js';
import { useT } from '../../i18n/i18n.js';
import { ArrowDown, ArrowUp, ChevronRight } from '../ui/icons.js';
import { useElementContent } from './content.js';
import { formatCell, parseFrame, sortedOrder, type Frame, type SortDir } from './dataframe.js';
import { ElementStatus } from './ElementBoundary.js';

export const PAGE_SIZE = 10;

function Table({ frame, name }: { frame: Frame; name: string }) {
  const t = useT();
  const [sort, setSort] = useState<{ column: number; dir: SortDir } | null>(null);
  const [page, setPage] = useState(0);
  const order = useMemo(() => sortedOrder(frame, sort?.column ?? null, sort?.dir ?? 'ascending'), [frame, sort]);
  const pages = Math.max(1, Math.ceil(order.length / PAGE_SIZE));
  const current = Math.min(page, pages - 1);
  const shown = order.slice(current * PAGE_SIZE, (current + 1) * PAGE_SIZE);
  const cycle = (column: number) => {
    // ascending → descending → unsorted, as data grids do.
    setSort((s) => (s?.column !== column ? { column, dir: 'ascending' } : s.dir === 'ascending' ? { column, dir: 'descending' } : null));
    setPage(0);
  };
  return (
    <>
      <div className="dataframe-scroll custom-scrollbar">
        <table className="dataframe-table" aria-label={name}>
          <thead>
            <tr>
              {frame.index ? <th scope="col" className="dataframe-index" /> : null}
              {frame.columns.map((c, i) => {
                const dir = sort?.column === i ? sort.dir : undefined;
                return (
                  <th key={i} scope="col" aria-sort={dir ?? 'none'}>
                    <button type="button" className="dataframe-sort" onClick={() => cycle(i)}>
                      <span>{c}</span>
                      {dir === 'ascending' ? <ArrowUp size={12} aria-hidden="true" /> : dir === 'descending' ? <ArrowDown size={12} aria-hidden="true" /> : <ArrowUpDown size={12} aria-hidden="true" className="dataframe-sort-idle" />}
                    </button>
                  </th>
                );
              })}
            </tr>
          </thead>
          <tbody>
            {shown.map((r) => (
              <tr key={r}>
                {frame.index ? <th scope="row" className="dataframe-index">{formatCell(frame.index[r] ?? null)}</th> : null}
                {frame.rows[r]!.map((v, i) => (
                  <td key={i} className={typeof v === 'number' ? 'numeric' : undefined}>
                    {formatCell(v)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="dataframe-pagination">
        <span className="dataframe-range muted small">
          {t('components.elements.dataframe.range', {
            from: order.length ? current * PAGE_SIZE + 1 : 0,
            to: Math.min(order.length, (current + 1) * PAGE_SIZE),
            total: order.length,
          })}
        </span>
        <button type="button" className="icon-button dataframe-prev" aria-label={t('components.elements.dataframe.previous')} disabled={current === 0} onClick={() => setPage(current - 1)}>
          <ChevronLeft size={16} />
        </button>
        <button type="button" className="icon-button dataframe-next" aria-label={t('components.elements.dataframe.next')} disabled={current >= pages - 1} onClick={() => setPage(current + 1)}>
          <ChevronRight size={16} />
        </button>
      </div>
    </>
  );
}

export function DataframeElement({ element, display }: { element: IElement; display: string }) {
  const t = useT();
  const frame = useElementContent(element.url, parseFrame);
  return (
    <div className={`dataframe ${display}-dataframe size-${element.size ?? 'large'}`}>
      {frame.state === 'loading' ? <ElementStatus text={t('components.elements.loading', { name: element.name })} /> : null}
      {frame.state === 'error' ? <ElementStatus error text={t('components.elements.error', { name: element.name, error: frame.error })} /> : null}
      {frame.state === 'ready' ? <Table frame={frame.value} name={element.name} /> : null}
    </div>
  );
}
