import { stat } from 'node:fs/promises';
import Router from '@koa/router';
import type { Context } from 'koa';
import { contextFor, runInContext } from '../../context.js';
import { CustomElementCompiler } from '../../elements/custom-compile.js';
import { elementSourceCandidates } from '../../elements/custom-source.js';
import { ElementTailwind } from '../../elements/tailwind.js';
import { HttpError } from '../../errors.js';
import { CustomElement } from '../../sdk/elements/custom.js';
import type { RuntimeServices } from '../../services.js';
import { Session } from '../../session/session.js';
import type { ElementDisplay } from '../../wire.js';
import { publicDir } from '../public-dir.js';
import { sendJson } from '../respond.js';
import { requireOwnedSession } from '../session-access.js';
import { RequestValidationError, isRecord, missing, requireBodyString } from '../validation.js';

/** The fields of a client-sent element that Chainlit rebuilds a custom element from (§4.6). */
interface ClientElement {
  id: string;
  type: string;
  name: string;
  display: ElementDisplay;
  forId: string | null;
  props: Record<string, unknown>;
}

const DISPLAYS = new Set<ElementDisplay>(['inline', 'side', 'page']);

function parseElement(value: unknown): ClientElement {
  if (!isRecord(value)) throw new RequestValidationError([missing(['body', 'element'])]);
  for (const key of ['id', 'type', 'name']) {
    if (typeof value[key] !== 'string' || value[key] === '') throw new RequestValidationError([missing(['body', 'element', key])]);
  }
  const display = value.display as ElementDisplay;
  return {
    id: value.id as string,
    type: value.type as string,
    name: value.name as string,
    display: DISPLAYS.has(display) ? display : 'inline',
    forId: typeof value.forId === 'string' ? value.forId : null,
    props: isRecord(value.props) ? value.props : {},
  };
}

async function isFile(file: string): Promise<boolean> {
  return stat(file).then((s) => s.isFile(), () => false);
}

/**
 * PUT/DELETE /project/element (PROTOCOL.md §4.6: custom elements changed from the browser)
 * and GET /elements/<name>.js, the compiled module of a custom element (docs/elements.md).
 */
export function elementsRouter(services: RuntimeServices): Router {
  const router = new Router();
  const compilers = new Map<string, CustomElementCompiler>();

  async function target(ctx: Context): Promise<{ session: Session; element: ClientElement }> {
    const body: unknown = ctx.request.body;
    const sessionId = requireBodyString(body, 'sessionId');
    const element = parseElement(isRecord(body) ? body.element : undefined);
    const session = await requireOwnedSession(ctx, services, sessionId, 'Session not found');
    // Every live session of this process is a Session; anything else cannot be emitted to.
    if (!(session instanceof Session)) throw new HttpError(404, 'Session not found', 'CRT_SESSION_NOT_FOUND');
    return { session, element };
  }

  router.put('/project/element', async (ctx) => {
    const { session, element } = await target(ctx);
    if (element.type !== 'custom') return sendJson(ctx, { success: false });
    await runInContext(contextFor(session), async () => {
      const rebuilt = new CustomElement({ id: element.id, name: element.name, props: element.props, display: element.display, forId: element.forId ?? undefined });
      await rebuilt.send();
    });
    sendJson(ctx, { success: true });
  });

  router.delete('/project/element', async (ctx) => {
    const { session, element } = await target(ctx);
    if (element.type !== 'custom') return sendJson(ctx, { success: false });
    session.emitter.removeElement(element.id);
    sendJson(ctx, { success: true });
  });

  const tailwind = new Map<string, ElementTailwind>();
  // The Tailwind CSS for custom elements (runtime/elements/tailwind.ts); before `:file`.
  router.get('/elements/tailwind.css', async (ctx) => {
    const manifest = services.manifest();
    let compiler = tailwind.get(manifest.root);
    if (!compiler) tailwind.set(manifest.root, (compiler = new ElementTailwind()));
    const { css, hash } = await compiler.css({ declared: manifest.config.elements ?? {}, publicDir: publicDir(manifest) });
    const etag = `"${hash.slice(0, 32)}"`;
    ctx.set('ETag', etag);
    ctx.set('Cache-Control', 'no-cache');
    if (ctx.get('If-None-Match') === etag) {
      ctx.status = 304;
      return;
    }
    ctx.type = 'text/css; charset=utf-8';
    ctx.body = css;
  });

  router.get('/elements/:file', async (ctx) => {
    const file = ctx.params.file ?? '';
    if (!file.endsWith('.js')) throw new HttpError(404, 'Element not found');
    const name = file.slice(0, -'.js'.length);
    const manifest = services.manifest();
    const candidates = elementSourceCandidates(name, { declared: manifest.config.elements ?? {}, publicDir: publicDir(manifest) });
    let source: string | undefined;
    for (const candidate of candidates) {
      if (await isFile(candidate)) {
        source = candidate;
        break;
      }
    }
    if (!source) throw new HttpError(404, `Custom element "${name}" not found`);
    let compiler = compilers.get(manifest.root);
    if (!compiler) compilers.set(manifest.root, (compiler = new CustomElementCompiler(manifest.root)));
    const compiled = await compiler.compile(name, source);
    const etag = `"${compiled.hash.slice(0, 32)}"`;
    ctx.set('ETag', etag);
    // Revalidate every time: an edited JSX file must show on the next render.
    ctx.set('Cache-Control', 'no-cache');
    ctx.set('X-Content-Type-Options', 'nosniff');
    if (ctx.get('If-None-Match') === etag) {
      ctx.status = 304;
      return;
    }
    ctx.type = 'text/javascript; charset=utf-8';
    ctx.body = compiled.code;
  });

  // Anything deeper (`/elements/../x`, `/elements/a/b.js`) is no element: answer here, not with the SPA page.
  router.get('/elements/*rest', () => {
    throw new HttpError(400, 'Invalid element name', 'CRT_BAD_PAYLOAD');
  });

  return router;
}
