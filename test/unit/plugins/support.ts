import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { ChainlitRtError } from '../../../runtime/errors.js';
import { createLogger } from '../../../runtime/log.js';
import { loadPlugins, type PluginRegistry, type PluginSource } from '../../../runtime/plugins/index.js';

export const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/plugins');
export const logger = createLogger({ silent: true });

/** A fresh temp folder, removed by the returned cleanup. */
export function tempDir(prefix: string): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), `crt-${prefix}-`));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * A throwaway bundle cache under the fixtures' `.chainlit-rt/` (gitignored). It must sit
 * inside the app root: bundles import npm packages by bare name, resolved from where the
 * bundle is, exactly as in an app.
 */
export function tempCache(prefix: string): { dir: string; cleanup: () => void } {
  const parent = path.join(FIXTURES, '.chainlit-rt');
  mkdirSync(parent, { recursive: true });
  const dir = mkdtempSync(path.join(parent, `test-${prefix}-`));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A global source for a fixture file, id = file name without extension. */
export function fixture(name: string, extra: Partial<PluginSource> = {}): PluginSource {
  return { id: name.replace(/\.ts$/, ''), module: path.join(FIXTURES, name), options: {}, ...extra };
}

/** Loads fixtures with the fixtures folder as app root and a throwaway cache. */
export async function loadFixtures(sources: PluginSource[], cacheDir: string, manifestFile?: string): Promise<PluginRegistry> {
  return loadPlugins(sources, { root: FIXTURES, logger, cacheDir, manifestFile });
}

/** Runs `fn`, expects a ChainlitRtError with `code`, returns it for further checks. */
export async function expectError(fn: () => Promise<unknown>, code: string): Promise<ChainlitRtError & { file?: string; line?: number }> {
  try {
    await fn();
  } catch (err) {
    expect(err).to.be.instanceOf(ChainlitRtError);
    expect((err as ChainlitRtError).code, (err as Error).message).to.equal(code);
    return err as ChainlitRtError;
  }
  expect.fail(`expected a ${code} error, nothing was thrown`);
}
