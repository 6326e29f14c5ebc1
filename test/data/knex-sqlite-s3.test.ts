import { mkdtempSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import S3rver from 's3rver';
import { createKnexDataLayer } from '../../runtime/data/knex/index.js';
import { createLogger } from '../../runtime/log.js';
import { loadManifest } from '../../runtime/manifest/index.js';
import { createObjectStorage } from '../../runtime/storage/select.js';
import { REPO, writeApp } from '../support/server.js';
import { runDataLayerConformance } from './conformance.js';

// The built-in layer with its element files in an S3-compatible bucket (s3rver on loopback).
runDataLayerConformance('built-in SQL layer on SQLite, element files in S3 (storage.kind: s3)', async () => {
  const s3dir = mkdtempSync(join(REPO, 'test', '.tmp', 's3rver-'));
  const server = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory: s3dir, configureBuckets: [{ name: 'history' }] });
  const { port } = await server.run();
  const manifest = await loadManifest(
    writeApp({
      'chainlit.yaml': `storage:\n  kind: s3\n  s3:\n    bucket: history\n    endpoint: http://127.0.0.1:${port}\n    access_key_id: S3RVER\n    secret_access_key: S3RVER\n`,
    }),
    { env: {} },
  );
  const storage = await createObjectStorage(manifest);
  const layer = await createKnexDataLayer({ url: manifest.config.data_layer.url, storage, logger: createLogger({ silent: true }) });
  return {
    layer,
    cleanup: async () => {
      await layer.close();
      await storage.close();
      await server.close();
      rmSync(s3dir, { recursive: true, force: true });
      rmSync(dirname(manifest.file), { recursive: true, force: true });
    },
  };
}, { elementContent: true, feedbackLookup: true });
