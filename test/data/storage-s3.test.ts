import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import S3rver from 's3rver';
import { loadManifest } from '../../runtime/manifest/index.js';
import { createObjectStorage } from '../../runtime/storage/select.js';
import type { ObjectStorage } from '../../runtime/storage/types.js';
import { REPO, writeApp } from '../support/server.js';
import { readAll } from './conformance/support.js';

const BUCKET = 'crt-elements';

/**
 * `storage.kind: s3` against s3rver, a real S3-compatible server on a loopback port: the
 * AWS SDK speaks the S3 protocol to it exactly as it would to AWS.
 */
describe('S3 object storage (storage.kind: s3) against a local S3-compatible server', function () {
  this.timeout(30_000);
  let server: S3rver;
  let dir: string;
  let endpoint: string;
  let storage: ObjectStorage;
  const env = () => ({ BUCKET_NAME: BUCKET, APP_AWS_REGION: 'eu-west-1', APP_AWS_ACCESS_KEY: 'S3RVER', APP_AWS_SECRET_KEY: 'S3RVER', DEV_AWS_ENDPOINT: endpoint });

  before(async () => {
    dir = mkdtempSync(join(REPO, 'test', '.tmp', 's3rver-'));
    server = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory: dir, configureBuckets: [{ name: BUCKET }] });
    const { port } = await server.run();
    endpoint = `http://127.0.0.1:${port}`;
    // Chainlit's environment variable names fill storage.s3 (bucket, region, keys, endpoint).
    const manifest = await loadManifest(writeApp({ 'chainlit.yaml': 'storage:\n  kind: s3\n  s3:\n    prefix: app/\n' }), { env: env() });
    storage = await createObjectStorage(manifest);
  });

  after(async () => {
    await storage?.close();
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('stores bytes under the prefix and reads them back', async () => {
    const bytes = Buffer.from([0, 1, 2, 250, 251, 252, 10, 13]);
    const key = 'threads/11111111-1111-4111-8111-111111111111/e1';
    expect(await storage.putObject(key, bytes, { mime: 'application/octet-stream' })).to.deep.equal({ key, size: bytes.length });
    const back: Buffer[] = [];
    for await (const chunk of await storage.readObject(key)) back.push(Buffer.from(chunk as Uint8Array));
    expect(Buffer.concat(back).equals(bytes)).to.equal(true);
    // Seen by a plain S3 client: the object is in the bucket, under the prefix, with its type.
    const client = new S3Client({ region: 'eu-west-1', endpoint, forcePathStyle: true, credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } });
    const res = await client.send(new GetObjectCommand({ Bucket: BUCKET, Key: `app/${key}` }));
    expect(res.ContentType).to.equal('application/octet-stream');
    expect(Buffer.from(await res.Body!.transformToByteArray()).equals(bytes)).to.equal(true);
    client.destroy();
  });

  it('takes a stream, and a second put under the key replaces the object', async () => {
    const key = 'threads/t/e2';
    await storage.putObject(key, Readable.from([Buffer.from('first ')]), { mime: 'text/plain' });
    await storage.putObject(key, Readable.from([Buffer.from('second '), Buffer.from('version')]), { mime: 'text/plain' });
    expect(await readAll(await storage.readObject(key))).to.equal('second version');
  });

  it('a missing object reads as a 404; deleting one that is gone is not an error', async () => {
    const key = 'threads/t/e3';
    await storage.putObject(key, Buffer.from('x'), { mime: 'text/plain' });
    await storage.deleteObject(key);
    await storage.deleteObject(key);
    const err = await storage.readObject(key).then(() => null, (e: unknown) => e as { status?: number; code?: string });
    expect(err).to.include({ status: 404, code: 'CRT_NOT_FOUND' });
  });

  it('refuses keys that could leave the prefix', async () => {
    for (const key of ['../x', 'a/../../b', '/abs', 'a//b', '']) {
      const err = await storage.putObject(key, Buffer.from('x'), { mime: 'text/plain' }).then(() => null, (e: unknown) => e as { code?: string });
      expect(err, key).to.include({ code: 'CRT_BAD_PAYLOAD' });
    }
  });

  it('without a bucket, kind s3 is a clear configuration error', async () => {
    const manifest = await loadManifest(writeApp({ 'chainlit.yaml': 'storage:\n  kind: s3\n' }), { env: {} });
    const err = await createObjectStorage(manifest).then(() => null, (e: unknown) => e as { code?: string; message?: string });
    expect(err).to.include({ code: 'CRT_CONFIG' });
    expect(err!.message).to.match(/BUCKET_NAME/);
  });
});
