import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { build } from 'esbuild';
import { OUT, REPO } from './proc.js';

/**
 * Builds chainlit-rt's dist (what the CLI runs) and bundles the bench's own processes into
 * bench/out, so both servers run compiled JavaScript under plain `node`, with no loader.
 */
export async function buildAll(options: { skipDist?: boolean } = {}): Promise<void> {
  if (!options.skipDist) {
    execFileSync(process.execPath, [join(REPO, 'node_modules', 'tsx', 'dist', 'cli.mjs'), 'scripts/build.ts', '--no-ui', '--no-types'], { cwd: REPO, stdio: 'ignore' });
  }
  await build({
    entryPoints: {
      bare: join(REPO, 'bench/servers/bare.ts'),
      'stream-client': join(REPO, 'bench/clients/stream-client.ts'),
      'idle-client': join(REPO, 'bench/clients/idle-client.ts'),
      'paced-client': join(REPO, 'bench/clients/paced-client.ts'),
    },
    outdir: OUT,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'warning',
  });
}
