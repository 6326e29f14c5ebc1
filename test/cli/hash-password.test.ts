import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { HASH_PATTERN, verifyPassword } from '../../runtime/auth/password.js';
import { REPO } from '../support/server.js';

const BIN = join(REPO, 'bin/chainlit-rt.js');

function hash(input: string) {
  return spawnSync(process.execPath, [BIN, 'hash-password'], { cwd: REPO, input, encoding: 'utf8', timeout: 30_000 });
}

describe('cli: hash-password', () => {
  it('prints a scrypt hash of the piped password that verifies, and a new salt each time', async () => {
    const a = hash('correct horse\n');
    const b = hash('correct horse');
    expect(a.status, a.stderr).to.equal(0);
    const line = a.stdout.trim();
    expect(line).to.match(HASH_PATTERN);
    expect(line).to.not.equal(b.stdout.trim());
    expect(await verifyPassword('correct horse', line)).to.equal(true);
    expect(await verifyPassword('correct horse\n', line)).to.equal(false);
    expect(await verifyPassword('wrong', line)).to.equal(false);
  });

  it('refuses an empty password with exit code 1 and prints no hash', () => {
    const res = hash('');
    expect(res.status).to.equal(1);
    expect(res.stdout).to.equal('');
    expect(res.stderr).to.include('Empty password');
  });
});
