/**
 * Chat-settings widgets on the wire (PROTOCOL.md §5.9), built from either the manifest's
 * snake_case declarations or the SDK's camelCase classes through one normaliser, with
 * Chainlit's defaults.
 */
import type { InputWidgetDict, InputWidgetType, SelectItem } from '../wire.js';

export type WidgetType = InputWidgetType;
export type WidgetItem = SelectItem;
/** A widget as the `chat_settings` event carries it (generated from schemas/wire/shapes.schema.json). */
export type WidgetDict = InputWidgetDict;

/**
 * The union of the options both front doors accept, already in wire (snake_case) names:
 * the wire fields (optional, defaulted by toWidgetDict) plus the shorthands for choices.
 */
export interface WidgetSpec extends Partial<Omit<WidgetDict, 'type' | 'id' | 'label' | 'items'>> {
  type: WidgetType;
  id: string;
  label: string;
  values?: string[];
  items?: Record<string, string | undefined> | WidgetItem[];
  initial_index?: number;
  initial_value?: string;
}

function itemsOf(spec: WidgetSpec): WidgetItem[] {
  if (Array.isArray(spec.items)) return spec.items.map((i) => ({ label: i.label, value: i.value }));
  if (spec.items) return Object.entries(spec.items).map(([label, value]) => ({ label, value: value ?? label }));
  return (spec.values ?? []).map((v) => ({ label: v, value: v }));
}

function choiceInitial(spec: WidgetSpec, items: WidgetItem[]): string | null {
  if (spec.initial_value !== undefined) return spec.initial_value;
  if (spec.initial_index !== undefined) return items[spec.initial_index]?.value ?? null;
  return typeof spec.initial === 'string' ? spec.initial : null;
}

export function toWidgetDict(spec: WidgetSpec): WidgetDict {
  const base = {
    type: spec.type,
    id: spec.id,
    label: spec.label,
    tooltip: spec.tooltip ?? null,
    description: spec.description ?? null,
    disabled: spec.disabled ?? false,
  };
  switch (spec.type) {
    case 'switch':
    case 'checkbox':
      return { ...base, initial: spec.initial ?? false };
    case 'slider':
      return { ...base, min: spec.min ?? 0, max: spec.max ?? 10, step: spec.step ?? 1, initial: spec.initial ?? spec.min ?? 0 };
    case 'numberinput':
      return {
        ...base,
        placeholder: spec.placeholder ?? null,
        initial: spec.initial ?? null,
        ...(spec.min !== undefined ? { min: spec.min } : {}),
        ...(spec.max !== undefined ? { max: spec.max } : {}),
        ...(spec.step !== undefined ? { step: spec.step } : {}),
      };
    case 'textinput':
      return { ...base, placeholder: spec.placeholder ?? null, multiline: spec.multiline ?? false, initial: spec.initial ?? null };
    case 'select':
    case 'radio': {
      const items = itemsOf(spec);
      return { ...base, items, initial: choiceInitial(spec, items) };
    }
    case 'multiselect':
      return { ...base, items: itemsOf(spec), initial: spec.initial ?? [] };
    case 'tags':
      return { ...base, initial: spec.initial ?? [] };
    case 'datepicker':
      return { ...base, mode: spec.mode ?? 'single', min_date: spec.min_date ?? null, max_date: spec.max_date ?? null, format: spec.format ?? null, placeholder: spec.placeholder ?? null, initial: spec.initial ?? null };
  }
}

/** The values a freshly sent form starts with: `{id: initial}`. */
export function initialValues(widgets: readonly WidgetDict[]): Record<string, unknown> {
  return Object.fromEntries(widgets.map((w) => [w.id, w.initial]));
}
