import type { WidgetDict } from './widgets.js';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/;

function problemFor(widget: WidgetDict, value: unknown): string | null {
  const allowed = () => (widget.items ?? []).map((i) => i.value);
  switch (widget.type) {
    case 'switch':
    case 'checkbox':
      return typeof value === 'boolean' ? null : 'expected true or false';
    case 'slider': {
      if (typeof value !== 'number' || !Number.isFinite(value)) return 'expected a number';
      const { min = 0, max = 10, step = 1 } = widget;
      if (value < min || value > max) return `expected a number between ${min} and ${max}`;
      const steps = (value - min) / step;
      return Math.abs(steps - Math.round(steps)) < 1e-6 ? null : `expected a multiple of ${step} from ${min}`;
    }
    case 'numberinput':
      if (value === null) return null;
      if (typeof value !== 'number' || !Number.isFinite(value)) return 'expected a number';
      if (widget.min !== undefined && value < widget.min) return `expected at least ${widget.min}`;
      if (widget.max !== undefined && value > widget.max) return `expected at most ${widget.max}`;
      return null;
    case 'textinput':
      return value === null || typeof value === 'string' ? null : 'expected text';
    case 'select':
    case 'radio':
      return value === null || (typeof value === 'string' && allowed().includes(value)) ? null : `expected one of ${allowed().map((v) => JSON.stringify(v)).join(', ')}`;
    case 'multiselect':
      return Array.isArray(value) && value.every((v) => typeof v === 'string' && allowed().includes(v)) ? null : `expected a list of ${allowed().map((v) => JSON.stringify(v)).join(', ')}`;
    case 'tags':
      return Array.isArray(value) && value.every((v) => typeof v === 'string') ? null : 'expected a list of strings';
    case 'datepicker': {
      if (value === null) return null;
      const dates = widget.mode === 'range' ? value : [value];
      const ok = Array.isArray(dates) && dates.length === (widget.mode === 'range' ? 2 : 1) && dates.every((d) => d === null || (typeof d === 'string' && ISO_DATE.test(d)));
      return ok ? null : widget.mode === 'range' ? 'expected [start, end] ISO dates' : 'expected an ISO date';
    }
  }
}

/**
 * Checks submitted settings against the widgets the session was sent. Returns the list of
 * problems (empty when every value fits); unknown ids and changes to disabled widgets count.
 */
export function settingsProblems(widgets: readonly WidgetDict[], values: Record<string, unknown>, current: Record<string, unknown>): string[] {
  const byId = new Map(widgets.map((w) => [w.id, w]));
  const problems: string[] = [];
  for (const [id, value] of Object.entries(values)) {
    const widget = byId.get(id);
    if (!widget) {
      problems.push(`${id}: no such setting`);
      continue;
    }
    if (widget.disabled && JSON.stringify(value) !== JSON.stringify(current[id] ?? widget.initial)) {
      problems.push(`${id}: this setting is disabled`);
      continue;
    }
    const problem = problemFor(widget, value);
    if (problem) problems.push(`${id}: ${problem}`);
  }
  return problems;
}
