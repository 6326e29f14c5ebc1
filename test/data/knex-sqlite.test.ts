import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { createKnexDataLayer } from '../../runtime/data/knex/index.js';
import { createLogger } from '../../runtime/log.js';
import { createLocalObjectStorage } from '../../runtime/storage/local.js';
import { REPO } from '../support/server.js';
import { runDataLayerConformance } from './conformance.js';

runDataLayerConformance('built-in SQL layer on SQLite', async () => {
  const dir = mkdtempSync(join(REPO, 'test', '.tmp', 'sqlite-'));
  const storage = createLocalObjectStorage(join(dir, 'files'));
  const layer = await createKnexDataLayer({ url: `sqlite://${join(dir, 'data.db')}`, storage, logger: createLogger({ silent: true }) });
  return {
    layer,
    cleanup: async () => {
      await layer.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}, { elementContent: true, feedbackLookup: true });
