import { ChainlitRtError } from '../errors.js';

/** One FastAPI-style request-validation problem (PROTOCOL.md §0: 422 envelope). */
export interface ValidationIssue {
  type: string;
  loc: (string | number)[];
  msg: string;
  input?: unknown;
  ctx?: Record<string, unknown>;
}

/** A 422 whose body is `{detail: [issue, ...]}`, the shape Chainlit clients know. */
export class RequestValidationError extends ChainlitRtError {
  readonly issues: readonly ValidationIssue[];
  constructor(issues: ValidationIssue[]) {
    super('CRT_BAD_PAYLOAD', issues.map((i) => `${i.loc.join('.')}: ${i.msg}`).join('; '), { expose: true, status: 422 });
    this.issues = issues;
  }
}

export function missing(loc: (string | number)[]): ValidationIssue {
  return { type: 'missing', loc, msg: 'Field required', input: null };
}

/** A required, non-empty string query parameter, or a 422. */
export function requireQuery(query: Record<string, string | string[] | undefined>, name: string): string {
  const value = query[name];
  const text = Array.isArray(value) ? value[0] : value;
  if (text === undefined || text === '') throw new RequestValidationError([missing(['query', name])]);
  return text;
}

export function optionalQuery(query: Record<string, string | string[] | undefined>, name: string): string | undefined {
  const value = query[name];
  const text = Array.isArray(value) ? value[0] : value;
  return text === undefined || text === '' ? undefined : text;
}

/** A required string field of a JSON body object, or a 422 naming it. */
export function requireBodyString(body: unknown, name: string): string {
  const value = isRecord(body) ? body[name] : undefined;
  if (value === undefined || value === null) throw new RequestValidationError([missing(['body', name])]);
  if (typeof value !== 'string') {
    throw new RequestValidationError([{ type: 'string_type', loc: ['body', name], msg: 'Input should be a valid string', input: value }]);
  }
  return value;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// Chainlit's language pattern: it also keeps the tag safe to use in file names.
export const LANGUAGE_PATTERN = /^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,4})?(-[a-zA-Z0-9]{2,8})?(-x-[a-zA-Z0-9]{1,8})?$/;

/** The `language` query parameter (default en-US), validated as Chainlit does. */
export function languageQuery(query: Record<string, string | string[] | undefined>): string {
  const language = optionalQuery(query, 'language') ?? 'en-US';
  if (!LANGUAGE_PATTERN.test(language)) {
    throw new RequestValidationError([{
      type: 'string_pattern_mismatch',
      loc: ['query', 'language'],
      msg: `String should match pattern '${LANGUAGE_PATTERN.source}'`,
      input: language,
      ctx: { pattern: LANGUAGE_PATTERN.source },
    }]);
  }
  return language;
}
