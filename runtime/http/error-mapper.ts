import { randomUUID } from 'node:crypto';
import type { Context, Next } from 'koa';
import { ChainlitRtError } from '../errors.js';
import type { Logger } from '../log.js';
import { sendJson } from './respond.js';
import { RequestValidationError, type ValidationIssue } from './validation.js';

interface StatusError {
  status?: number;
  statusCode?: number;
  expose?: boolean;
  type?: string;
  message?: string;
}

/**
 * Turns any thrown value into Chainlit's `{detail}` envelope. Only errors marked safe
 * (`expose`) show their message; everything else becomes a generic 500 whose id is in
 * the log line, so operators can find the cause without the client seeing internals.
 */
export function errorMapper(logger: Logger) {
  return async function mapErrors(ctx: Context, next: Next): Promise<void> {
    try {
      await next();
    } catch (err) {
      respondWithError(ctx, err, logger);
    }
  };
}

export function respondWithError(ctx: Context, err: unknown, logger: Logger): void {
  if (err instanceof RequestValidationError) {
    sendJson(ctx, { detail: err.issues }, 422);
    return;
  }
  if (err instanceof ChainlitRtError && err.expose) {
    sendJson(ctx, { detail: err.message }, err.status);
    return;
  }
  const bodyIssue = bodyParseIssue(err);
  if (bodyIssue) {
    sendJson(ctx, { detail: [bodyIssue] }, 422);
    return;
  }
  // Koa/http-errors (e.g. 413 from the body parser) mark client errors as exposable.
  const status = statusOf(err);
  if (!(err instanceof ChainlitRtError) && status !== undefined && status >= 400 && status < 500 && (err as StatusError).expose) {
    sendJson(ctx, { detail: (err as StatusError).message ?? 'Bad request' }, status);
    return;
  }
  const errorId = randomUUID();
  logger.error({ err, errorId, requestId: ctx.state.requestId, method: ctx.method, url: ctx.originalUrl }, 'request failed');
  sendJson(ctx, { detail: `Internal server error (id ${errorId})` }, 500);
}

function statusOf(err: unknown): number | undefined {
  if (typeof err !== 'object' || err === null) return undefined;
  const e = err as StatusError;
  return e.status ?? e.statusCode;
}

// co-body reports malformed JSON as a 400 SyntaxError; FastAPI answers 422 json_invalid.
function bodyParseIssue(err: unknown): ValidationIssue | undefined {
  if (!(err instanceof Error)) return undefined;
  const e = err as Error & StatusError & { body?: string };
  const isJsonFailure = e.name === 'SyntaxError' || /invalid JSON/i.test(e.message);
  if (!isJsonFailure || statusOf(err) !== 400) return undefined;
  return { type: 'json_invalid', loc: ['body'], msg: 'JSON decode error', input: {}, ctx: { error: e.message } };
}
