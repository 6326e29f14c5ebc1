/**
 * The copilot widget's part of the UI build (ui-dist/copilot/, served at /copilot/):
 *
 * - `index.js`: a small classic script that host pages load with <script src>. It defines
 *   the window functions (mountChainlitWidget, …) at once and imports the widget module.
 * - `app.js` and `chunks/`: the widget, ESM with the same lazy chunks as the web app.
 *   Host pages import it cross-origin, so the server answers /copilot/ with CORS `*`.
 *
 * The widget lives in a shadow root, where the page's stylesheets do not reach: its CSS
 * (the web app's, sonner's and the widget's own) is bundled into the module as text
 * (`copilot-css:` imports) and adopted by the shadow root.
 */
import { build, type BuildOptions, type Plugin } from 'esbuild';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const uiDir = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);

/** The stylesheets of the widget, in cascade order. */
function widgetStylesheets(): string[] {
  return [
    path.join(uiDir, 'src/styles/app.css'),
    path.join(uiDir, 'src/styles/elements.css'),
    require.resolve('sonner/dist/styles.css'),
    path.join(uiDir, 'src/copilot/copilot.css'),
  ];
}

/** `import css from 'copilot-css:widget'`: the widget's bundled CSS as a string. */
function copilotCss(minify: boolean): Plugin {
  return {
    name: 'copilot-css',
    setup(b) {
      b.onResolve({ filter: /^copilot-css:/ }, (args) => ({ path: args.path, namespace: 'copilot-css' }));
      b.onLoad({ filter: /.*/, namespace: 'copilot-css' }, async () => {
        const files = widgetStylesheets();
        const out = await build({
          stdin: { contents: files.map((f) => `@import ${JSON.stringify(f)};`).join('\n'), loader: 'css', resolveDir: uiDir },
          bundle: true,
          write: false,
          minify,
          logLevel: 'warning',
        });
        // `:root` matches nothing in a shadow root; the defaults belong to the shadow host.
        const css = out.outputFiles[0]!.text.replace(/:root\b/g, ':host');
        return { contents: css, loader: 'text', watchFiles: files };
      });
    },
  };
}

export function copilotModuleOptions(outdir: string, minify: boolean): BuildOptions {
  return {
    entryPoints: {
      app: path.join(uiDir, 'src/copilot/main.tsx'),
      katex: require.resolve('katex/dist/katex.min.css'),
      'pcm-worklet': path.join(uiDir, 'src/client/audio/pcm-worklet.ts'),
    },
    outdir: path.join(outdir, 'copilot'),
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
    plugins: [copilotCss(minify)],
    metafile: true,
    logLevel: 'warning',
  };
}

export function copilotLoaderOptions(outdir: string, minify: boolean): BuildOptions {
  return {
    entryPoints: { index: path.join(uiDir, 'src/copilot/loader.ts') },
    outdir: path.join(outdir, 'copilot'),
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: ['es2020', 'chrome100', 'firefox100', 'safari15'],
    minify,
    legalComments: 'none',
    metafile: true,
    logLevel: 'warning',
  };
}
