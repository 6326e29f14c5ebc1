/**
 * The composer moves from the welcome screen to the dock when the first message arrives;
 * what the user typed meanwhile must move with it (it was lost: the copilot test that
 * types right after a new chat failed whenever the greeting came after the typing).
 */
import { expect } from 'chai';
import { startGate, type Gate } from '../support/gate.js';
import { writeApp } from '../support/server.js';
import { useChatPage } from './support.js';

const PLUGIN = `
import { definePlugin, Message } from 'chainlit-rt';
export default definePlugin({
  async onChatStart() {
    // Held by the test until it has typed (the greeting of a slow app).
    await fetch(process.env.CRT_DRAFT_GATE + '/wait/greet');
    await new Message({ content: 'Hello after a while' }).send();
  },
  async onMessage(message) {
    await new Message({ content: 'echo: ' + message.content }).send();
  },
});
`;

describe('browser: the composer keeps a draft when the first message arrives', function () {
  this.timeout(60_000);
  let gate: Gate;
  before(async () => {
    gate = await startGate();
    process.env.CRT_DRAFT_GATE = gate.url;
  });
  after(async () => {
    delete process.env.CRT_DRAFT_GATE;
    await gate?.close();
  });
  const ui = useChatPage(writeApp({ 'chainlit.yaml': 'name: Draft\nplugins: [plugin.ts]\ndata_layer:\n  enabled: false\n', 'plugin.ts': PLUGIN }));

  it('what was typed on the welcome screen is still there, and sends, after the greeting', async () => {
    const { page } = ui;
    await gate.arrived('greet');
    await page.locator('#welcome-screen #chat-input').fill('half-typed question');
    gate.release('greet');
    await page.locator('.step', { hasText: 'Hello after a while' }).waitFor();
    expect(await page.locator('#welcome-screen').count(), 'the welcome screen is gone').to.equal(0);
    expect(await page.locator('#chat-input').inputValue()).to.equal('half-typed question');
    await page.locator('#chat-submit:not([disabled])').click();
    await page.locator('.step', { hasText: 'echo: half-typed question' }).waitFor();
    expect(await page.locator('#chat-input').inputValue(), 'sent, so cleared').to.equal('');
  });
});
