/**
 * The app embedded in a host page (manifests/public/copilot-host.html), in Chromium:
 * CopilotFunction calls reach the host through the `chainlit-call-fn` event and its
 * callback's answer comes back into the chat; window messages travel both ways between
 * the host and the plugin (onWindowMessage / sendWindowMessage).
 */
import { expect } from 'chai';
import { join } from 'node:path';
import type { FrameLocator } from 'playwright-core';
import { REPO } from '../support/server.js';
import { useChatPage } from './support.js';

describe('browser: host page bridges (call_fn, window messages)', function () {
  this.timeout(60_000);
  let app: FrameLocator;

  const ui = useChatPage(join(REPO, 'manifests', 'copilot-functions.yaml'), {
    page: { viewport: { width: 1280, height: 900 } },
    start: false,
  });
  beforeEach(async () => {
    await ui.page.goto(ui.server.page('/public/copilot-host.html'));
    app = ui.page.frameLocator('#app');
    await app.locator('#chat-input').waitFor();
    // Connected: the banner is gone and the starters are enabled.
    await app.locator('#starters button:not([disabled])').first().waitFor();
    await expectNoBanner();
  });

  async function expectNoBanner(): Promise<void> {
    await app.locator('.connection-banner').waitFor({ state: 'detached' });
  }

  async function sendInApp(text: string): Promise<void> {
    await app.locator('#chat-input').fill(text);
    await app.locator('#chat-input').press('Enter');
  }

  const hostLog = () => ui.page.locator('#log').textContent().then((t) => t ?? '');

  it('answers a CopilotFunction from the host page and shows the answer in the chat', async () => {
    await sendInApp('color');
    const reply = app.locator('.step[data-step-type="assistant_message"]', { hasText: 'The host page says its colour is' });
    await reply.waitFor();
    const initial = await ui.page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect((await reply.textContent())?.trim()).to.equal(`The host page says its colour is ${JSON.stringify(initial)}.`);
    expect(await hostLog()).to.contain('call_fn get_page_color {"element":"body"}');

    // A call with arguments changes the host page, and the next call sees the change.
    await sendInApp('paint blue');
    await app.locator('.step', { hasText: 'Painted the page blue.' }).waitFor();
    expect(await ui.page.evaluate(() => getComputedStyle(document.body).backgroundColor)).to.equal('rgb(0, 0, 255)');
    expect(await hostLog()).to.contain('call_fn set_page_color {"color":"blue"}');
    await sendInApp('color');
    await app.locator('.step', { hasText: 'The host page says its colour is "rgb(0, 0, 255)".' }).waitFor();
  });

  it('delivers a host window message to onWindowMessage', async () => {
    await ui.page.locator('#ping').click();
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
    await ui.page.waitForFunction(() => document.getElementById('log')!.textContent!.includes('window message'));
    expect(await hostLog()).to.contain('window message {"type":"echo","text":"hello host"}');
  });
});
