/**
 * The openai-chat plugin's manifest options: their JSON Schema (checked by the plugin
 * loader, defaults applied), their type, and how a request's effective settings are made
 * from them, the chat profile's overrides and the bound chat settings.
 */

/** Settings a chat profile may override and a chat settings widget may bind. */
export const TUNABLE = ['model', 'system_prompt', 'temperature', 'max_tokens', 'top_p', 'frequency_penalty', 'presence_penalty', 'seed', 'stop', 'tools'] as const;
export type Tunable = (typeof TUNABLE)[number];

export type Tunables = {
  model: string;
  system_prompt?: string;
  temperature?: number;
  max_tokens?: number;
  top_p?: number;
  frequency_penalty?: number;
  presence_penalty?: number;
  seed?: number;
  stop?: string | string[];
  /** Names of the tools the model may call; omitted: every tool of the session. */
  tools?: string[];
};

export type RetryOptions = {
  max_retries: number;
  initial_delay_ms: number;
  max_delay_ms: number;
};

export type OpenAIChatOptions = Tunables & {
  base_url: string;
  api_key_env: string;
  /** Extra request body fields, sent as is (e.g. `reasoning_effort`, `response_format`). */
  extra_body?: Record<string, unknown>;
  headers?: Record<string, string>;
  stream: boolean;
  include_usage: boolean;
  max_tool_rounds: number;
  timeout_ms: number;
  retry: RetryOptions;
  author?: string;
  /** Option → chat settings widget id whose value overrides it. */
  settings: Partial<Record<Tunable, string>>;
  /** Chat profile name → options that replace these for sessions on that profile. */
  profiles: Record<string, Partial<Tunables>>;
};

const tunableProperties = {
  model: { type: 'string', minLength: 1, description: 'Model name, e.g. gpt-4o-mini, llama3.1.' },
  system_prompt: { type: 'string', description: 'Sent first as the system message.' },
  temperature: { type: 'number', minimum: 0, maximum: 2 },
  max_tokens: { type: 'integer', minimum: 1 },
  top_p: { type: 'number', minimum: 0, maximum: 1 },
  frequency_penalty: { type: 'number', minimum: -2, maximum: 2 },
  presence_penalty: { type: 'number', minimum: -2, maximum: 2 },
  seed: { type: 'integer' },
  stop: { anyOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' }, maxItems: 4 }] },
  tools: { type: 'array', items: { type: 'string', minLength: 1 }, uniqueItems: true, description: 'Tool names the model may call (default: all).' },
} as const;

export const optionsSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['model'],
  properties: {
    ...tunableProperties,
    base_url: { type: 'string', minLength: 1, default: 'https://api.openai.com/v1' },
    api_key_env: { type: 'string', pattern: '^[A-Za-z_][A-Za-z0-9_]*$', default: 'OPENAI_API_KEY' },
    extra_body: { type: 'object' },
    headers: { type: 'object', additionalProperties: { type: 'string' } },
    stream: { type: 'boolean', default: true },
    include_usage: { type: 'boolean', default: true },
    max_tool_rounds: { type: 'integer', minimum: 1, default: 10 },
    timeout_ms: { type: 'integer', minimum: 1, default: 600_000 },
    retry: {
      type: 'object',
      additionalProperties: false,
      default: {},
      properties: {
        max_retries: { type: 'integer', minimum: 0, default: 3 },
        initial_delay_ms: { type: 'integer', minimum: 0, default: 1000 },
        max_delay_ms: { type: 'integer', minimum: 0, default: 30_000 },
      },
    },
    author: { type: 'string', minLength: 1 },
    settings: {
      type: 'object',
      default: {},
      propertyNames: { enum: [...TUNABLE] },
      additionalProperties: { type: 'string', minLength: 1 },
    },
    profiles: {
      type: 'object',
      default: {},
      additionalProperties: { type: 'object', additionalProperties: false, properties: tunableProperties },
    },
  },
} as const;

const NUMERIC: ReadonlySet<Tunable> = new Set(['temperature', 'max_tokens', 'top_p', 'frequency_penalty', 'presence_penalty', 'seed']);

/**
 * The settings of one request: the options, then the profile's overrides, then each bound
 * chat setting that has a value (an empty text or list leaves the option as it is).
 */
export function effectiveSettings(options: OpenAIChatOptions, profile: string | null | undefined, chatSettings: Record<string, unknown>): OpenAIChatOptions {
  const merged: OpenAIChatOptions = { ...options, ...(profile != null ? options.profiles[profile] : undefined) };
  const bound = merged as unknown as Record<string, unknown>;
  for (const [key, id] of Object.entries(options.settings) as Array<[Tunable, string]>) {
    const value = chatSettings[id];
    if (value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0 && key !== 'tools')) continue;
    if (NUMERIC.has(key)) {
      const number = Number(value);
      if (Number.isFinite(number)) bound[key] = key === 'max_tokens' || key === 'seed' ? Math.round(number) : number;
    } else {
      bound[key] = value;
    }
  }
  return merged;
}
