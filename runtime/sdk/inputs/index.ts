import { toWidgetDict, type WidgetDict, type WidgetItem, type WidgetSpec } from '../../settings/widgets.js';

/** Options every chat-settings widget takes. */
export interface InputOptions<T> {
  /** Key of the value in the settings object. */
  id: string;
  label: string;
  initial?: T;
  tooltip?: string;
  description?: string;
  disabled?: boolean;
}

export interface ChoiceOptions extends InputOptions<string> {
  /** Choices whose label is the value itself. */
  values?: string[];
  /** Choices as `{ label: value }` or `[{ label, value }]`. */
  items?: Record<string, string> | WidgetItem[];
  /** Index into the choices of the initial one. */
  initialIndex?: number;
  initialValue?: string;
}

/** A chat-settings input; `ChatSettings` sends a list of them. */
export abstract class InputWidget {
  protected constructor(protected readonly spec: WidgetSpec) {}
  /** Key of this input's value in the settings object. */
  get id(): string {
    return this.spec.id;
  }
  /** The widget as it travels on the wire (`chat_settings` event). */
  toDict(): WidgetDict {
    return toWidgetDict(this.spec);
  }
}

function choice(type: 'select' | 'radio', o: ChoiceOptions): WidgetSpec {
  return { type, id: o.id, label: o.label, initial: o.initial, tooltip: o.tooltip, description: o.description, disabled: o.disabled, values: o.values, items: o.items, initial_index: o.initialIndex, initial_value: o.initialValue };
}

/** A drop-down with one choice (Chainlit's `Select`). */
export class Select extends InputWidget {
  constructor(options: ChoiceOptions) {
    super(choice('select', options));
  }
}

/** Radio buttons with one choice. */
export class RadioGroup extends InputWidget {
  constructor(options: ChoiceOptions) {
    super(choice('radio', options));
  }
}

/** Several choices. */
export class MultiSelect extends InputWidget {
  constructor(o: Omit<InputOptions<string[]>, never> & { values?: string[]; items?: Record<string, string> | WidgetItem[] }) {
    super({ type: 'multiselect', id: o.id, label: o.label, initial: o.initial, tooltip: o.tooltip, description: o.description, disabled: o.disabled, values: o.values, items: o.items });
  }
}

/** A number on a range (defaults: 0 to 10, step 1). */
export class Slider extends InputWidget {
  constructor(o: InputOptions<number> & { min?: number; max?: number; step?: number }) {
    super({ type: 'slider', id: o.id, label: o.label, initial: o.initial, tooltip: o.tooltip, description: o.description, disabled: o.disabled, min: o.min, max: o.max, step: o.step });
  }
}

/** An on/off toggle. */
export class Switch extends InputWidget {
  constructor(o: InputOptions<boolean>) {
    super({ type: 'switch', id: o.id, label: o.label, initial: o.initial, tooltip: o.tooltip, description: o.description, disabled: o.disabled });
  }
}

/** A checkbox. */
export class Checkbox extends InputWidget {
  constructor(o: InputOptions<boolean>) {
    super({ type: 'checkbox', id: o.id, label: o.label, initial: o.initial, tooltip: o.tooltip, description: o.description, disabled: o.disabled });
  }
}

/** Free-form tags (a list of strings). */
export class Tags extends InputWidget {
  constructor(o: InputOptions<string[]>) {
    super({ type: 'tags', id: o.id, label: o.label, initial: o.initial, tooltip: o.tooltip, description: o.description, disabled: o.disabled });
  }
}

/** A text field (`multiline` for a text area). */
export class TextInput extends InputWidget {
  constructor(o: InputOptions<string> & { placeholder?: string; multiline?: boolean }) {
    super({ type: 'textinput', id: o.id, label: o.label, initial: o.initial, tooltip: o.tooltip, description: o.description, disabled: o.disabled, placeholder: o.placeholder, multiline: o.multiline });
  }
}

/** A number field (optional `min`/`max`, checked on the server). */
export class NumberInput extends InputWidget {
  constructor(o: InputOptions<number> & { placeholder?: string; min?: number; max?: number }) {
    super({ type: 'numberinput', id: o.id, label: o.label, initial: o.initial, tooltip: o.tooltip, description: o.description, disabled: o.disabled, placeholder: o.placeholder, min: o.min, max: o.max });
  }
}

/** A date (or a `range` of two dates), as ISO strings. */
export class DatePicker extends InputWidget {
  constructor(o: InputOptions<string | [string, string]> & { mode?: 'single' | 'range'; minDate?: string; maxDate?: string; format?: string; placeholder?: string }) {
    super({ type: 'datepicker', id: o.id, label: o.label, initial: o.initial, tooltip: o.tooltip, description: o.description, disabled: o.disabled, mode: o.mode, min_date: o.minDate, max_date: o.maxDate, format: o.format, placeholder: o.placeholder });
  }
}
