import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { LoadedManifest } from '../manifest/index.js';
import { publicDir } from './public-dir.js';
import type { Manifest } from '../manifest/index.js';
import { escapeHtml, scriptJson } from './escape.js';

/** What `<app>/public/theme.json` may hold (PROTOCOL.md §4.10). */
interface ThemeFile {
  variables?: Record<string, unknown>;
  custom_fonts?: unknown;
}

const TAGS = '<!-- TAG INJECTION PLACEHOLDER -->';
const JS = '<!-- JS INJECTION PLACEHOLDER -->';
const CSS = '<!-- CSS INJECTION PLACEHOLDER -->';
const FONTS = /<!-- FONT START -->[\s\S]*?<!-- FONT END -->/;

// Served when ui-dist has not been built. It keeps the injection points so the metas
// (og:root_path above all) are there for any client that reads them.
const PLACEHOLDER = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="UTF-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1.0" />
    ${TAGS}
    ${CSS}
  </head>
  <body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 4rem auto; line-height: 1.5">
    <h1>The web UI is not built</h1>
    <p>The chainlit-rt server is running, but <code>ui-dist/index.html</code> was not found.
    Build the UI from the chainlit-rt folder with <code>npm run build</code>, then reload this page.</p>
    <p>The REST API and the Socket.IO endpoint work without it.</p>
    ${JS}
  </body>
</html>
`;

/** Applies every §4.10 rewrite to an index.html template. Pure, so it is easy to reason about. */
export function renderHtml(template: string, cfg: Readonly<Manifest>, theme: ThemeFile | undefined, rootPath: string): string {
  const ui = cfg.ui;
  const name = ui.name ?? 'Assistant';
  const description = ui.description ?? '';
  const tags = [
    `<title>${escapeHtml(name)}</title>`,
    `<link rel="icon" href="/favicon" />`,
    `<meta name="description" content="${escapeHtml(description)}" />`,
    `<meta property="og:type" content="website" />`,
    `<meta property="og:title" content="${escapeHtml(name)}" />`,
    `<meta property="og:description" content="${escapeHtml(description)}" />`,
    `<meta property="og:image" content="${escapeHtml(ui.custom_meta_image_url ?? `${rootPath}/logo?theme=light`)}" />`,
    `<meta property="og:url" content="${escapeHtml(ui.custom_meta_url ?? `${rootPath}/`)}" />`,
    `<meta property="og:root_path" content="${escapeHtml(rootPath)}" />`,
  ].join('\n    ');

  const globals: string[] = [];
  if (theme?.variables && typeof theme.variables === 'object') globals.push(`window.theme = ${scriptJson(theme.variables)};`);
  if (cfg.project.transports) globals.push(`window.transports = ${scriptJson(cfg.project.transports)};`);
  let js = globals.length ? `<script>\n      ${globals.join('\n      ')}\n    </script>` : '';
  if (ui.custom_js) {
    // Attributes are the developer's own markup (`defer`, `type="module"`), inserted as written.
    js += `\n    <script src="${escapeHtml(ui.custom_js)}" ${ui.custom_js_attributes ?? 'defer'}></script>`;
  }
  const css = ui.custom_css
    ? `<link rel="stylesheet" type="text/css" href="${escapeHtml(ui.custom_css)}" ${ui.custom_css_attributes ?? ''}>`
    : '';

  let html = template.replace(TAGS, () => tags).replace(JS, () => js).replace(CSS, () => css);
  if (theme && Array.isArray(theme.custom_fonts)) {
    const links = theme.custom_fonts
      .filter((u): u is string => typeof u === 'string')
      .map((u) => `<link rel="stylesheet" href="${escapeHtml(u)}" />`)
      .join('\n    ');
    html = html.replace(FONTS, () => links);
  }
  if (rootPath) {
    // Protocol-relative URLs (`//cdn…`) point off-site and must stay untouched.
    html = html.replace(/\b(href|src)="\/(?!\/)/g, (_m, attr: string) => `${attr}="${rootPath}/`);
  }
  return html;
}

async function readTheme(folder: string): Promise<ThemeFile | undefined> {
  try {
    const parsed: unknown = JSON.parse(await readFile(path.join(folder, 'theme.json'), 'utf8'));
    return typeof parsed === 'object' && parsed !== null ? (parsed as ThemeFile) : undefined;
  } catch {
    return undefined;
  }
}

interface CacheEntry {
  templateVersion: number;
  html: string;
}

/**
 * Renders the SPA page once per manifest object (hot reload produces a new object) and per
 * version of the UI folder's index.html, so a rebuild of the UI is picked up without a
 * restart. `uiFolder` gives that folder for a manifest (ui-dist, or `ui.custom_build`).
 */
export function createHtmlRenderer(uiFolder: (manifest: LoadedManifest) => string, rootPath: string): (manifest: LoadedManifest) => Promise<string> {
  const cache = new WeakMap<LoadedManifest, CacheEntry>();
  return async (manifest) => {
    const indexFile = path.join(uiFolder(manifest), 'index.html');
    const info = await stat(indexFile).catch(() => undefined);
    const templateVersion = info?.isFile() ? info.mtimeMs : -1;
    const hit = cache.get(manifest);
    if (hit && hit.templateVersion === templateVersion) return hit.html;
    const template = templateVersion >= 0 ? await readFile(indexFile, 'utf8') : PLACEHOLDER;
    const html = renderHtml(template, manifest.config, await readTheme(publicDir(manifest)), rootPath);
    cache.set(manifest, { templateVersion, html });
    return html;
  };
}
