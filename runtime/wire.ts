/**
 * JSON shapes exchanged with Chainlit clients (PROTOCOL.md §5). Keys keep the wire's case
 * exactly: camelCase on steps/elements/threads, snake_case inside specs and config.
 */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

export type MessageType = 'user_message' | 'assistant_message' | 'system_message';
export type StepType = MessageType | 'run' | 'tool' | 'llm' | 'embedding' | 'retrieval' | 'rerank' | 'undefined';

export interface StepDict {
  id: string;
  threadId: string;
  parentId: string | null;
  name: string;
  type: StepType;
  input?: string;
  output: string;
  createdAt: string | null;
  start: string | null;
  end: string | null;
  streaming: boolean;
  isError?: boolean | null;
  waitForAnswer?: boolean | null;
  metadata: Record<string, unknown>;
  tags: string[] | null;
  language: string | null;
  command?: string | null;
  modes?: Record<string, string> | null;
  showInput?: boolean | string | null;
  defaultOpen?: boolean | null;
  autoCollapse?: boolean | null;
  generation?: Record<string, unknown> | null;
  feedback?: FeedbackDict | null;
  indent?: number | null;
}

export type ElementType = 'image' | 'text' | 'pdf' | 'tasklist' | 'audio' | 'video' | 'file' | 'plotly' | 'dataframe' | 'custom';
export type ElementDisplay = 'inline' | 'side' | 'page';

export interface ElementDict {
  id: string;
  threadId: string | null;
  type: ElementType;
  name: string;
  display: ElementDisplay;
  forId: string | null;
  url: string | null;
  chainlitKey: string | null;
  objectKey: string | null;
  mime: string | null;
  size: 'small' | 'medium' | 'large' | null;
  language: string | null;
  page: number | null;
  autoPlay: boolean | null;
  playerConfig: Record<string, unknown> | null;
  props: Record<string, unknown> | null;
}

export interface ActionDict {
  id: string;
  name: string;
  payload: Record<string, unknown>;
  label: string;
  tooltip: string;
  icon: string | null;
  forId: string | null;
}

export interface FeedbackDict {
  id?: string;
  forId: string;
  threadId?: string;
  value: 0 | 1;
  comment?: string | null;
}

export interface ThreadDict {
  id: string;
  createdAt: string;
  name: string | null;
  userId: string | null;
  userIdentifier: string | null;
  tags: string[] | null;
  metadata: Record<string, unknown> | null;
  steps: StepDict[];
  elements: ElementDict[] | null;
}

export interface UserDict {
  identifier: string;
  display_name?: string | null;
  metadata: Record<string, unknown>;
}

export interface PersistedUserDict extends UserDict {
  id: string;
  createdAt: string;
}

export interface CommandDict {
  id: string;
  description: string;
  icon: string;
  button?: boolean;
  persistent?: boolean;
  selected?: boolean;
}

export interface StarterDict {
  label: string;
  message: string;
  command?: string | null;
  icon?: string | null;
}

export interface StarterCategoryDict {
  label: string;
  icon?: string | null;
  starters: StarterDict[];
}

export interface ChatProfileDict {
  name: string;
  display_name?: string | null;
  markdown_description: string;
  icon?: string | null;
  default: boolean;
  starters?: StarterDict[] | null;
}

export type AskSpec =
  | { type: 'text'; step_id: string; timeout: number }
  | { type: 'file'; step_id: string; timeout: number; accept: string[] | Record<string, string[]>; max_size_mb: number; max_files: number }
  | { type: 'action'; step_id: string; timeout: number; keys: string[] }
  | { type: 'element'; step_id: string; timeout: number; element_id: string };

/** Uploaded-file record kept per session (PROTOCOL.md §5.7). */
export interface FileRecord {
  id: string;
  name: string;
  path: string;
  size: number;
  type: string;
}

/** Server-side time stamp, ISO-8601 UTC with Z. */
export function utcNow(): string {
  return new Date().toISOString();
}
