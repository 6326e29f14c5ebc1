import { expect } from 'chai';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { createLocalObjectStorage } from '../../../runtime/storage/local.js';
import { REPO } from '../../support/server.js';

async function text(stream: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks).toString('utf8');
}

describe('local object storage (persisted element files)', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(REPO, 'test', '.tmp', 'objects-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps objects under <folder>/.persisted/<key>, apart from session folders', async () => {
    const storage = createLocalObjectStorage(dir);
    expect(await storage.putObject('threads/t1/e1', Buffer.from('hello'), { mime: 'text/plain' })).to.deep.equal({ key: 'threads/t1/e1', size: 5 });
    expect(readFileSync(join(dir, '.persisted', 'threads', 't1', 'e1'), 'utf8')).to.equal('hello');
    expect(await text(await storage.readObject('threads/t1/e1'))).to.equal('hello');
  });

  it('replaces an object from a stream, and deletes it (twice is fine)', async () => {
    const storage = createLocalObjectStorage(dir);
    await storage.putObject('a/b', Buffer.from('old'), { mime: 'text/plain' });
    await storage.putObject('a/b', Readable.from([Buffer.from('new '), Buffer.from('bytes')]), { mime: 'text/plain' });
    expect(await text(await storage.readObject('a/b'))).to.equal('new bytes');
    await storage.deleteObject('a/b');
    await storage.deleteObject('a/b');
    expect(existsSync(join(dir, '.persisted', 'a', 'b'))).to.equal(false);
    const err = await storage.readObject('a/b').then(() => null, (e: unknown) => e as { status?: number });
    expect(err).to.include({ status: 404 });
  });

  it('refuses keys that could climb out of the folder', async () => {
    const storage = createLocalObjectStorage(dir);
    for (const key of ['../escape', 'a/../../escape', '/etc/passwd', 'a\\b', '.hidden/x', '']) {
      const err = await storage.putObject(key, Buffer.from('x'), { mime: 'text/plain' }).then(() => null, (e: unknown) => e as { code?: string });
      expect(err, key).to.include({ code: 'CRT_BAD_PAYLOAD' });
    }
  });
});
