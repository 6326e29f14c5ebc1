import path from 'node:path';
import Router from '@koa/router';
import type { RuntimeServices } from '../../services.js';
import { PACKAGE_ROOT } from '../../paths.js';
import { sendJson } from '../respond.js';
import { loadTranslation } from '../translations.js';
import { LANGUAGE_PATTERN, languageQuery } from '../validation.js';

/** The effective language: a valid `ui.language` wins over the query (PROTOCOL.md §4.4). */
export function effectiveLanguage(configured: string | null | undefined, requested: string): string {
  return configured && LANGUAGE_PATTERN.test(configured) ? configured : requested;
}

/**
 * GET /project/translations. Content-Language names the catalogue actually served (after
 * `ui.language` and the fallbacks), so the UI can set `lang`/`dir` for the language its
 * texts are in; Chainlit clients ignore the header.
 */
export function translationsRouter(services: RuntimeServices): Router {
  const router = new Router();
  router.get('/project/translations', async (ctx) => {
    const requested = languageQuery(ctx.query);
    const manifest = services.manifest();
    const language = effectiveLanguage(manifest.config.ui.language, requested);
    const folders = [path.join(manifest.root, 'translations'), path.join(PACKAGE_ROOT, 'translations')];
    const loaded = await loadTranslation(folders, language);
    if (loaded.language && LANGUAGE_PATTERN.test(loaded.language)) ctx.set('Content-Language', loaded.language);
    sendJson(ctx, { translation: loaded.translation });
  });
  return router;
}
