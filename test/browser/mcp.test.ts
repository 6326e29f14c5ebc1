/**
 * The MCP dialog in Chromium against a real streamable-HTTP MCP server on loopback (allowed
 * by the manifest's `features.mcp.allow_private_addresses`): the plug button opens
 * #mcp-servers, a server added there lists its tools and is usable by the app in this
 * session, a refused server shows the server's reason, a removed one is disconnected; the
 * saved server comes back after a reload. Without `features.mcp.enabled` there is no button.
 */
import { expect } from 'chai';
import type { Browser } from 'playwright-core';
import { startMcpHttpServer, type McpHttpFixture } from '../fixtures/mcp/http-server.js';
import { waitUntil } from '../support/wait.js';
import { gotoChat, launchBrowser, openPage, requireChromium, send, startServer, writeApp, type UiServer } from './support.js';

const PLUGIN = `
import { definePlugin, Message, context } from 'chainlit-rt';
export default definePlugin({
  async onMessage(message) {
    const web = context.session.mcp.get('web');
    if (!web) return new Message({ content: 'no server' }).send();
    const result = await web.callTool('shout', { text: message.content });
    await new Message({ content: 'tool said ' + result.content[0].text }).send();
  },
});
`;

const ENABLED = `name: MCP UI
plugins: [p.ts]
features:
  mcp:
    enabled: true
    sse: { enabled: false }
    allow_private_addresses: true
`;

describe('browser: the MCP dialog', function () {
  this.timeout(90_000);
  let browser: Browser;
  let mcp: McpHttpFixture;
  let enabled: UiServer;
  let disabled: UiServer;

  before(async function () {
    requireChromium(this);
    mcp = await startMcpHttpServer('127.0.0.1');
    enabled = await startServer(writeApp({ 'chainlit.yaml': ENABLED, 'p.ts': PLUGIN }));
    disabled = await startServer(writeApp({ 'chainlit.yaml': 'name: No MCP\nplugins: [p.ts]\n', 'p.ts': PLUGIN }));
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await enabled?.stop();
    await disabled?.stop();
    await mcp?.close();
  });

  it('adds a streamable-HTTP server, shows its tools, the app uses it, a refusal is shown, and remove disconnects it', async () => {
    const { context, page, errors } = await openPage(browser);
    try {
      await gotoChat(page, enabled.page('/'));
      await page.locator('#message-composer svg.lucide-plug').click();
      const dialog = page.locator('#mcp-servers');
      await dialog.waitFor();
      // Only the enabled transports are offered (SSE is off in this manifest).
      expect(await page.locator('#server-type option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value))).to.deep.equal(['stdio', 'streamable-http']);

      await page.locator('#server-name').fill('web');
      await page.locator('#server-type').selectOption('streamable-http');
      await page.locator('#http-url').fill(mcp.url);
      await page.locator('#mcp-connect').click();
      const server = dialog.locator('.mcp-server[data-name="web"][data-status="connected"]');
      await server.waitFor();
      expect(await server.locator('.mcp-tool').allTextContents()).to.deep.equal(['multiply', 'shout']);
      expect(mcp.opened.size).to.equal(1);

      // A stdio command the manifest does not allow: the server's reason is shown, nothing is added.
      await page.locator('#server-name').fill('shell');
      await page.locator('#server-type').selectOption('stdio');
      await page.locator('#server-command').fill('bash -c "touch /tmp/never"');
      await page.locator('#mcp-connect').click();
      await dialog.locator('[role="alert"]', { hasText: 'The executable "bash" is not allowed for stdio MCP servers' }).waitFor();
      expect(await dialog.locator('.mcp-server').count()).to.equal(1);

      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'detached' });
      await send(page, 'hello');
      await page.locator('.step', { hasText: 'tool said HELLO' }).first().waitFor();

      // After a reload (a new session) the saved server is connected again.
      await page.reload();
      await page.locator('#message-composer[data-connection="connected"]').waitFor();
      await page.locator('#message-composer svg.lucide-plug').click();
      await page.locator('#mcp-servers .mcp-server[data-name="web"][data-status="connected"]').waitFor();
      expect(mcp.opened.size).to.equal(2);

      const closedBefore = mcp.closed.size;
      await page.locator('#mcp-servers .mcp-remove').click();
      await page.locator('#mcp-servers .mcp-server').waitFor({ state: 'detached' });
      await page.locator('#mcp-servers .mcp-empty').waitFor();
      await waitUntil('the MCP server session was terminated', () => mcp.closed.size > closedBefore);
      await page.keyboard.press('Escape');
      await send(page, 'again');
      await page.locator('.step', { hasText: 'no server' }).first().waitFor();
      expect(errors).to.deep.equal([]);
    } finally {
      await context.close();
    }
  });

  it('shows no plug button when features.mcp.enabled is off', async () => {
    const { context, page, errors } = await openPage(browser);
    try {
      await gotoChat(page, disabled.page('/'));
      // The composer is fully rendered (connected), and the button is not in it.
      await page.locator('#chat-submit').waitFor();
      expect(await page.locator('svg.lucide-plug').count()).to.equal(0);
      expect(await page.locator('#mcp-button').count()).to.equal(0);
      expect(errors).to.deep.equal([]);
    } finally {
      await context.close();
    }
  });
});

