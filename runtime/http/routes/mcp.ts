import Router from '@koa/router';
import { HttpError } from '../../errors.js';
import type { McpConnectRequest } from '../../integrations/mcp/service.js';
import type { RuntimeServices } from '../../services.js';
import { sendJson } from '../respond.js';
import { requireOwnedSession } from '../session-access.js';
import { RequestValidationError, isRecord, requireBodyString } from '../validation.js';

const CLIENT_TYPES = ['stdio', 'sse', 'streamable-http'] as const;

/** Headers given by the client for an HTTP transport: string values only, else a 422. */
function headersOf(body: Record<string, unknown>): Record<string, string> {
  const value = body.headers;
  if (value === undefined || value === null) return {};
  const invalid = () => new RequestValidationError([{ type: 'dict_type', loc: ['body', 'headers'], msg: 'Input should be an object of strings', input: value }]);
  if (!isRecord(value)) throw invalid();
  const headers: Record<string, string> = {};
  for (const [key, v] of Object.entries(value)) {
    if (typeof v !== 'string') throw invalid();
    headers[key] = v;
  }
  return headers;
}

/** The body of POST /mcp, validated before anything else (an unknown clientType is a 422). */
function parseConnect(body: unknown): { sessionId: string; request: McpConnectRequest } {
  const sessionId = requireBodyString(body, 'sessionId');
  const clientType = requireBodyString(body, 'clientType');
  if (!(CLIENT_TYPES as readonly string[]).includes(clientType)) {
    throw new RequestValidationError([{ type: 'literal_error', loc: ['body', 'clientType'], msg: `Input should be ${CLIENT_TYPES.map((t) => `'${t}'`).join(', ')}`, input: clientType }]);
  }
  const name = requireBodyString(body, 'name');
  if (name.trim() === '') throw new HttpError(400, 'The MCP server needs a name', 'CRT_MCP_REFUSED');
  const record = body as Record<string, unknown>;
  if (clientType === 'stdio') return { sessionId, request: { name, clientType, fullCommand: requireBodyString(body, 'fullCommand') } };
  return { sessionId, request: { name, clientType: clientType as 'sse' | 'streamable-http', url: requireBodyString(body, 'url'), headers: headersOf(record) } };
}

/**
 * POST and DELETE /mcp (PROTOCOL.md §4.8): connect a server to the caller's session, or
 * disconnect it. Someone else's session answers 404 like a missing one (session-access.ts).
 */
export function mcpRouter(services: RuntimeServices): Router {
  const router = new Router();

  router.post('/mcp', async (ctx) => {
    const { sessionId, request } = parseConnect(ctx.request.body);
    await requireOwnedSession(ctx, services, sessionId, 'Session not found');
    if (!services.mcp) throw new HttpError(404, 'Session not found', 'CRT_SESSION_NOT_FOUND');
    const mcp = await services.mcp.connect(sessionId, request);
    sendJson(ctx, { success: true, mcp });
  });

  router.delete('/mcp', async (ctx) => {
    const body: unknown = ctx.request.body;
    const sessionId = requireBodyString(body, 'sessionId');
    const name = requireBodyString(body, 'name');
    await requireOwnedSession(ctx, services, sessionId, 'Session not found');
    if (!services.mcp) throw new HttpError(404, 'Session not found', 'CRT_SESSION_NOT_FOUND');
    await services.mcp.disconnect(sessionId, name);
    sendJson(ctx, { success: true });
  });

  return router;
}
