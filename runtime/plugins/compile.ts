import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, readdir, rename, stat, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as esbuild from 'esbuild';
import { PluginError } from '../errors.js';
import { SDK_ENTRY_URL } from './sdk-entry.js';

export interface CompileOptions {
  /** Plugin id; names the cache file. */
  id: string;
  /** App root: esbuild's working directory, so error locations read `plugins/x.ts`. */
  root: string;
  /** Where bundles are written, e.g. `<root>/.chainlit-rt/plugins`. */
  cacheDir: string;
}

export interface CompiledPlugin {
  /** Absolute path of the plugin's entry source. */
  file: string;
  /** Absolute path of the bundle; its name carries a content hash, so a changed plugin gets a new URL. */
  outFile: string;
  url: string;
  hash: string;
  /** Absolute paths of every local source bundled in (the entry and its relative imports). */
  inputs: readonly string[];
}

/** What the last build of a plugin read, so an unchanged plugin skips esbuild at start-up. */
interface BuildIndex {
  sdk: string;
  entry: string;
  outFile: string;
  hash: string;
  inputs: Array<{ file: string; mtimeMs: number; size: number }>;
}

async function fromIndex(indexFile: string, entry: string): Promise<CompiledPlugin | undefined> {
  try {
    const index = JSON.parse(await readFile(indexFile, 'utf8')) as BuildIndex;
    if (index.sdk !== SDK_ENTRY_URL.href || index.entry !== entry || !existsSync(index.outFile)) return undefined;
    for (const input of index.inputs) {
      const info = await stat(input.file);
      if (info.mtimeMs !== input.mtimeMs || info.size !== input.size) return undefined;
    }
    return { file: entry, outFile: index.outFile, url: pathToFileURL(index.outFile).href, hash: index.hash, inputs: index.inputs.map((i) => i.file) };
  } catch {
    return undefined;
  }
}

async function writeIndex(indexFile: string, compiled: CompiledPlugin): Promise<void> {
  const inputs = await Promise.all(compiled.inputs.map(async (file) => {
    const info = await stat(file);
    return { file, mtimeMs: info.mtimeMs, size: info.size };
  }));
  const index: BuildIndex = { sdk: SDK_ENTRY_URL.href, entry: compiled.file, outFile: compiled.outFile, hash: compiled.hash, inputs };
  await writeFile(indexFile, JSON.stringify(index)).catch(() => undefined);
}

/**
 * Bundles one plugin module with esbuild and writes it to the cache folder. When no input
 * changed since the last build (same mtimes and sizes), the cached bundle is used as is.
 */
export async function compilePlugin(file: string, opts: CompileOptions): Promise<CompiledPlugin> {
  const entry = path.resolve(opts.root, file);
  const baseName = safeFileName(opts.id);
  const indexFile = path.join(opts.cacheDir, `${baseName}.build.json`);
  const cached = await fromIndex(indexFile, entry);
  if (cached) return cached;
  const compiled = await build(entry, baseName, opts);
  await writeIndex(indexFile, compiled);
  return compiled;
}

async function build(entry: string, baseName: string, opts: CompileOptions): Promise<CompiledPlugin> {
  // Loaded on demand: a start-up with every plugin cached never starts esbuild's service.
  const esbuild = await import('esbuild');
  let result: esbuild.BuildResult<{ write: false; metafile: true }>;
  try {
    result = await esbuild.build({
      entryPoints: [entry],
      absWorkingDir: opts.root,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      // Inline, so the map travels with the bundle and stack traces point at the .ts lines.
      sourcemap: 'inline',
      // step(options, fn) names a step after fn.name; bundling must not rename functions.
      keepNames: true,
      // node_modules dependencies are imported by Node as usual (one copy, native addons work).
      packages: 'external',
      // The bundle's final name holds its hash; a fixed name in the same folder keeps the
      // source map's relative paths right.
      outfile: path.join(opts.cacheDir, `${baseName}.mjs`),
      write: false,
      metafile: true,
      logLevel: 'silent',
      plugins: [sdkAlias()],
    });
  } catch (err) {
    throw compileError(err, entry, opts.root);
  }
  const output = result.outputFiles.find((f) => f.path.endsWith('.mjs')) ?? result.outputFiles[0];
  if (!output) throw new PluginError('CRT_PLUGIN_COMPILE', entry, `${display(opts.root, entry)}: esbuild produced no output`);
  const hash = createHash('sha256').update(output.contents).digest('hex').slice(0, 12);
  const outFile = path.join(opts.cacheDir, `${baseName}-${hash}.mjs`);
  await writeOnce(outFile, output.contents);
  await pruneOld(opts.cacheDir, baseName, outFile);
  const inputs = Object.keys(result.metafile.inputs)
    .filter((key) => !/^[a-z-]+:/i.test(key) || /^[a-z]:[\\/]/i.test(key))
    .map((key) => path.resolve(opts.root, key));
  return { file: entry, outFile, url: pathToFileURL(outFile).href, hash, inputs };
}

function sdkAlias(): esbuild.Plugin {
  return {
    name: 'chainlit-rt-sdk',
    setup(build) {
      build.onResolve({ filter: /^chainlit-rt$/ }, () => ({ path: SDK_ENTRY_URL.href, external: true }));
    },
  };
}

/** Same content → same name, so an existing file is already right; the rename keeps readers from seeing half a file. */
async function writeOnce(outFile: string, contents: Uint8Array): Promise<void> {
  if (existsSync(outFile)) return;
  await mkdir(path.dirname(outFile), { recursive: true });
  const tmp = `${outFile}.${process.pid}.${Date.now()}.tmp`;
  await writeFile(tmp, contents);
  await rename(tmp, outFile);
}

/** Bundles are kept for a while: another instance sharing the folder may be about to import one. */
const KEEP_OLD_MS = 10 * 60 * 1000;

async function pruneOld(cacheDir: string, baseName: string, current: string): Promise<void> {
  const pattern = new RegExp(`^${baseName.replace(/[.]/g, '\\.')}-[0-9a-f]{12}\\.mjs$`);
  const names = await readdir(cacheDir).catch(() => [] as string[]);
  await Promise.all(
    names
      .filter((name) => pattern.test(name) && path.join(cacheDir, name) !== current)
      .map(async (name) => {
        const file = path.join(cacheDir, name);
        const info = await stat(file).catch(() => undefined);
        if (info && Date.now() - info.mtimeMs > KEEP_OLD_MS) await unlink(file).catch(() => undefined);
      }),
  );
}

function compileError(err: unknown, entry: string, root: string): PluginError {
  const messages = (err as { errors?: esbuild.Message[] }).errors;
  if (!Array.isArray(messages) || messages.length === 0) {
    const text = err instanceof Error ? err.message : String(err);
    return new PluginError('CRT_PLUGIN_COMPILE', entry, `${display(root, entry)}: ${text}`, { cause: err });
  }
  const lines = messages.map((m) => {
    const loc = m.location;
    if (!loc) return `${display(root, entry)}: ${m.text}`;
    // esbuild columns are 0-based; editors and Node stack traces count from 1.
    return `${display(root, path.resolve(root, loc.file))}:${loc.line}:${loc.column + 1}: ${m.text}`;
  });
  const first = messages[0]?.location;
  const file = first ? path.resolve(root, first.file) : entry;
  return new PluginError('CRT_PLUGIN_COMPILE', file, lines.join('\n'), { cause: err, line: first?.line });
}

export function display(root: string, file: string): string {
  const rel = path.relative(root, file);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel.split(path.sep).join('/') : file;
}

function safeFileName(id: string): string {
  return id.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 80) || 'plugin';
}
