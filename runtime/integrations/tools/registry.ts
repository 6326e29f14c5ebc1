import type { Ajv, ValidateFunction } from 'ajv';
import { ChainlitRtError, isCancellation } from '../../errors.js';
import { withCurrentStep } from '../../context.js';
import type { Session } from '../../session/session.js';
import { Step } from '../../sdk/step.js';
import { mcpToolSource } from '../mcp/tool-source.js';
import { utcNow } from '../../wire.js';

/** A tool as a model sees it: name, description and a JSON Schema of its arguments. */
export interface ToolSpec {
  name: string;
  description: string;
  parameters: object;
}

/**
 * Where tools come from: the plugins' `tools`, an MCP server, anything else. A source lists
 * the tools a session may use and runs them; the registry does the rest (names, argument
 * validation, steps, errors).
 */
export interface ToolSource {
  /** Names the source in errors, e.g. `plugins` or `mcp:github`. */
  id: string;
  list(session: Session): Promise<ToolSpec[]>;
  call(session: Session, name: string, args: Record<string, unknown>, signal: AbortSignal): Promise<unknown>;
}

/** An OpenAI `tools[]` entry. */
export interface OpenAITool {
  type: 'function';
  function: { name: string; description: string; parameters: Record<string, unknown> };
}

/** What a tool call gave back, as the model will read it. */
export interface ToolResult {
  /** Text for the `tool` message: a string result as is, anything else as JSON. */
  content: string;
  isError: boolean;
}

interface Entry {
  source: ToolSource;
  spec: ToolSpec;
}

const registered = new Set<ToolSource>();

/**
 * Adds a source of tools for every session of every app in this process, beside the
 * built-in ones (plugins' tools and the session's MCP connections). Returns a function
 * that removes it again.
 */
export function registerToolSource(source: ToolSource): () => void {
  registered.add(source);
  return () => { registered.delete(source); };
}

/** The plugins' `tools` (the profile plugin's replacing global ones of the same name). */
export function pluginToolSource(): ToolSource {
  return {
    id: 'plugins',
    async list(session) {
      return [...session.runtime.plugins().tools(session.chatProfile)].map(([name, { tool }]) => ({
        name,
        description: tool.description,
        parameters: tool.parameters ?? { type: 'object', properties: {} },
      }));
    },
    async call(session, name, args) {
      const entry = session.runtime.plugins().tools(session.chatProfile).get(name);
      if (!entry) throw new Error(`no plugin defines the tool "${name}"`);
      return entry.tool.run(args);
    },
  };
}

const EMPTY_OBJECT = { type: 'object', properties: {} };

/**
 * The tools one session may use, from every source. Built per request: sources are asked
 * each time, so a reload or an MCP connection made mid-chat is seen on the next turn.
 */
export class ToolRegistry {
  private constructor(private readonly entries: Map<string, Entry>) {}

  /** Lists every source's tools; two sources offering one name is a CRT_TOOL_CONFLICT. */
  static async forSession(session: Session, sources: readonly ToolSource[] = [pluginToolSource(), mcpToolSource, ...registered]): Promise<ToolRegistry> {
    const entries = new Map<string, Entry>();
    for (const source of sources) {
      for (const spec of await source.list(session)) {
        const other = entries.get(spec.name);
        if (other) {
          throw new ChainlitRtError('CRT_TOOL_CONFLICT', `the tool "${spec.name}" is offered by both "${other.source.id}" and "${source.id}"; tool names must be unique: rename one of them`, { expose: true });
        }
        entries.set(spec.name, { source, spec });
      }
    }
    return new ToolRegistry(entries);
  }

  names(): string[] {
    return [...this.entries.keys()];
  }

  has(name: string): boolean {
    return this.entries.has(name);
  }

  /** OpenAI tool definitions; `only` keeps those names (an unknown name is an error, so a typo is loud). */
  definitions(only?: readonly string[]): OpenAITool[] {
    const names = only ?? this.names();
    const missing = names.filter((n) => !this.entries.has(n));
    if (missing.length > 0) {
      throw new ChainlitRtError('CRT_NOT_FOUND', `unknown tool${missing.length > 1 ? 's' : ''} ${missing.map((n) => `"${n}"`).join(', ')}; available: ${this.names().join(', ') || 'none'}`, { expose: true });
    }
    return names.map((name) => {
      const { spec } = this.entries.get(name)!;
      return { type: 'function', function: { name, description: spec.description, parameters: (spec.parameters ?? EMPTY_OBJECT) as Record<string, unknown> } };
    });
  }

  /**
   * Runs one call the model asked for, shown as a `tool` step with its input and output.
   * Bad JSON, arguments that fail the schema, an unknown tool or a throwing tool give an
   * error result the model reads (and the step shows as failed); only a stop propagates.
   */
  async call(session: Session, name: string, argsText: string, signal: AbortSignal): Promise<ToolResult> {
    const step = new Step({ name, type: 'tool', showInput: 'json' });
    const parsed = parseArgs(argsText);
    step.setInput(parsed.ok ? parsed.value : argsText);
    await step.send();
    let result: ToolResult;
    try {
      const value = await withCurrentStep(step, () => this.run(session, name, parsed, signal));
      step.setOutput(value ?? null);
      result = { content: typeof value === 'string' ? value : JSON.stringify(value ?? null), isError: false };
    } catch (err) {
      if (isCancellation(err) || signal.aborted) throw err;
      const message = err instanceof Error ? err.message : String(err);
      step.isError = true;
      step.output = message;
      result = { content: `Error: ${message}`, isError: true };
    }
    step.end = utcNow();
    await step.update();
    return result;
  }

  private async run(session: Session, name: string, parsed: ParsedArgs, signal: AbortSignal): Promise<unknown> {
    const entry = this.entries.get(name);
    if (!entry) throw new Error(`unknown tool "${name}"; available: ${this.names().join(', ') || 'none'}`);
    if (!parsed.ok) throw new Error(`the arguments are not valid JSON (${parsed.error})`);
    const validate = await validator(entry.spec.parameters ?? EMPTY_OBJECT);
    if (!validate(parsed.value)) {
      const problems = (validate.errors ?? []).map((e) => `${e.instancePath ? `${e.instancePath.slice(1).replace(/\//g, '.')} ` : ''}${e.message ?? 'is invalid'}`);
      throw new Error(`invalid arguments: ${problems.join('; ')}`);
    }
    return entry.source.call(session, name, parsed.value, signal);
  }
}

type ParsedArgs = { ok: true; value: Record<string, unknown> } | { ok: false; error: string };

function parseArgs(text: string): ParsedArgs {
  // Models send "" for a tool without parameters.
  if (text.trim() === '') return { ok: true, value: {} };
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return { ok: false, error: 'expected a JSON object' };
    return { ok: true, value: value as Record<string, unknown> };
  } catch (err) {
    return { ok: false, error: (err as Error).message };
  }
}

let ajv: Promise<Ajv> | undefined;
const compiled = new WeakMap<object, ValidateFunction>();

/** Compiled once per schema object; ajv loads with the first tool call. */
async function validator(schema: object): Promise<ValidateFunction> {
  let validate = compiled.get(schema);
  if (validate) return validate;
  ajv ??= import('ajv').then(({ Ajv }) => new Ajv({ allErrors: true, strict: false }));
  validate = (await ajv).compile(schema);
  compiled.set(schema, validate);
  return validate;
}
