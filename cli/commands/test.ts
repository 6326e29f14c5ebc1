import { existsSync, readdirSync, statSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createLogger } from '../../runtime/log.js';
import { createReporter, REPORTERS, type ReporterName } from '../../runtime/testing/reporters/index.js';
import { runSpecFiles } from '../../runtime/testing/runner.js';

export interface TestCommandOptions {
  reporter?: string;
  output?: string;
  parallel?: number;
  /** Show the apps' logs (otherwise silent). */
  logs?: boolean;
  /** Where the report goes when there is no --output (default stdout). */
  write?: (text: string) => void;
  err?: (line: string) => void;
  color?: boolean;
}

const DEFAULT_GLOBS = ['manifests/tests', 'tests'];

/** Folders expand to their `*.test.yaml` files (recursively); with no argument, ./manifests/tests and ./tests. */
export function expandSpecFiles(args: readonly string[]): string[] {
  const roots = args.length > 0 ? args : DEFAULT_GLOBS.filter((d) => existsSync(d));
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.test\.ya?ml$/.test(name)) out.push(path);
    }
  };
  for (const arg of roots) {
    if (existsSync(arg) && statSync(arg).isDirectory()) walk(arg);
    else out.push(arg);
  }
  return out;
}

/**
 * `chainlit-rt test [FILES…]`: runs conversation specs against their apps in this process.
 * Returns the exit code: 0 when every conversation passed, 1 otherwise, 2 for bad usage.
 */
export async function testCommand(files: string[], options: TestCommandOptions = {}): Promise<number> {
  const err = options.err ?? ((line: string) => process.stderr.write(`${line}\n`));
  const reporterName = (options.reporter ?? 'pretty') as ReporterName;
  if (!REPORTERS.includes(reporterName)) {
    err(`Unknown reporter "${options.reporter}"; use one of: ${REPORTERS.join(', ')}`);
    return 2;
  }
  const parallel = options.parallel ?? 1;
  if (!Number.isInteger(parallel) || parallel < 1) {
    err('--parallel takes a whole number of at least 1');
    return 2;
  }
  const specs = expandSpecFiles(files);
  if (specs.length === 0) {
    err('No conversation specs found: pass files or folders (specs are named *.test.yaml).');
    return 2;
  }
  const chunks: string[] = [];
  const write = options.output ? (text: string) => void chunks.push(text) : (options.write ?? ((text: string) => void process.stdout.write(text)));
  const color = options.color ?? (!options.output && Boolean(process.stdout.isTTY) && !process.env.NO_COLOR);
  const reporter = createReporter(reporterName, write, { color });
  const logger = options.logs ? createLogger({}) : undefined;
  const summary = await runSpecFiles(specs, { parallel, reporter, logger });
  if (options.output) {
    await writeFile(options.output, chunks.join(''));
    err(`${summary.passed} passed, ${summary.failed} failed; ${reporterName} report written to ${options.output}`);
  }
  return summary.failed > 0 ? 1 : 0;
}
