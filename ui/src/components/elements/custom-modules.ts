/**
 * What a custom element's bare imports resolve to (docs/elements.md: the compiled module
 * calls `scope.require(specifier)` and wants a CommonJS-style exports object). React,
 * its JSX runtime and sonner are in the main bundle already; everything else (the kit,
 * lucide, zod, recoil, react-hook-form) is a lazy chunk fetched the first time an element
 * imports it. `require` is synchronous, so a module that is not loaded yet throws
 * MissingModule; `instantiate` loads it and runs the factory again.
 */
import * as React from 'react';
import * as ReactDOM from 'react-dom';
import * as jsxRuntime from 'react/jsx-runtime';
import * as sonner from 'sonner';
import { readRootPath } from '../../client/api.js';
import { kitLoaders } from '../../kit/index.js';
import * as markdown from './markdown-export.js';

type Exports = Record<string, unknown>;

function cjs(ns: object): Exports {
  return { __esModule: true, ...ns };
}

const loaded = new Map<string, Exports>([
  ['react', cjs(React)],
  ['react-dom', cjs(ReactDOM)],
  ['react/jsx-runtime', cjs(jsxRuntime)],
  ['react/jsx-dev-runtime', cjs(jsxRuntime)],
  ['sonner', cjs(sonner)],
  ['@/components/markdown', cjs(markdown)],
  ['@/components/Markdown', cjs(markdown)],
]);

const lazyLoaders: Record<string, () => Promise<object>> = {
  'lucide-react': () => import('lucide-react'),
  zod: () => import('zod'),
  recoil: () => import('recoil'),
  'react-hook-form': () => import('react-hook-form'),
  '@/lib/utils': () => import('../../kit/utils.js'),
};

/** The kit's stylesheet is its own file (ui/build.ts), linked when the kit is first used. */
function linkKitCss(): void {
  if (document.querySelector('link[data-crt-kit]')) return;
  const link = document.createElement('link');
  link.rel = 'stylesheet';
  link.href = `${readRootPath()}/assets/elements-kit.css`;
  link.dataset.crtKit = '';
  // Before the Tailwind CSS (if linked already), so utilities win over kit rules.
  const tailwind = document.querySelector('link[data-crt-tailwind]');
  document.head.insertBefore(link, tailwind);
}

function loaderFor(specifier: string): (() => Promise<object>) | undefined {
  const direct = lazyLoaders[specifier];
  if (direct) return direct;
  const kit = /^@\/components\/ui\/([a-z-]+)$/.exec(specifier);
  const loader = kit ? kitLoaders[kit[1]!] : undefined;
  if (!loader) return undefined;
  return () => {
    linkKitCss();
    return loader();
  };
}

const loading = new Map<string, Promise<void>>();

function load(specifier: string, loader: () => Promise<object>): Promise<void> {
  let p = loading.get(specifier);
  if (!p) {
    p = loader().then((ns) => {
      loaded.set(specifier, cjs(ns));
    });
    p.catch(() => loading.delete(specifier));
    loading.set(specifier, p);
  }
  return p;
}

export class MissingModule extends Error {
  constructor(
    readonly specifier: string,
    readonly ready: Promise<void>,
  ) {
    super(`Module "${specifier}" is still loading`);
  }
}

/** The `require` custom elements get. */
export function requireModule(specifier: string): Exports {
  const mod = loaded.get(specifier);
  if (mod) return mod;
  const loader = loaderFor(specifier);
  if (!loader) throw new Error(`Custom elements cannot import "${specifier}"`);
  throw new MissingModule(specifier, load(specifier, loader));
}

/** True once recoil was imported by some element (its hooks then need a RecoilRoot). */
export function loadedModule(specifier: string): Exports | undefined {
  return loaded.get(specifier);
}

/**
 * Runs `factory` until every module it requires is loaded; returns its result. Running
 * a compiled element twice is harmless: `createElement` only builds a component.
 */
export async function instantiate<T>(factory: () => T): Promise<T> {
  for (let attempt = 0; attempt < 100; attempt += 1) {
    try {
      return factory();
    } catch (err) {
      if (!(err instanceof MissingModule)) throw err;
      await err.ready;
    }
  }
  throw new Error('Too many imports in a custom element');
}
