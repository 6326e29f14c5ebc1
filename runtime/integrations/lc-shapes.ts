/**
 * The parts of LangChain.js objects the callback handler reads, described structurally so
 * chainlit-rt needs no `@langchain/core` at runtime or in its published types.
 */
export interface LcSerialized {
  id?: string[];
  name?: string;
  kwargs?: Record<string, unknown>;
}

export interface LcMessage {
  content: unknown;
  getType?(): string;
  _getType?(): string;
  role?: string;
  name?: string;
  tool_calls?: unknown[];
  tool_call_id?: string;
  usage_metadata?: { input_tokens?: number; output_tokens?: number; total_tokens?: number };
  response_metadata?: Record<string, unknown>;
}

export interface LcGeneration {
  text?: string;
  message?: LcMessage;
  generationInfo?: Record<string, unknown>;
}

export interface LcLLMResult {
  generations: LcGeneration[][];
  llmOutput?: Record<string, unknown>;
}

export interface LcDocument {
  pageContent: string;
  metadata?: Record<string, unknown>;
  id?: string;
}

function isMessage(value: unknown): value is LcMessage {
  return typeof value === 'object' && value !== null && 'content' in value
    && (typeof (value as LcMessage).getType === 'function' || typeof (value as LcMessage)._getType === 'function');
}

function isDocument(value: unknown): value is LcDocument {
  return typeof value === 'object' && value !== null && typeof (value as LcDocument).pageContent === 'string';
}

const ROLES: Record<string, string> = { human: 'user', ai: 'assistant', system: 'system', tool: 'tool', function: 'function', developer: 'developer' };

/** A LangChain message as an OpenAI-style message (what a generation carries). */
export function messageDict(m: LcMessage): Record<string, unknown> {
  const kind = m.getType?.() ?? m._getType?.() ?? 'generic';
  const out: Record<string, unknown> = { role: ROLES[kind] ?? m.role ?? kind, content: m.content };
  if (m.name) out.name = m.name;
  if (m.tool_calls?.length) out.tool_calls = m.tool_calls;
  if (m.tool_call_id) out.tool_call_id = m.tool_call_id;
  return out;
}

/**
 * Inputs and outputs made readable: messages become `{role, content}`, documents
 * `{pageContent, metadata}`, the rest is copied as JSON would see it (depth-limited).
 */
export function simplify(value: unknown, depth = 0): unknown {
  if (depth > 8) return '…';
  if (isMessage(value)) return messageDict(value);
  // A prompt value (what a prompt template returns) reads best as the messages it holds.
  if (typeof value === 'object' && value !== null && typeof (value as { toChatMessages?: unknown }).toChatMessages === 'function') {
    return simplify((value as { toChatMessages(): unknown }).toChatMessages(), depth + 1);
  }
  if (isDocument(value)) return { pageContent: value.pageContent, metadata: value.metadata ?? {} };
  if (Array.isArray(value)) return value.map((v) => simplify(v, depth + 1));
  if (typeof value === 'object' && value !== null) {
    if (typeof (value as { toJSON?: unknown }).toJSON === 'function' && !(value as { lc_serializable?: unknown }).lc_serializable) return value;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (typeof v !== 'function') out[k] = simplify(v, depth + 1);
    return out;
  }
  return value;
}

/** What a run is called: its run name, the serialized name, or the last part of its class path. */
export function runName(serialized: LcSerialized | undefined, explicit: string | undefined, fallback: string): string {
  return explicit ?? serialized?.name ?? serialized?.id?.at(-1) ?? fallback;
}
