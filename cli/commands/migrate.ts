import { ChainlitRtError, ManifestError } from '../../runtime/errors.js';
import { createLogger } from '../../runtime/log.js';
import { loadManifest } from '../../runtime/manifest/index.js';

export interface MigrateOptions {
  /** List applied and pending migrations; change nothing. */
  status?: boolean;
  env?: Record<string, string | undefined>;
  out?: (line: string) => void;
  err?: (line: string) => void;
}

/**
 * `chainlit-rt migrate [manifest]`: brings the built-in data layer's database
 * (`data_layer.url`, else DATABASE_URL, else the SQLite file) to the latest schema, as
 * `serve` does at start. Returns the exit code.
 */
export async function migrateCommand(file: string, options: MigrateOptions = {}): Promise<number> {
  const out = options.out ?? ((line: string) => process.stdout.write(`${line}\n`));
  const err = options.err ?? ((line: string) => process.stderr.write(`${line}\n`));
  try {
    const manifest = await loadManifest(file, { env: options.env });
    const config = manifest.config.data_layer;
    if (config.enabled === false) {
      out('data_layer.enabled is false: no database to migrate.');
      return 0;
    }
    if (config.module) {
      out(`data_layer.module (${config.module}) provides the data layer: it manages its own schema.`);
      return 0;
    }
    const { createKnexDataLayer } = await import('../../runtime/data/knex/index.js');
    const { redactUrl } = await import('../../runtime/data/knex/connect.js');
    const layer = await createKnexDataLayer({ url: config.url, storage: null, logger: createLogger({ silent: true }), migrate: false });
    try {
      out(`Database: ${redactUrl(config.url)}`);
      if (options.status) {
        const { applied, pending } = await layer.migrationStatus();
        for (const name of applied) out(`applied  ${name}`);
        for (const name of pending) out(`pending  ${name}`);
        out(pending.length === 0 ? 'Up to date.' : `${pending.length} pending; run \`chainlit-rt migrate\` to apply.`);
        return 0;
      }
      const ran = await layer.migrate();
      if (ran.length === 0) out('Up to date: no migration to run.');
      else out(`Applied ${ran.length} migration${ran.length === 1 ? '' : 's'}: ${ran.join(', ')}`);
      return 0;
    } finally {
      await layer.close();
    }
  } catch (error) {
    if (error instanceof ManifestError) {
      for (const i of error.issues) err(`${i.file}:${i.line}:${i.column} ${i.path || '(root)'}: ${i.message}`);
      return 1;
    }
    if (error instanceof ChainlitRtError) {
      err(`${error.code}: ${error.message}`);
      return 1;
    }
    throw error;
  }
}
