/**
 * The web UI over a dropped connection: it says it is reconnecting, and once back it shows
 * the answer that went on meanwhile complete, once, never half of it (the server replays
 * what the page missed from its last event offset).
 */
import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startTcpProxy, type TcpProxy } from '../support/cut-proxy.js';
import { REPO } from '../support/server.js';
import { launchBrowser, openPage, requireChromium, send, startServer, type UiServer } from './support.js';

describe('browser: reconnecting during an answer', function () {
  this.timeout(90_000);
  let server: UiServer;
  let proxy: TcpProxy;
  let browser: Browser;
  let page: Page;

  before(async function () {
    requireChromium(this);
    server = await startServer(join(REPO, 'test/fixtures/apps/turns/chainlit.yaml'));
    proxy = await startTcpProxy(Number(new URL(server.url).port));
    browser = await launchBrowser();
    ({ page } = await openPage(browser));
  });
  after(async () => {
    await browser?.close();
    await proxy?.close();
    await server?.stop();
  });

  it('shows "reconnecting", then the whole answer once the connection is back', async () => {
    const url = `http://127.0.0.1:${proxy.port}/`;
    await page.goto(url);
    await page.locator('#message-composer[data-connection="connected"]').waitFor();
    await page.getByText('start:end').waitFor();
    const latch = `r-${randomUUID()}`;
    await send(page, `stream ${latch} W`);
    const answer = page.locator('.step[data-step-type="assistant_message"]', { hasText: 'W-one' });
    await answer.waitFor();

    proxy.cut(); // the network drops; reconnect attempts are refused until it is back
    await page.locator('#message-composer[data-connection="reconnecting"]').waitFor();
    // The answer goes on while the page is away.
    await fetch(`${server.url}/latch/${latch}`, { method: 'POST' });
    proxy.restore();
    await page.locator('#message-composer[data-connection="connected"]').waitFor();
    await page.locator('.step[data-step-type="assistant_message"]', { hasText: 'W-one W-two' }).waitFor();
    const texts = (await page.locator('.step[data-step-type="assistant_message"] .message-content').allTextContents()).filter((t) => t.includes('W-'));
    expect(texts.map((t) => t.trim())).to.deep.equal(['W-one W-two']);
  });
});
