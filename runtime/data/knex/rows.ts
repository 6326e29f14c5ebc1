import type { ElementDict, ElementDisplay, ElementType, FeedbackDict, StepDict, StepType } from '../../wire.js';
import { boolOut, intOut, jsonIn, jsonOut, tagsIn, tagsOut, textOut, type Db, type Row } from './db.js';

/** `showInput` is stored as lower-case text: "true", "false" or a language (PROTOCOL.md §6). */
function showInputIn(value: StepDict['showInput']): string | null {
  if (value === undefined || value === null) return null;
  return String(value).toLowerCase();
}

function showInputOut(value: unknown): boolean | string | null {
  if (value === null || value === undefined) return null;
  if (value === 'true') return true;
  if (value === 'false') return false;
  return String(value);
}

/** The columns of a step row, from the wire dict. */
export function stepRow(db: Db, step: StepDict): Row {
  return {
    id: step.id,
    name: step.name,
    type: step.type,
    threadId: step.threadId,
    parentId: step.parentId ?? null,
    streaming: Boolean(step.streaming),
    waitForAnswer: step.waitForAnswer ?? null,
    isError: step.isError ?? null,
    metadata: jsonIn(step.metadata ?? {}),
    tags: tagsIn(db, step.tags),
    input: step.input ?? null,
    output: step.output ?? null,
    createdAt: step.createdAt ?? null,
    command: step.command ?? null,
    start: step.start ?? null,
    end: step.end ?? null,
    generation: jsonIn(step.generation),
    showInput: showInputIn(step.showInput),
    language: step.language ?? null,
    indent: step.indent ?? null,
    defaultOpen: step.defaultOpen ?? null,
    modes: jsonIn(step.modes),
    autoCollapse: step.autoCollapse ?? null,
  };
}

/** A stored step as the wire dict; `feedback` comes from the joined feedback row, if any. */
export function stepDict(row: Row, feedback: FeedbackDict | null): StepDict {
  const showInput = showInputOut(row.showInput);
  return {
    id: String(row.id),
    threadId: String(row.threadId),
    parentId: textOut(row.parentId),
    name: String(row.name),
    type: String(row.type) as StepType,
    // As Chainlit: a step whose input is not to be shown does not carry it back.
    input: showInput === null || showInput === false ? '' : (textOut(row.input) ?? ''),
    output: textOut(row.output) ?? '',
    createdAt: textOut(row.createdAt),
    start: textOut(row.start),
    end: textOut(row.end),
    streaming: boolOut(row.streaming) ?? false,
    isError: boolOut(row.isError),
    waitForAnswer: boolOut(row.waitForAnswer),
    metadata: jsonOut<Record<string, unknown>>(row.metadata) ?? {},
    tags: tagsOut(row.tags),
    language: textOut(row.language),
    command: textOut(row.command),
    modes: jsonOut<Record<string, string>>(row.modes),
    showInput,
    defaultOpen: boolOut(row.defaultOpen),
    autoCollapse: boolOut(row.autoCollapse),
    generation: jsonOut<Record<string, unknown>>(row.generation),
    indent: intOut(row.indent),
    feedback,
  };
}

export function elementRow(element: ElementDict, objectKey: string | null): Row {
  return {
    id: element.id,
    threadId: element.threadId,
    type: element.type,
    url: element.url ?? null,
    chainlitKey: element.chainlitKey ?? null,
    name: element.name,
    display: element.display ?? 'inline',
    objectKey,
    size: element.size ?? null,
    page: element.page ?? null,
    language: element.language ?? null,
    forId: element.forId || null,
    mime: element.mime ?? null,
    props: jsonIn(element.props),
    autoPlay: element.autoPlay ?? null,
    playerConfig: jsonIn(element.playerConfig),
  };
}

export function elementDict(row: Row): ElementDict {
  return {
    id: String(row.id),
    threadId: textOut(row.threadId),
    type: String(row.type) as ElementType,
    name: String(row.name),
    display: (textOut(row.display) ?? 'inline') as ElementDisplay,
    forId: textOut(row.forId),
    url: textOut(row.url),
    chainlitKey: textOut(row.chainlitKey),
    objectKey: textOut(row.objectKey),
    mime: textOut(row.mime),
    size: textOut(row.size) as ElementDict['size'],
    language: textOut(row.language),
    page: intOut(row.page),
    autoPlay: boolOut(row.autoPlay),
    playerConfig: jsonOut<Record<string, unknown>>(row.playerConfig),
    props: jsonOut<Record<string, unknown>>(row.props),
  };
}

export function feedbackDict(row: Row): FeedbackDict {
  return {
    id: String(row.id),
    forId: String(row.forId),
    threadId: String(row.threadId),
    value: Number(row.value) === 1 ? 1 : 0,
    comment: textOut(row.comment),
  };
}
