/**
 * Chat-settings input widgets (PROTOCOL.md §5.9). Each control carries the widget id as its
 * DOM id (DOM-CONTRACT §10); Radix supplies roles and keyboard behaviour.
 */
import * as Checkbox from '@radix-ui/react-checkbox';
import * as Radio from '@radix-ui/react-radio-group';
import * as Select from '@radix-ui/react-select';
import * as Slider from '@radix-ui/react-slider';
import * as Switch from '@radix-ui/react-switch';
import { Check, ChevronDown, X } from '../ui/icons.js';
import { useState } from 'react';
import type { InputWidget } from '../../client/types.js';
import { useT } from '../../i18n/i18n.js';
import { usePortalRoot } from '../ui/portal-root.js';

export interface WidgetProps {
  widget: InputWidget;
  value: unknown;
  onChange: (v: unknown) => void;
}

function SelectWidget({ widget, value, onChange }: WidgetProps) {
  const t = useT();
  const items = widget.items ?? [];
  const portalRoot = usePortalRoot();
  return (
    <Select.Root value={typeof value === 'string' ? value : undefined} onValueChange={onChange} disabled={Boolean(widget.disabled)}>
      <Select.Trigger id={widget.id} className="input select-trigger" aria-label={widget.label}>
        <Select.Value placeholder={t('components.settings.select')} />
        <Select.Icon>
          <ChevronDown size={14} aria-hidden="true" />
        </Select.Icon>
      </Select.Trigger>
      <Select.Portal container={portalRoot}>
        <Select.Content className="select-content" position="popper" sideOffset={4}>
          <Select.Viewport className="select-viewport">
            {items.map((it) => (
              <Select.Item key={it.value} value={it.value} className="select-item">
                <Select.ItemText>{it.label}</Select.ItemText>
                <Select.ItemIndicator className="select-indicator">
                  <Check size={14} />
                </Select.ItemIndicator>
              </Select.Item>
            ))}
          </Select.Viewport>
        </Select.Content>
      </Select.Portal>
    </Select.Root>
  );
}

function SliderWidget({ widget, value, onChange }: WidgetProps) {
  const min = widget.min ?? 0;
  const max = widget.max ?? 10;
  const step = widget.step ?? 1;
  const v = typeof value === 'number' ? value : min;
  return (
    <div className="slider-row">
      <Slider.Root
        id={widget.id}
        className="slider"
        min={min}
        max={max}
        step={step}
        value={[v]}
        disabled={Boolean(widget.disabled)}
        onValueChange={(vals) => onChange(vals[0])}
      >
        <Slider.Track className="slider-track">
          <Slider.Range className="slider-range" />
        </Slider.Track>
        <Slider.Thumb className="slider-thumb" aria-label={widget.label} />
      </Slider.Root>
      <span className="slider-value" aria-hidden="true">{v}</span>
    </div>
  );
}

function TagsWidget({ widget, value, onChange }: WidgetProps) {
  const t = useT();
  const tags = Array.isArray(value) ? (value as string[]) : [];
  const [draft, setDraft] = useState('');
  const add = () => {
    const v = draft.trim();
    if (v && !tags.includes(v)) onChange([...tags, v]);
    setDraft('');
  };
  return (
    <div className="tags">
      {tags.map((tag) => (
        <span key={tag} className="tag">
          {tag}
          <button type="button" className="icon-button" aria-label={t('components.settings.tags.remove', { tag })} onClick={() => onChange(tags.filter((x) => x !== tag))}>
            <X size={12} />
          </button>
        </span>
      ))}
      <input
        id={widget.id}
        className="input tags-input"
        value={draft}
        placeholder={t('components.settings.tags.add')}
        disabled={Boolean(widget.disabled)}
        onChange={(e) => setDraft(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' || e.key === ',') {
            e.preventDefault();
            add();
          } else if (e.key === 'Backspace' && !draft && tags.length) onChange(tags.slice(0, -1));
        }}
        onBlur={add}
      />
    </div>
  );
}

function MultiSelectWidget({ widget, value, onChange }: WidgetProps) {
  const chosen = Array.isArray(value) ? (value as string[]) : [];
  return (
    <div id={widget.id} className="multiselect" role="group" aria-label={widget.label}>
      {(widget.items ?? []).map((it) => {
        const on = chosen.includes(it.value);
        return (
          <button
            key={it.value}
            type="button"
            aria-pressed={on}
            data-state={on ? 'checked' : 'unchecked'}
            className={`chip${on ? ' chip-on' : ''}`}
            disabled={Boolean(widget.disabled)}
            onClick={() => onChange(on ? chosen.filter((x) => x !== it.value) : [...chosen, it.value])}
          >
            {on ? <Check size={12} aria-hidden="true" /> : null}
            {it.label}
          </button>
        );
      })}
    </div>
  );
}

function DateWidget({ widget, value, onChange }: WidgetProps) {
  const w = widget as InputWidget & { mode?: string; min_date?: string; max_date?: string };
  const min = w.min_date ?? undefined;
  const max = w.max_date ?? undefined;
  if (w.mode === 'range') {
    const [a, b] = Array.isArray(value) ? (value as string[]) : ['', ''];
    return (
      <div className="date-range">
        <input id={widget.id} type="date" className="input" value={a ?? ''} min={min} max={max} onChange={(e) => onChange([e.target.value, b ?? ''])} />
        <input type="date" className="input" aria-label={`${widget.label} (end)`} value={b ?? ''} min={min} max={max} onChange={(e) => onChange([a ?? '', e.target.value])} />
      </div>
    );
  }
  return <input id={widget.id} type="date" className="input" value={typeof value === 'string' ? value : ''} min={min} max={max} onChange={(e) => onChange(e.target.value || null)} />;
}

export function Widget(props: WidgetProps) {
  const { widget, value, onChange } = props;
  const disabled = Boolean(widget.disabled);
  switch (widget.type) {
    case 'select':
      return <SelectWidget {...props} />;
    case 'slider':
      return <SliderWidget {...props} />;
    case 'switch':
      return (
        <Switch.Root id={widget.id} className="switch" checked={Boolean(value)} disabled={disabled} onCheckedChange={onChange} aria-label={widget.label}>
          <Switch.Thumb className="switch-thumb" />
        </Switch.Root>
      );
    case 'checkbox':
      return (
        <Checkbox.Root id={widget.id} className="checkbox" checked={Boolean(value)} disabled={disabled} onCheckedChange={(c) => onChange(c === true)} aria-label={widget.label}>
          <Checkbox.Indicator>
            <Check size={12} />
          </Checkbox.Indicator>
        </Checkbox.Root>
      );
    case 'radio':
      return (
        <Radio.Root id={widget.id} className="radio-group" value={typeof value === 'string' ? value : undefined} disabled={disabled} onValueChange={onChange} aria-label={widget.label}>
          {(widget.items ?? []).map((it) => (
            <label key={it.value} className="radio-row">
              <Radio.Item value={it.value} className="radio">
                <Radio.Indicator className="radio-dot" />
              </Radio.Item>
              {it.label}
            </label>
          ))}
        </Radio.Root>
      );
    case 'textinput':
      return widget.multiline ? (
        <textarea id={widget.id} className="textarea" value={typeof value === 'string' ? value : ''} placeholder={widget.placeholder ?? undefined} disabled={disabled} onChange={(e) => onChange(e.target.value)} />
      ) : (
        <input id={widget.id} className="input" value={typeof value === 'string' ? value : ''} placeholder={widget.placeholder ?? undefined} disabled={disabled} onChange={(e) => onChange(e.target.value)} />
      );
    case 'numberinput':
      return (
        <input
          id={widget.id}
          type="number"
          className="input"
          value={typeof value === 'number' ? value : ''}
          placeholder={widget.placeholder ?? undefined}
          min={widget.min}
          max={widget.max}
          step={widget.step}
          disabled={disabled}
          onChange={(e) => onChange(e.target.value === '' ? null : Number(e.target.value))}
        />
      );
    case 'multiselect':
      return <MultiSelectWidget {...props} />;
    case 'tags':
      return <TagsWidget {...props} />;
    case 'datepicker':
      return <DateWidget {...props} />;
    default:
      return null;
  }
}
