import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import Router from '@koa/router';
import { HttpError } from '../../errors.js';
import type { RuntimeServices } from '../../services.js';
import type { SessionHandle } from '../../session/types.js';
import { setFileHeaders } from '../file-headers.js';
import { servePersistedElement } from '../persisted-element.js';
import { sendJson } from '../respond.js';
import { requireOwnedSession } from '../session-access.js';
import { receiveSingleFile, type UploadRules } from '../upload.js';
import { RequestValidationError, missing, optionalQuery, requireQuery } from '../validation.js';

const MB = 1024 * 1024;

/**
 * POST /project/file and GET /project/file/:file_id (PROTOCOL.md §4.7); the same GET with
 * `thread_id` instead of `session_id` serves a persisted element (../persisted-element.ts).
 */
export function filesRouter(services: RuntimeServices): Router {
  const router = new Router();

  router.post('/project/file', async (ctx) => {
    const sessionId = requireQuery(ctx.query, 'session_id');
    const askParentId = optionalQuery(ctx.query, 'ask_parent_id');
    const session = await requireOwnedSession(ctx, services, sessionId, 'Session not found');
    // Everything that can be decided from the query is decided before reading the body.
    const rules = uploadRules(services, session, askParentId);
    // A JSON or form body was already consumed by the body parser; formidable would wait forever.
    if (!ctx.is('multipart/form-data')) throw new RequestValidationError([missing(['body', 'file'])]);
    const received = await receiveSingleFile(ctx.req, rules);
    try {
      const id = randomUUID();
      const stored = await services.storage.put(session.id, id, createReadStream(received.tempPath), { name: received.name, mime: received.mime });
      session.files.set(id, { id, name: received.name, path: stored.path, size: stored.size, type: received.mime });
      if (askParentId !== undefined) session.fileSpecUploads.set(askParentId, (session.fileSpecUploads.get(askParentId) ?? 0) + 1);
      sendJson(ctx, { id });
    } finally {
      await rm(received.tempPath, { force: true });
    }
  });

  router.get('/project/file/:file_id', async (ctx) => {
    const threadId = optionalQuery(ctx.query, 'thread_id');
    if (threadId !== undefined && optionalQuery(ctx.query, 'session_id') === undefined) {
      return servePersistedElement(ctx, services, ctx.params.file_id ?? '', threadId);
    }
    const sessionId = requireQuery(ctx.query, 'session_id');
    // Chainlit answers 401 for an unknown session here; a 404 like every other miss tells nothing.
    const session = await requireOwnedSession(ctx, services, sessionId, 'File not found');
    const record = session.files.get(ctx.params.file_id ?? '');
    if (!record) throw new HttpError(404, 'File not found');
    ctx.body = await services.storage.read(record.path);
    // A file id always names the same bytes (changed element content gets a new id).
    setFileHeaders(ctx, { mime: record.type, name: record.name, size: record.size, cacheControl: 'private, max-age=31536000, immutable' });
  });

  return router;
}

/** The ask spec's limits, or the spontaneous-upload settings of the session's profile. */
function uploadRules(services: RuntimeServices, session: SessionHandle, askParentId: string | undefined): UploadRules {
  if (askParentId !== undefined) {
    const spec = session.fileSpecs.get(askParentId);
    if (!spec) throw new HttpError(404, 'Parent message not found');
    if ((session.fileSpecUploads.get(askParentId) ?? 0) >= spec.max_files) {
      throw new HttpError(400, `Too many files: this question takes at most ${spec.max_files}`, 'CRT_UPLOAD_REJECTED');
    }
    return { accept: spec.accept, maxBytes: spec.max_size_mb * MB };
  }
  const settings = services.manifest().effective(session.chatProfile ?? undefined).features.spontaneous_file_upload;
  if (settings === undefined || settings === null) return {};
  if (settings.enabled === false) throw new HttpError(400, 'File upload is not enabled', 'CRT_UPLOAD_REJECTED');
  return {
    accept: settings.accept,
    maxBytes: typeof settings.max_size_mb === 'number' ? settings.max_size_mb * MB : undefined,
  };
}
