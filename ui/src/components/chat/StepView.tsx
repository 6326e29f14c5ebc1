/**
 * Collapsible chain-of-thought step. The button #step-<name> sits two levels below the
 * element that holds the body (DOM-CONTRACT §4/§13); a collapsed body is unmounted.
 */
import { ChevronDown, ChevronRight, CircleCheck, CircleX, LoaderCircle } from '../ui/icons.js';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useChat } from '../../client/react.js';
import type { IStep } from '../../client/types.js';
import { useT } from '../../i18n/i18n.js';
import { useLoading } from './message-context.js';

export function StepView({ step, isRunning, children }: { step: IStep; isRunning?: boolean; children: ReactNode }) {
  const t = useT();
  const loading = useLoading();
  const [open, setOpen] = useState(Boolean(step.defaultOpen));
  const using = (isRunning ?? loading) && !step.end && !step.isError;
  const wasUsing = useRef(using);
  useEffect(() => {
    if (wasUsing.current && !using && step.autoCollapse) setOpen(false);
    wasUsing.current = using;
  }, [using, step.autoCollapse]);
  // A step with only elements still opens: they show in its body.
  const hasElements = useChat((s) => s.elements.some((e) => e.forId === step.id));
  const hasBody = Boolean(step.output || step.steps?.length || (step.input && step.showInput) || hasElements);
  const state = step.isError ? 'error' : using ? 'running' : 'done';
  const label = `${t(using ? 'chat.messages.status.using' : 'chat.messages.status.used')} ${step.name}`;
  const statusIcon =
    state === 'running' ? (
      <LoaderCircle size={14} className="spin" aria-hidden="true" />
    ) : state === 'error' ? (
      <CircleX size={14} aria-hidden="true" />
    ) : (
      <CircleCheck size={14} aria-hidden="true" />
    );
  return (
    <div className={`step-accordion step-${state}`} data-state={open ? 'open' : 'closed'}>
      <div className="step-header">
        {hasBody ? (
          <button
            type="button"
            id={`step-${step.name}`}
            className={`step-title${using ? ' loading-shimmer' : ''}`}
            aria-expanded={open}
            onClick={() => setOpen(!open)}
          >
            {statusIcon}
            {label}
            {open ? <ChevronDown size={14} aria-hidden="true" /> : <ChevronRight size={14} aria-hidden="true" />}
          </button>
        ) : (
          <p id={`step-${step.name}`} className={`step-title${using ? ' loading-shimmer' : ''}`}>
            {statusIcon}
            {label}
          </p>
        )}
      </div>
      {open && hasBody ? <div className="step-body">{children}</div> : null}
    </div>
  );
}
