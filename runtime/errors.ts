/**
 * The catalogue of typed errors. Every code here is listed in docs/errors.md, and a test
 * checks that the two agree. `expose` says whether the message is safe to show to a user
 * (in a chat error message or an HTTP body); anything else is shown as a generic text and
 * logged with its id.
 */
export type ErrorCode =
  | 'CRT_MANIFEST_NOT_FOUND'
  | 'CRT_MANIFEST_INVALID'
  | 'CRT_NOT_AVAILABLE'
  | 'CRT_PLUGIN_NOT_FOUND'
  | 'CRT_PLUGIN_COMPILE'
  | 'CRT_PLUGIN_LOAD'
  | 'CRT_PLUGIN_CONFLICT'
  | 'CRT_HOOK_FAILED'
  | 'CRT_NO_CONTEXT'
  | 'CRT_TASK_CANCELLED'
  | 'CRT_ASK_TIMEOUT'
  | 'CRT_BAD_PAYLOAD'
  | 'CRT_SESSION_NOT_FOUND'
  | 'CRT_UNAUTHORIZED'
  | 'CRT_UPLOAD_REJECTED'
  | 'CRT_MCP_REFUSED'
  | 'CRT_NOT_FOUND'
  | 'CRT_SESSION_STORE'
  | 'CRT_CONFIG'
  | 'CRT_DATA_LAYER'
  | 'CRT_DATA_UNAVAILABLE'
  | 'CRT_PERSISTENCE_BACKLOG'
  | 'CRT_ELEMENT_PATH'
  | 'CRT_ELEMENT_INVALID'
  | 'CRT_TEST_SPEC_INVALID'
  | 'CRT_TEST_TURN'
  | 'CRT_TEST_TIMEOUT'
  | 'CRT_TOOL_CONFLICT';

export interface ErrorOptions {
  cause?: unknown;
  /** True when the message may be shown to end users as-is. */
  expose?: boolean;
  /** HTTP status when the error reaches the REST layer. */
  status?: number;
}

export class ChainlitRtError extends Error {
  readonly code: ErrorCode;
  readonly expose: boolean;
  readonly status: number;

  constructor(code: ErrorCode, message: string, options: ErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.expose = options.expose ?? false;
    this.status = options.status ?? 500;
  }
}

/** One problem found in a manifest, located in its file. */
export interface ManifestIssue {
  file: string;
  line: number;
  column: number;
  /** Dotted key path, e.g. `features.spontaneous_file_upload.max_files`. */
  path: string;
  message: string;
  /** Set when the problem is not a schema error: a key not available yet, a missing plugin file. */
  code?: ManifestIssueCode;
}

export type ManifestIssueCode = 'CRT_NOT_AVAILABLE' | 'CRT_PLUGIN_NOT_FOUND';

const HEADINGS: Partial<Record<ErrorCode, string>> = {
  CRT_MANIFEST_INVALID: 'Invalid manifest',
  CRT_NOT_AVAILABLE: 'The manifest uses what this version does not have',
  CRT_PLUGIN_NOT_FOUND: 'Plugin not found',
};

/** `file:line:column key.path: [CODE: ]message`, the one line a person reads per issue. */
export function formatIssue(i: ManifestIssue): string {
  return `${i.file}:${i.line}:${i.column} ${i.path || '(root)'}: ${i.code ? `${i.code}: ` : ''}${i.message}`;
}

/**
 * Problems found in a manifest, each located in its file. Its code is the issues' own code
 * when they all share one (e.g. CRT_NOT_AVAILABLE), else CRT_MANIFEST_INVALID.
 */
export class ManifestError extends ChainlitRtError {
  readonly issues: readonly ManifestIssue[];
  constructor(issues: ManifestIssue[], options: ErrorOptions = {}) {
    let code: ErrorCode = 'CRT_MANIFEST_INVALID';
    const codes = new Set(issues.map((i) => i.code));
    const only = [...codes][0];
    if (codes.size === 1 && only) code = only;
    super(code, `${HEADINGS[code] ?? 'Invalid manifest'}:\n  ${issues.map(formatIssue).join('\n  ')}`, { expose: true, ...options });
    this.issues = issues;
  }
}

export class PluginError extends ChainlitRtError {
  /** Absolute path of the plugin source that failed. */
  readonly file: string;
  readonly line?: number;
  constructor(code: 'CRT_PLUGIN_COMPILE' | 'CRT_PLUGIN_LOAD' | 'CRT_PLUGIN_CONFLICT', file: string, message: string, options: ErrorOptions & { line?: number } = {}) {
    super(code, message, { expose: true, ...options });
    this.file = file;
    this.line = options.line;
  }
}

/** Raised inside a stopped task by SDK calls; the runtime swallows it. */
export class TaskCancelledError extends ChainlitRtError {
  constructor() {
    super('CRT_TASK_CANCELLED', 'The task was stopped.', { expose: true });
  }
}

/** Raised by Ask* messages with `raiseOnTimeout: true`. */
export class AskTimeoutError extends ChainlitRtError {
  constructor(seconds: number) {
    super('CRT_ASK_TIMEOUT', `No answer within ${seconds} s.`, { expose: true });
  }
}

/** A REST error with a status and a `detail` text that is safe to show. */
export class HttpError extends ChainlitRtError {
  constructor(status: number, detail: string, code: ErrorCode = 'CRT_NOT_FOUND') {
    super(code, detail, { expose: true, status });
  }
}

export function isCancellation(err: unknown): boolean {
  // By code, not class: a second copy of the SDK (a plugin that bundled its own) must still count.
  return (err instanceof Error && (err as { code?: unknown }).code === 'CRT_TASK_CANCELLED') || (err instanceof Error && err.name === 'AbortError');
}
