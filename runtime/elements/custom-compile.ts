import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type * as esbuild from 'esbuild';

/** Where a compile failure points. */
export interface CompileProblem {
  /** Path relative to the app root, e.g. `public/elements/Counter.jsx`. */
  file: string;
  line: number;
  column: number;
  message: string;
}

/** The browser module for one custom element (see docs/elements.md for its contract). */
export interface CompiledElement {
  /** ESM source served to the browser. */
  code: string;
  /** Content hash of the inputs and the output: the HTTP ETag. */
  hash: string;
  /** Set when the source did not compile; `code` then renders this error. */
  error: CompileProblem | null;
}

// Names the JSX sees without importing them, as in Chainlit: bound per element instance.
const SCOPE_NAMES = ['props', 'updateElement', 'deleteElement', 'callAction', 'sendUserMessage', 'submitElement', 'cancelElement'];

function sha(text: string | Buffer): string {
  return createHash('sha256').update(text).digest('hex');
}

/**
 * Bare imports (`react`, `lucide-react`, `@/components/ui/button`) stay as `require()` calls
 * answered by the UI at run time; relative imports are bundled, but only from inside the
 * app root; absolute imports are refused so a JSX file cannot pull server files in.
 */
function importPolicy(root: string): esbuild.Plugin {
  return {
    name: 'crt-element-imports',
    setup(build) {
      build.onResolve({ filter: /^[^./]/ }, (args) => ({ path: args.path, external: true }));
      build.onResolve({ filter: /^\// }, (args) =>
        args.kind === 'entry-point' ? undefined : { errors: [{ text: 'Absolute imports are not allowed in custom elements; use a relative path.' }] });
      build.onResolve({ filter: /^\./ }, (args) => {
        const target = path.resolve(args.resolveDir, args.path);
        const rel = path.relative(root, target);
        if (rel.startsWith('..') || path.isAbsolute(rel)) return { errors: [{ text: `Import "${args.path}" leaves the app folder.` }] };
        return undefined;
      });
    },
  };
}

function wrapModule(source: string, body: string): string {
  return [
    `// chainlit-rt custom element, compiled from ${source}`,
    `export const source = ${JSON.stringify(source)};`,
    'export const error = null;',
    'export default function createElement(scope) {',
    `  const { ${SCOPE_NAMES.join(', ')} } = scope;`,
    '  const require = scope.require;',
    '  const module = { exports: {} };',
    '  (function (module, exports) {',
    body,
    '  })(module, module.exports);',
    '  const component = module.exports.default;',
    `  if (typeof component !== 'function') throw new Error(${JSON.stringify(`${source} has no default export of a React component`)});`,
    '  return component;',
    '}',
    '',
  ].join('\n');
}

/** A module that renders the compile error, so the chat shows it where the element would be. */
export function errorModule(name: string, problem: CompileProblem): string {
  const text = `Custom element "${name}" failed to compile: ${problem.file}:${problem.line}:${problem.column}: ${problem.message}`;
  return [
    `// chainlit-rt custom element ${JSON.stringify(name)}: compile error`,
    `export const source = ${JSON.stringify(problem.file)};`,
    `export const error = ${JSON.stringify(problem)};`,
    'export default function createElement(scope) {',
    "  const React = scope.require('react');",
    '  return function CustomElementError() {',
    `    return React.createElement('pre', { className: 'custom-element-error', role: 'alert' }, ${JSON.stringify(text)});`,
    '  };',
    '}',
    '',
  ].join('\n');
}

function problemOf(err: unknown, fallbackFile: string): CompileProblem {
  const first = (err as { errors?: esbuild.Message[] }).errors?.[0];
  if (first) {
    return {
      file: first.location?.file ?? fallbackFile,
      line: first.location?.line ?? 1,
      // esbuild columns are 0-based; editors count from 1.
      column: (first.location?.column ?? 0) + 1,
      message: first.text,
    };
  }
  return { file: fallbackFile, line: 1, column: 1, message: err instanceof Error ? err.message : String(err) };
}

interface CacheEntry {
  /** Every bundled input with the hash of its content when compiled. */
  inputs: Map<string, string>;
  result: CompiledElement;
}

async function unchanged(inputs: Map<string, string>): Promise<boolean> {
  for (const [file, hash] of inputs) {
    const now = await readFile(file).then(sha, () => null);
    if (now !== hash) return false;
  }
  return true;
}

/**
 * Compiles custom element JSX with esbuild, cached by the content hash of every input:
 * an edited file (or one of its relative imports) is recompiled on the next request.
 */
export class CustomElementCompiler {
  private readonly cache = new Map<string, CacheEntry>();

  constructor(private readonly root: string) {}

  async compile(name: string, file: string): Promise<CompiledElement> {
    const cached = this.cache.get(file);
    if (cached && (await unchanged(cached.inputs))) return cached.result;
    const relFile = path.relative(this.root, file).split(path.sep).join('/');
    const entrySource = await readFile(file);
    let result: CompiledElement;
    const inputs = new Map<string, string>([[file, sha(entrySource)]]);
    try {
      // Loaded with the first custom element: apps without them never load esbuild here.
      const { build } = await import('esbuild');
      const built = await build({
        entryPoints: [file],
        absWorkingDir: this.root,
        bundle: true,
        write: false,
        metafile: true,
        format: 'cjs',
        platform: 'browser',
        target: 'es2020',
        jsx: 'automatic',
        loader: { '.js': 'jsx' },
        logLevel: 'silent',
        plugins: [importPolicy(this.root)],
      });
      for (const input of Object.keys(built.metafile.inputs)) {
        const abs = path.resolve(this.root, input);
        if (!inputs.has(abs)) inputs.set(abs, await readFile(abs).then(sha, () => ''));
      }
      const code = wrapModule(relFile, built.outputFiles[0]?.text ?? '');
      result = { code, hash: sha(code), error: null };
    } catch (err) {
      // Not cached: the fix may be in an imported file whose name the failed build never reported.
      const problem = problemOf(err, relFile);
      const code = errorModule(name, problem);
      return { code, hash: sha(code), error: problem };
    }
    this.cache.set(file, { inputs, result });
    return result;
  }
}
