/**
 * Dataframe content: pandas' "split" orientation `{columns, index, data}` as JSON text
 * (PROTOCOL.md §5.2: served without a JSON type, parsed here), plus sorting and paging.
 */
export type Cell = string | number | boolean | null;

export interface Frame {
  columns: string[];
  /** Row labels, or null when they are just 0…n-1 (not worth a column). */
  index: Cell[] | null;
  rows: Cell[][];
}

function cell(v: unknown): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  return JSON.stringify(v);
}

export function parseFrame(text: string): Frame {
  const raw = JSON.parse(text) as { columns?: unknown; index?: unknown; data?: unknown };
  if (!raw || !Array.isArray(raw.columns) || !Array.isArray(raw.data)) throw new Error('not a {columns, index, data} table');
  const columns = raw.columns.map((c) => String(c));
  const rows = raw.data.map((r) => (Array.isArray(r) ? r.map(cell) : [cell(r)]));
  const index = Array.isArray(raw.index) ? raw.index.map(cell) : null;
  const trivial = !index || index.every((v, i) => v === i);
  return { columns, index: trivial ? null : index, rows };
}

export type SortDir = 'ascending' | 'descending';

export function compareCells(a: Cell, b: Cell): number {
  if (a === b) return 0;
  // Empty cells go last whatever the direction is (the caller flips only non-null pairs).
  if (a === null) return 1;
  if (b === null) return -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a).localeCompare(String(b), undefined, { numeric: true, sensitivity: 'base' });
}

/** Row order (indices into frame.rows) for a sort on `column`, stable for equal cells. */
export function sortedOrder(frame: Frame, column: number | null, dir: SortDir): number[] {
  const order = frame.rows.map((_r, i) => i);
  if (column === null) return order;
  const sign = dir === 'ascending' ? 1 : -1;
  return order.sort((i, j) => {
    const a = frame.rows[i]![column] ?? null;
    const b = frame.rows[j]![column] ?? null;
    if (a === null || b === null) return compareCells(a, b) || i - j;
    return sign * compareCells(a, b) || i - j;
  });
}

export function formatCell(v: Cell): string {
  if (v === null) return '';
  if (typeof v === 'number' && !Number.isInteger(v)) return String(Math.round(v * 1e6) / 1e6);
  return String(v);
}
