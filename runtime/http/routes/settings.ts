import { readFile } from 'node:fs/promises';
import path from 'node:path';
import Router from '@koa/router';
import { ChainlitRtError } from '../../errors.js';
import { clientConfig, type LoadedManifest } from '../../manifest/index.js';
import type { PluginRegistry } from '../../plugins/registry.js';
import type { HookName } from '../../sdk/plugin.js';
import type { RuntimeServices } from '../../services.js';
import type { ChatProfileDict, StarterCategoryDict, StarterDict, UserDict } from '../../wire.js';
import { sendJson } from '../respond.js';
import { languageQuery, optionalQuery } from '../validation.js';
import { toChatProfiles, toStarterCategories, toStarters } from '../wire-convert.js';
import { effectiveLanguage } from './translations.js';

/** GET /project/settings (PROTOCOL.md §4.4). */
export function settingsRouter(services: RuntimeServices): Router {
  const router = new Router();

  router.get('/project/settings', async (ctx) => {
    const requested = languageQuery(ctx.query);
    const profile = optionalQuery(ctx.query, 'chat_profile') ?? null;
    const manifest = services.manifest();
    const registry = services.plugins();
    const user = await services.currentUser(ctx.headers);
    const effective = manifest.effective(profile);
    const view = effective;
    const language = effectiveLanguage(view.ui.language, requested);

    const chatProfiles = await profilesFor(manifest, registry, user, language);
    const current = chatProfiles.find((p) => p.name === profile);
    const { ui, features } = clientConfig(effective);
    sendJson(ctx, {
      ui,
      features,
      userEnv: view.project.user_env ?? null,
      maskUserEnv: view.project.mask_user_env ?? null,
      dataPersistence: services.dataLayer !== null,
      threadResumable: registry.has('onChatResume', profile),
      // Chainlit also requires its on_shared_thread_view callback; here sharing works without one.
      threadSharing: services.dataLayer !== null && effective.features.allow_thread_sharing === true,
      markdown: await readMarkdown(manifest.root, language),
      chatProfiles,
      starters: await startersFor(manifest, registry, current, user, language, profile),
      starterCategories: await categoriesFor(manifest, registry, user, language, profile),
      debugUrl: null,
    });
  });

  return router;
}

async function profilesFor(manifest: LoadedManifest, registry: PluginRegistry, user: UserDict | null, language: string): Promise<ChatProfileDict[]> {
  const hook = registry.handlers('setChatProfiles')[0];
  if (hook) return toChatProfiles(await callHook('setChatProfiles', hook.plugin.id, () => hook.fn(user, language)));
  return toChatProfiles(manifest.config.profiles);
}

// Chainlit's order: the selected profile's starters, then the app's computed ones.
async function startersFor(
  manifest: LoadedManifest,
  registry: PluginRegistry,
  current: ChatProfileDict | undefined,
  user: UserDict | null,
  language: string,
  profile: string | null,
): Promise<StarterDict[]> {
  if (current?.starters && current.starters.length > 0) return current.starters;
  const hook = registry.handlers('setStarters', profile)[0];
  if (hook) {
    const computed = toStarters(await callHook('setStarters', hook.plugin.id, () => hook.fn(user, language)));
    if (computed.length > MAX_STARTERS) {
      hook.plugin.logger.warn({ count: computed.length }, `setStarters returned ${computed.length} starters; the UI shows at most ${MAX_STARTERS}, the rest are dropped`);
    }
    return computed.slice(0, MAX_STARTERS);
  }
  return toStarters(manifest.config.starters);
}

/** What the web UI lays out; the manifest schema has the same maxItems. */
const MAX_STARTERS = 8;

async function categoriesFor(
  manifest: LoadedManifest,
  registry: PluginRegistry,
  user: UserDict | null,
  language: string,
  profile: string | null,
): Promise<StarterCategoryDict[]> {
  const hook = registry.handlers('setStarterCategories', profile)[0];
  if (hook) {
    return toStarterCategories(await callHook('setStarterCategories', hook.plugin.id, () => hook.fn(user, language, profile)));
  }
  return toStarterCategories(manifest.config.starter_categories);
}

/** Runs a hook; an unexpected failure becomes a coded, unexposed error naming the plugin. */
async function callHook(hook: HookName, pluginId: string, run: () => unknown): Promise<unknown> {
  try {
    return await run();
  } catch (err) {
    if (err instanceof ChainlitRtError && err.expose) throw err;
    throw new ChainlitRtError('CRT_HOOK_FAILED', `${hook} of plugin "${pluginId}" failed`, { cause: err });
  }
}

/** `chainlit_<lang>.md`, else `chainlit.md`, in the app root; null when neither exists. */
async function readMarkdown(root: string, language: string): Promise<string | null> {
  for (const name of [`chainlit_${language}.md`, 'chainlit.md']) {
    try {
      return await readFile(path.join(root, name), 'utf8');
    } catch {
      // try the next name
    }
  }
  return null;
}
