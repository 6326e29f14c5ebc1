import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { createKnexDataLayer } from '../../runtime/data/knex/index.js';
import { createLogger } from '../../runtime/log.js';
import { createLocalObjectStorage } from '../../runtime/storage/local.js';
import { REPO } from '../support/server.js';
import { runDataLayerConformance } from './conformance.js';
import { createTestDatabase } from '../support/postgres.js';

runDataLayerConformance('built-in SQL layer on PostgreSQL', async function () {
  const database = await createTestDatabase(this);
  const dir = mkdtempSync(join(REPO, 'test', '.tmp', 'pg-files-'));
  const layer = await createKnexDataLayer({ url: database.url, storage: createLocalObjectStorage(dir), logger: createLogger({ silent: true }) });
  return {
    layer,
    cleanup: async () => {
      await layer.close();
      await database.drop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}, { elementContent: true, feedbackLookup: true });
