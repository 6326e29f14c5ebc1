import { ChainlitRtError } from '../errors.js';

/** A Vega-Lite (or full Vega) specification, as JSON. */
export type ChartSpec = Record<string, unknown>;

/** Full Vega specs declare a `vega/` schema; anything else is read as Vega-Lite. */
function isFullVega(spec: ChartSpec): boolean {
  const schema = spec.$schema;
  return typeof schema === 'string' && /\/vega\/v\d/.test(schema);
}

/**
 * Renders a chart spec to SVG on the server with Vega's headless renderer: the TypeScript
 * counterpart of saving a matplotlib figure. Vega is loaded on first use only, so apps that
 * never draw a chart do not pay for it. Specs must carry their data inline (`data.values`):
 * the loader is denied network and file access, so a spec cannot make the server fetch.
 */
export async function chartToSvg(spec: ChartSpec): Promise<string> {
  const vega = await import('vega');
  // Vega reports load and runtime failures to its logger and renders on regardless; collect
  // them so a broken chart is an error the plugin sees, not an empty picture (or console noise).
  const problems: string[] = [];
  const logger = vega.logger(2, undefined, (_method: string, level: string, input: readonly unknown[]) => {
    // Vega logs a failed data load as a mere warning; for a static picture it is fatal.
    if (level === 'ERROR' || input[0] === 'Loading failed') {
      problems.push(input.map((part) => (part instanceof Error ? part.message : String(part))).join(' '));
    }
  });
  try {
    let vegaSpec: unknown = spec;
    if (!isFullVega(spec)) {
      const { compile } = await import('vega-lite');
      vegaSpec = compile(spec as unknown as Parameters<typeof compile>[0], { logger: vega.logger(0) }).spec;
    }
    const denied = vega.loader({ mode: 'http' });
    const refuse = async (uri: string): Promise<never> => {
      throw new Error(`the chart tried to load "${uri}"; put its data inline in data.values`);
    };
    denied.load = refuse;
    denied.sanitize = refuse;
    const view = new vega.View(vega.parse(vegaSpec as Parameters<typeof vega.parse>[0]), { renderer: 'none', loader: denied, logger });
    let svg: string;
    try {
      svg = await view.toSVG();
    } finally {
      view.finalize();
    }
    if (problems.length > 0) throw new Error(problems.join('; '));
    return svg;
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    throw new ChainlitRtError('CRT_ELEMENT_INVALID', `Could not render the chart spec to SVG: ${reason}`, { expose: true, cause: err });
  }
}
