/**
 * The app embedded in a host page (manifests/public/copilot-host.html), in Chromium:
 * CopilotFunction calls reach the host through the `chainlit-call-fn` event and its
 * callback's answer comes back into the chat; window messages travel both ways between
 * the host and the plugin (onWindowMessage / sendWindowMessage).
 */
import { expect } from 'chai';
import { join } from 'node:path';
import type { Browser, BrowserContext, FrameLocator, Page } from 'playwright-core';
import { REPO } from '../support/server.js';
import { launchBrowser, openPage, requireChromium, startServer, type UiServer } from './support.js';

describe('browser: host page bridges (call_fn, window messages)', function () {
  this.timeout(60_000);
  let server: UiServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let errors: string[];
  let app: FrameLocator;

  before(async function () {
    requireChromium(this);
    server = await startServer(join(REPO, 'manifests', 'copilot-functions.yaml'));
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });
  beforeEach(async () => {
    ({ context, page, errors } = await openPage(browser, { viewport: { width: 1280, height: 900 } }));
    await page.goto(server.page('/public/copilot-host.html'));
    app = page.frameLocator('#app');
    await app.locator('#chat-input').waitFor();
    // Connected: the banner is gone and the starters are enabled.
    await app.locator('#starters button:not([disabled])').first().waitFor();
    await expectNoBanner();
  });
  afterEach(async () => {
    await context?.close();
    expect(errors, 'page errors').to.deep.equal([]);
  });

  async function expectNoBanner(): Promise<void> {
    await app.locator('.connection-banner').waitFor({ state: 'detached' });
  }

  async function sendInApp(text: string): Promise<void> {
    await app.locator('#chat-input').fill(text);
    await app.locator('#chat-input').press('Enter');
  }

  const hostLog = () => page.locator('#log').textContent().then((t) => t ?? '');

  it('answers a CopilotFunction from the host page and shows the answer in the chat', async () => {
    await sendInApp('color');
    const reply = app.locator('.step[data-step-type="assistant_message"]', { hasText: 'The host page says its colour is' });
    await reply.waitFor();
    const initial = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect((await reply.textContent())?.trim()).to.equal(`The host page says its colour is ${JSON.stringify(initial)}.`);
    expect(await hostLog()).to.contain('call_fn get_page_color {"element":"body"}');

    // A call with arguments changes the host page, and the next call sees the change.
    await sendInApp('paint blue');
    await app.locator('.step', { hasText: 'Painted the page blue.' }).waitFor();
    expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).to.equal('rgb(0, 0, 255)');
    expect(await hostLog()).to.contain('call_fn set_page_color {"color":"blue"}');
    await sendInApp('color');
    await app.locator('.step', { hasText: 'The host page says its colour is "rgb(0, 0, 255)".' }).waitFor();
  });

  it('delivers a host window message to onWindowMessage', async () => {
    await page.locator('#ping').click();
    const reply = app.locator('.step[data-step-type="assistant_message"]', { hasText: 'The host page sent:' });
    await reply.waitFor();
    const json = (await reply.textContent())!.trim().replace(/^The host page sent: /, '');
    const data = JSON.parse(json) as { type: string; at: string };
    expect(data.type).to.equal('ping');
    expect(Number.isNaN(Date.parse(data.at))).to.equal(false);
  });

  it('delivers sendWindowMessage to the host page', async () => {
    await sendInApp('hello host');
    await app.locator('.step', { hasText: 'Sent "hello host" to the host page as a window message.' }).waitFor();
    await page.waitForFunction(() => document.getElementById('log')!.textContent!.includes('window message'));
    expect(await hostLog()).to.contain('window message {"type":"echo","text":"hello host"}');
  });
});
