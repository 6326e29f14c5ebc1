/**
 * Builds the web UI from ui/ into ui-dist/ with esbuild: ESM with code splitting, so the
 * heavy parts (KaTeX, highlight.js languages, the full lucide icon set) are lazy chunks.
 * Entry names are stable (assets/index.js, assets/index.css, assets/katex.css) because
 * index.html and the runtime refer to them; chunks carry a content hash.
 *
 *   npx tsx ui/build.ts [--watch] [--outdir DIR] [--no-minify]
 */
import { build, context, type BuildOptions } from 'esbuild';
import { copyFile, mkdir, readFile, readdir, rm, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { copilotLoaderOptions, copilotModuleOptions } from './build-copilot.js';

const uiDir = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);

export interface BuildUiOptions {
  outdir: string;
  minify?: boolean;
}

function esbuildOptions(outdir: string, minify: boolean): BuildOptions {
  return {
    entryPoints: {
      index: path.join(uiDir, 'src/main.tsx'),
      katex: require.resolve('katex/dist/katex.min.css'),
      fonts: path.join(uiDir, 'src/styles/fonts.css'),
      // Linked on first use by custom elements (ui/src/components/elements/custom-modules.ts).
      'elements-kit': path.join(uiDir, 'src/styles/elements-kit.css'),
      // The microphone's AudioWorklet, loaded by URL from beside the bundle.
      'pcm-worklet': path.join(uiDir, 'src/client/audio/pcm-worklet.ts'),
    },
    outdir: path.join(outdir, 'assets'),
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'browser',
    target: ['es2020', 'chrome100', 'firefox100', 'safari15'],
    entryNames: '[name]',
    chunkNames: 'chunks/[name]-[hash]',
    assetNames: 'files/[name]-[hash]',
    jsx: 'automatic',
    minify,
    sourcemap: minify ? false : 'linked',
    legalComments: 'none',
    define: { 'process.env.NODE_ENV': minify ? '"production"' : '"development"' },
    loader: { '.woff2': 'file', '.woff': 'file', '.ttf': 'file', '.png': 'file', '.svg': 'file' },
    metafile: true,
    logLevel: 'warning',
  };
}

async function copyStatic(outdir: string): Promise<string[]> {
  const pub = path.join(uiDir, 'public');
  const files: string[] = [];
  await copyFile(path.join(uiDir, 'index.html'), path.join(outdir, 'index.html'));
  files.push(path.join(outdir, 'index.html'));
  // pdf.js's worker, loaded by the PDF viewer chunk from beside the bundle (never from a CDN).
  for (const folder of ['assets', 'copilot']) {
    const worker = path.join(outdir, folder, 'pdf.worker.min.mjs');
    await copyFile(require.resolve('pdfjs-dist/build/pdf.worker.min.mjs'), worker);
    files.push(worker);
  }
  for (const name of await readdir(pub)) {
    // Logos go under assets/ where the /logo route looks for the UI build's defaults.
    const dest = name.startsWith('logo_') ? path.join(outdir, 'assets', name) : path.join(outdir, name);
    await copyFile(path.join(pub, name), dest);
    files.push(dest);
  }
  return files;
}

export async function buildUi(opts: BuildUiOptions): Promise<{ files: string[] }> {
  const outdir = path.resolve(opts.outdir);
  const minify = opts.minify ?? true;
  for (const folder of ['assets', 'copilot']) {
    await rm(path.join(outdir, folder), { recursive: true, force: true });
    await mkdir(path.join(outdir, folder), { recursive: true });
  }
  const results = await Promise.all([
    build(esbuildOptions(outdir, minify)),
    build(copilotModuleOptions(outdir, minify)),
    build(copilotLoaderOptions(outdir, minify)),
  ]);
  const built = results.flatMap((r) => Object.keys(r.metafile?.outputs ?? {})).map((f) => path.resolve(f));
  const statics = await copyStatic(outdir);
  return { files: [...built, ...statics] };
}

/**
 * Gzip size of what the first page load fetches: the entry JS with the chunks it imports
 * statically (lazy chunks excluded), and the entry CSS; in bytes.
 */
export async function initialGzipSize(outdir: string): Promise<{ js: number; css: number }> {
  const assets = path.join(outdir, 'assets');
  const seen = new Set<string>();
  let js = 0;
  const visit = async (rel: string): Promise<void> => {
    if (seen.has(rel)) return;
    seen.add(rel);
    const code = await readFile(path.join(assets, rel));
    js += gzipSync(code).length;
    const dir = path.posix.dirname(rel);
    // Static imports only: `import{..}from"./x.js"` / `import"./x.js"`, not `import("./x.js")`.
    for (const m of code.toString('utf8').matchAll(/(?:from|import)\s*"(\.{1,2}\/[^"]+\.js)"/g)) {
      await visit(path.posix.normalize(path.posix.join(dir, m[1]!)));
    }
  };
  await visit('index.js');
  const css = gzipSync(await readFile(path.join(assets, 'index.css'))).length;
  return { js, css };
}

async function main(argv: string[]): Promise<void> {
  const arg = (name: string) => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const outdir = path.resolve(arg('--outdir') ?? path.join(uiDir, '..', 'ui-dist'));
  const minify = !argv.includes('--no-minify');
  if (argv.includes('--watch')) {
    await mkdir(path.join(outdir, 'assets'), { recursive: true });
    await mkdir(path.join(outdir, 'copilot'), { recursive: true });
    await copyStatic(outdir);
    for (const options of [esbuildOptions(outdir, minify), copilotModuleOptions(outdir, minify), copilotLoaderOptions(outdir, minify)]) {
      await (await context(options)).watch();
    }
    console.log(`watching ui/ → ${outdir}`);
    return;
  }
  const started = Date.now();
  const { files } = await buildUi({ outdir, minify });
  let total = 0;
  for (const f of files) total += (await stat(f)).size;
  const size = await initialGzipSize(outdir);
  console.log(
    `ui built in ${Date.now() - started} ms: ${files.length} files, ${(total / 1024).toFixed(0)} KiB; ` +
      `initial load gzip: js ${(size.js / 1024).toFixed(1)} KiB, css ${(size.css / 1024).toFixed(1)} KiB`,
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main(process.argv.slice(2)).catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  });
}
