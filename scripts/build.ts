/**
 * Builds what the package runs from: runtime/ and cli/ transpiled to dist/ (one file per
 * module, so plugins can import the SDK entry), the SDK's type declarations, and the web UI
 * into ui-dist/. Runs on `npm install` (prepare) and before `npm test`.
 */
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const started = Date.now();

function tsFiles(dir: string): string[] {
  return readdirSync(join(root, dir)).flatMap((name) => {
    const rel = join(dir, name);
    if (statSync(join(root, rel)).isDirectory()) return tsFiles(rel);
    return name.endsWith('.ts') && !name.endsWith('.d.ts') ? [rel] : [];
  });
}

rmSync(join(root, 'dist'), { recursive: true, force: true });
await build({
  absWorkingDir: root,
  entryPoints: [...tsFiles('runtime'), ...tsFiles('cli')],
  outdir: 'dist',
  outbase: '.',
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: 'linked',
  logLevel: 'warning',
});

// The manifest validator, precompiled: compiling the schema with ajv took most of a start.
{
  const { manifestValidatorModule } = await import('../runtime/manifest/ajv.js');
  const { PRECOMPILED_VALIDATOR, schemaHash } = await import('../runtime/manifest/validator.js');
  const { validationSchema } = await import('../runtime/manifest/schema.js');
  const schema = validationSchema();
  writeFileSync(join(root, 'dist', 'runtime', 'manifest', PRECOMPILED_VALIDATOR), manifestValidatorModule(schemaHash(schema), schema));
}

if (!process.argv.includes('--no-types')) {
  execFileSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
}

if (!process.argv.includes('--no-ui') && existsSync(join(root, 'ui', 'build.ts'))) {
  const { buildUi } = (await import('../ui/build.js')) as { buildUi(o: { outdir: string; minify?: boolean }): Promise<unknown> };
  await buildUi({ outdir: join(root, 'ui-dist'), minify: true });
}
console.log(`chainlit-rt built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
