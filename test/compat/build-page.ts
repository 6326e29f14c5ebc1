import { join } from 'node:path';
import { build } from 'esbuild';
import { REPO } from '../support/server.js';

/** Where the fixture app serves the page: `<app>/public/compat/` is `/public/compat/`. */
export const PAGE_DIR = join(REPO, 'test', 'compat', 'fixtures', 'public', 'compat');

/**
 * Bundles the compat page (React, Recoil and the published @chainlit/react-client, straight
 * from node_modules) into the fixture app's public folder, so it is served from the
 * server's own origin and the default CORS policy applies unchanged.
 */
export async function buildCompatPage(): Promise<string> {
  const outfile = join(PAGE_DIR, 'app.js');
  await build({
    entryPoints: [join(REPO, 'test', 'compat', 'page', 'main.ts')],
    outfile,
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'chrome120',
    sourcemap: true,
    // React's production build; the development one only adds warnings nobody reads here.
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'silent',
  });
  return outfile;
}
