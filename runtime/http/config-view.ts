import path from 'node:path';
import type { AskSpec } from '../wire.js';

/** `features.spontaneous_file_upload` (PROTOCOL.md §5.12). */
export interface UploadSettings {
  enabled?: boolean;
  accept?: Extract<AskSpec, { type: 'file' }>['accept'];
  max_files?: number;
  max_size_mb?: number;
}

/**
 * The part of the resolved configuration (snake_case, as Chainlit's config.toml) that the
 * HTTP layer reads. Declared here as a structural view so the routes depend on the keys
 * they use, not on the whole generated config type.
 */
export interface ConfigView {
  ui: {
    name?: string;
    description?: string;
    language?: string | null;
    default_theme?: string | null;
    custom_css?: string | null;
    custom_css_attributes?: string | null;
    custom_js?: string | null;
    custom_js_attributes?: string | null;
    custom_meta_url?: string | null;
    custom_meta_image_url?: string | null;
    login_page_image?: string | null;
    login_page_image_filter?: string | null;
    login_page_image_dark_filter?: string | null;
  };
  features: {
    spontaneous_file_upload?: UploadSettings | null;
  };
  project: {
    allow_origins?: string[];
    transports?: string[] | null;
    user_env?: string[] | null;
    mask_user_env?: boolean | null;
  };
}

function section(cfg: unknown, key: string): Record<string, unknown> {
  const value = typeof cfg === 'object' && cfg !== null ? (cfg as Record<string, unknown>)[key] : undefined;
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
}

/** Views any resolved config object; absent sections read as empty. */
export function configView(cfg: unknown): ConfigView {
  return {
    ui: section(cfg, 'ui') as ConfigView['ui'],
    features: section(cfg, 'features') as ConfigView['features'],
    project: section(cfg, 'project') as ConfigView['project'],
  };
}

/** The folder served at /public: `server.public_dir` (resolved by the loader), else `<root>/public`. */
export function publicDir(manifest: { root: string; config: unknown }): string {
  const dir = section(manifest.config, 'server').public_dir;
  return typeof dir === 'string' && dir !== '' ? path.resolve(manifest.root, dir) : path.join(manifest.root, 'public');
}
