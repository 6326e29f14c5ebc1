/**
 * `.env` next to the manifest is loaded into process.env before plugins load, so SDKs that
 * read their key from the environment work as in Chainlit; variables already set win.
 */
import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import { connectClient } from '../support/client.js';
import { startServer, writeApp } from '../support/server.js';

describe('.env: loaded into process.env before plugins load', () => {
  const suffix = randomUUID().slice(0, 8).toUpperCase();
  const fromFile = `CRT_DOTENV_KEY_${suffix}`;
  const alreadySet = `CRT_DOTENV_SET_${suffix}`;
  after(() => {
    delete process.env[fromFile];
    delete process.env[alreadySet];
  });

  it('a plugin reads .env values from process.env at module load, and the process environment wins', async () => {
    process.env[alreadySet] = 'from the shell';
    const manifest = writeApp({
      'chainlit.yaml': 'name: Dotenv\nplugins: [plugin.ts]\n',
      '.env': `${fromFile}=sk-from-dotenv\n${alreadySet}=from the file\n`,
      // Read at the top of the module, as an SDK client constructed at import time would.
      'plugin.ts': `import { definePlugin, Message } from 'chainlit-rt';
const atLoad = { key: process.env.${fromFile}, set: process.env.${alreadySet} };
export default definePlugin({ async onMessage() { await new Message({ content: JSON.stringify(atLoad) }).send(); } });
`,
    });
    const server = await startServer(manifest);
    const client = await connectClient(server.url);
    try {
      client.send('env?');
      const answer = await client.waitFor<{ output: string; type: string }>('new_message', (m) => m.type === 'assistant_message');
      expect(JSON.parse(answer.output)).to.deep.equal({ key: 'sk-from-dotenv', set: 'from the shell' });
      expect(process.env[fromFile]).to.equal('sk-from-dotenv');
    } finally {
      client.close();
      await server.stop();
    }
  });
});
