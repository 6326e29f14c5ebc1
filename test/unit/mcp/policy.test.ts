import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import { addressAllowed, isPublicAddress } from '../../../runtime/integrations/mcp/address.js';
import { createGuardedFetch } from '../../../runtime/integrations/mcp/guarded-fetch.js';
import { resolveStdioCommand, splitCommand } from '../../../runtime/integrations/mcp/stdio-command.js';
import { ChainlitRtError } from '../../../runtime/errors.js';

describe('mcp policy: addresses', () => {
  it('allows public unicast addresses only', () => {
    for (const a of ['8.8.8.8', '1.1.1.1', '2001:4860:4860::8888', '[2606:4700::1111]']) expect(isPublicAddress(a), a).to.equal(true);
    for (const a of [
      '127.0.0.1', '127.255.0.9', '::1', '[::1]', '10.0.0.1', '172.16.5.4', '192.168.1.1', '169.254.169.254', 'fe80::1', 'fd00::1', 'fc00::1',
      '100.64.0.1', '0.0.0.0', '::', '224.0.0.1', 'ff02::1', '255.255.255.255', '::ffff:127.0.0.1', '::ffff:7f00:1', '::ffff:169.254.169.254',
      '64:ff9b::7f00:1', '2002:7f00:1::1', 'localhost', 'not an address',
    ]) expect(isPublicAddress(a), a).to.equal(false);
  });

  it('opens private addresses only as the manifest says (addresses and CIDRs; mapped IPv6 counts as IPv4)', () => {
    expect(addressAllowed('127.0.0.1', false)).to.equal(false);
    expect(addressAllowed('127.0.0.1', true)).to.equal(true);
    expect(addressAllowed('127.0.0.1', ['127.0.0.1'])).to.equal(true);
    expect(addressAllowed('::ffff:127.0.0.1', ['127.0.0.1'])).to.equal(true);
    expect(addressAllowed('127.0.0.2', ['127.0.0.1'])).to.equal(false);
    expect(addressAllowed('::1', ['127.0.0.1'])).to.equal(false);
    expect(addressAllowed('10.1.2.3', ['10.0.0.0/8'])).to.equal(true);
    expect(addressAllowed('169.254.169.254', ['10.0.0.0/8'])).to.equal(false);
    expect(addressAllowed('::1', ['::1/128'])).to.equal(true);
    expect(addressAllowed('8.8.8.8', [])).to.equal(true);
    expect(() => addressAllowed('10.0.0.1', ['ten/8'])).to.throw(ChainlitRtError, /not an IP address or CIDR network/);
  });
});

describe('mcp policy: the guarded fetch checks the address each socket connects to', () => {
  let server: Server;
  let port = 0;
  let hits = 0;
  before(async () => {
    server = createServer((_req, res) => {
      hits += 1;
      res.end('ok');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    port = (server.address() as AddressInfo).port;
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('refuses a name that resolves to loopback at connect time, without the pre-check', async () => {
    const guard = createGuardedFetch(false);
    try {
      const err = await guard.fetch(`http://localhost:${port}/`).then(() => null, (e: unknown) => e);
      expect(err).to.be.instanceOf(ChainlitRtError);
      expect((err as ChainlitRtError).message).to.match(/^MCP URL refused: localhost resolves to (127\.0\.0\.1|::1)/);
      expect(hits).to.equal(0);
    } finally {
      await guard.close();
    }
  });

  it('connects when the manifest allows the resolved addresses (control)', async () => {
    const guard = createGuardedFetch(['127.0.0.1', '::1']);
    try {
      const res = await guard.fetch(`http://localhost:${port}/`);
      expect(await res.text()).to.equal('ok');
      expect(hits).to.equal(1);
    } finally {
      await guard.close();
    }
  });
});

describe('mcp policy: stdio commands', () => {
  it('splits like a shell without doing anything else a shell does', () => {
    expect(splitCommand(`node a.js ; rm -rf / && $(id) \`id\` | tee x > y`)).to.deep.equal(['node', 'a.js', ';', 'rm', '-rf', '/', '&&', '$(id)', '`id`', '|', 'tee', 'x', '>', 'y']);
    expect(splitCommand(`uvx "mcp server" 'it''s' a\\ b ""`)).to.deep.equal(['uvx', 'mcp server', 'its', 'a b', '']);
    expect(splitCommand(`x "say \\"hi\\""`)).to.deep.equal(['x', 'say "hi"']);
  });

  it('takes the first word as the executable, compared exactly with the allowed list', () => {
    expect(resolveStdioCommand('uvx mcp-server-time --local', ['uvx'])).to.deep.equal({ command: 'uvx', args: ['mcp-server-time', '--local'] });
    for (const line of ['/usr/bin/uvx x', './uvx x', 'UVX x', 'bash -c uvx', 'uvx2 x']) {
      expect(() => resolveStdioCommand(line, ['uvx']), line).to.throw(/is not allowed for stdio MCP servers/);
    }
    expect(() => resolveStdioCommand('uvx x', []), 'the default list allows nothing').to.throw(/is not allowed/);
    expect(() => resolveStdioCommand('FOO=1 uvx x', ['uvx'])).to.throw('The MCP command cannot set environment variables');
    expect(() => resolveStdioCommand('   ', ['uvx'])).to.throw('The MCP command is empty');
  });
});
