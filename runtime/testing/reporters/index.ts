import type { Reporter } from '../runner.js';
import { junitReporter } from './junit.js';
import { prettyReporter } from './pretty.js';
import { tapReporter } from './tap.js';

export type ReporterName = 'pretty' | 'tap' | 'junit';
export const REPORTERS: readonly ReporterName[] = ['pretty', 'tap', 'junit'];

/** A reporter by name, writing through `write`; `color` only affects `pretty`. */
export function createReporter(name: ReporterName, write: (text: string) => void, options: { color?: boolean } = {}): Reporter {
  if (name === 'tap') return tapReporter(write);
  if (name === 'junit') return junitReporter(write);
  return prettyReporter(write, options);
}

export { failureLines } from './format.js';
