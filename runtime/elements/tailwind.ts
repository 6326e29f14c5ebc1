import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * CSS for the Tailwind classes used by custom element JSX (DESIGN.md §4.1), compiled with
 * Tailwind CSS 4 over `<public>/elements/**` and the manifest's `elements:` files.
 *
 * The output cannot restyle the app: there is no preflight, every utility is prefixed by
 * the zero-specificity scope `:where(.cl-tw, .cl-tw *)` (the UI puts `cl-tw` on custom
 * element containers and on the kit's portals), and Tailwind's theme variables are set on
 * `.cl-tw` instead of `:root`. Utilities are unlayered so a `className` given to a kit
 * component beats the kit's own (unlayered, single-class) rules, as in shadcn.
 */

/** The class the UI puts on every custom element container (and kit portal). */
export const TAILWIND_SCOPE = 'cl-tw';

// Colours are bare HSL triples in our variables (docs/ui.md), so they are wrapped in hsl().
const COLOURS = [
  'background', 'foreground', 'card', 'card-foreground', 'popover', 'popover-foreground',
  'primary', 'primary-foreground', 'secondary', 'secondary-foreground', 'muted', 'muted-foreground',
  'accent', 'accent-foreground', 'destructive', 'destructive-foreground', 'border', 'input', 'ring',
  'chart-1', 'chart-2', 'chart-3', 'chart-4', 'chart-5',
];
const SIDEBAR = ['background', 'foreground', 'primary', 'primary-foreground', 'accent', 'accent-foreground', 'border', 'ring'];

function themeCss(): string {
  const colours = COLOURS.map((c) => `  --color-${c}: hsl(var(--${c}));`);
  // `bg-sidebar` reads `--sidebar-background`, like shadcn's sidebar palette.
  const sidebar = SIDEBAR.map((c) => `  --color-sidebar${c === 'background' ? '' : `-${c}`}: hsl(var(--sidebar-${c}));`);
  return [
    '@layer crt-theme;',
    '@import "tailwindcss/theme.css" layer(crt-theme);',
    // Our app owns --font-sans / --font-mono: drop Tailwind's so nothing redefines them.
    '@theme { --font-*: initial; }',
    // `inline reference`: utilities use these values directly and no variable is emitted.
    '@theme inline reference {',
    ...colours,
    ...sidebar,
    // Chainlit's (shadcn's) scale, so elements written for Chainlit keep their corners.
    '  --radius-sm: calc(var(--radius) - 4px);',
    '  --radius-md: calc(var(--radius) - 2px);',
    '  --radius-lg: var(--radius);',
    '  --radius-xl: calc(var(--radius) + 4px);',
    '  --font-sans: var(--font-sans);',
    '  --font-mono: var(--font-mono);',
    '}',
    // Our theme is a class on <html> (docs/ui.md), not the media query.
    '@custom-variant dark (&:where(.dark, .dark *));',
    `:where(.${TAILWIND_SCOPE}, .${TAILWIND_SCOPE} *) {`,
    '  @tailwind utilities;',
    '}',
    '',
  ].join('\n');
}

/** Where the JSX lives: what locating custom elements needs (see custom-source.ts). */
export interface TailwindSources {
  /** The app's public folder; `<public>/elements/**` is scanned. */
  publicDir: string;
  /** The manifest's `elements:` map (name → absolute JSX path). */
  declared: Readonly<Record<string, string | undefined>>;
}

export interface TailwindResult {
  css: string;
  /** Content hash of the CSS: the HTTP ETag. */
  hash: string;
}

const SOURCE_EXT = /\.(jsx|tsx|js|ts|mjs)$/;

async function listSources(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const out: string[] = [];
  for (const e of entries) {
    if (e.name.startsWith('.') || e.name === 'node_modules') continue;
    const full = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...(await listSources(full)));
    else if (SOURCE_EXT.test(e.name)) out.push(full);
  }
  return out;
}

type Extract = (content: string, extension: string) => string[];

let extractor: Promise<Extract> | null = null;

/**
 * Tailwind's own candidate scanner (Oxide, a prebuilt npm binary) when it loads; else a
 * plain scan of string literals, which is where class names live in JSX.
 */
function loadExtractor(): Promise<Extract> {
  extractor ??= import('@tailwindcss/oxide').then(
    (oxide) => (content: string, extension: string) =>
      // A scanner per call: one instance reports each candidate only the first time it sees it.
      new oxide.Scanner({ sources: [] }).scanFiles([{ content, extension }]),
    () => literalCandidates,
  );
  return extractor;
}

/** Fallback extraction: whitespace-separated words inside quotes and template literals. */
export function literalCandidates(content: string): string[] {
  const out = new Set<string>();
  for (const m of content.matchAll(/"([^"\n]*)"|'([^'\n]*)'|`([^`]*)`/g)) {
    const text = (m[1] ?? m[2] ?? m[3] ?? '').replace(/\$\{[^}]*\}/g, ' ');
    for (const word of text.split(/\s+/)) if (word && /^[!-]?[a-z@[]/.test(word)) out.add(word);
  }
  return [...out];
}

function sha(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/**
 * Compiles and caches the CSS. `css()` re-reads the sources (a few small files) on each
 * call and recompiles only when their content changed, so an edited JSX file gets its
 * classes on the next request without a watcher.
 */
export class ElementTailwind {
  private cached: { key: string; result: TailwindResult } | null = null;
  private pending: Promise<TailwindResult> | null = null;

  async files(sources: TailwindSources): Promise<string[]> {
    const scanned = await listSources(path.join(sources.publicDir, 'elements'));
    const declared = Object.values(sources.declared).filter((f): f is string => typeof f === 'string');
    return [...new Set([...scanned, ...declared])].sort();
  }

  async css(sources: TailwindSources): Promise<TailwindResult> {
    // One compile at a time: concurrent first requests share it.
    while (this.pending) await this.pending.catch(() => undefined);
    const run = this.build(sources);
    this.pending = run;
    try {
      return await run;
    } finally {
      this.pending = null;
    }
  }

  private async build(sources: TailwindSources): Promise<TailwindResult> {
    const files = await this.files(sources);
    const contents = await Promise.all(files.map((f) => readFile(f, 'utf8').catch(() => '')));
    const key = sha(files.map((f, i) => `${f}\0${contents[i]}`).join('\0'));
    if (this.cached?.key === key) return this.cached.result;
    const extract = await loadExtractor();
    const candidates = new Set<string>();
    files.forEach((f, i) => {
      for (const c of extract(contents[i]!, path.extname(f).slice(1))) candidates.add(c);
    });
    // A fresh compiler per change: Tailwind's build() keeps every candidate it has seen.
    const { compile } = await import('@tailwindcss/node');
    // Resolved from here, not from the app: the app folder need not have node_modules.
    const base = path.dirname(fileURLToPath(import.meta.url));
    const compiler = await compile(themeCss(), { base, onDependency: () => undefined });
    const raw = compiler.build([...candidates]);
    const css = raw.replace(/:root,\s*:host\s*\{/g, `.${TAILWIND_SCOPE} {`);
    const result = { css, hash: sha(css) };
    this.cached = { key, result };
    return result;
  }
}
