/**
 * The copilot's sidebar mode in Chromium (host page on another site, third-party cookies
 * blocked): the page's body margin follows the sidebar, the drag handle resizes it, the
 * page's own margin comes back on close, on switching to floating and on unmount.
 */
import { expect } from 'chai';
import type { Locator } from 'playwright-core';
import { allow, mountWidget, useCopilot } from './copilot-support.js';

describe('browser: copilot sidebar mode', function () {
  this.timeout(90_000);
  const fx = useCopilot(allow);

  const margin = () => fx.page.evaluate(() => document.body.style.marginRight);
  const waitMargin = (value: string) => fx.page.waitForFunction((v) => document.body.style.marginRight === v, value);
  /** The sidebar: the chat panel's nearest `div.fixed` ancestor (as Chainlit's spec finds it). */
  const sidebar = (): Locator => fx.page.locator('#chainlit-copilot div.fixed', { has: fx.page.locator('#chainlit-copilot-chat') });
  const width = async () => (await sidebar().boundingBox())!.width;

  it('opens as a sidebar and pushes the page aside', async () => {
    const { page } = fx;
    await mountWidget(page, fx.server.url, { displayMode: 'sidebar' });
    const button = page.locator('#chainlit-copilot-button');
    expect(await button.getAttribute('aria-expanded')).to.equal('false');
    await button.click();
    await page.locator('#chainlit-copilot-chat').waitFor();
    await page.locator('.step', { hasText: 'Hi from copilot!' }).waitFor();
    // The button makes way for the sidebar.
    expect(await page.locator('#chainlit-copilot-button').count()).to.equal(0);
    await waitMargin('400px');
    expect(await width()).to.be.closeTo(400, 1);
    expect(await page.evaluate(() => localStorage.getItem('chainlit-copilot-displayMode'))).to.equal('sidebar');
  });

  it('gives the page its margin back when closed', async () => {
    const { page } = fx;
    const own = await margin();
    await mountWidget(page, fx.server.url, { displayMode: 'sidebar', opened: true });
    await page.locator('#chainlit-copilot-chat').waitFor();
    await waitMargin('400px');
    await page.locator('#close-sidebar-button').click();
    await page.locator('#chainlit-copilot-chat').waitFor({ state: 'detached' });
    await waitMargin(own);
    expect(await page.locator('#chainlit-copilot-button').getAttribute('aria-expanded')).to.equal('false');
  });

  it('resizes with the drag handle, the margin following, and keeps the width', async () => {
    const { page } = fx;
    await mountWidget(page, fx.server.url, { displayMode: 'sidebar', opened: true });
    await page.locator('#chainlit-copilot-chat').waitFor();
    const initial = await width();
    expect(initial).to.be.closeTo(400, 1);
    const handle = (await page.locator('[data-testid="sidebar-drag-handle"]').boundingBox())!;
    const y = handle.y + handle.height / 2;
    await page.mouse.move(handle.x + handle.width / 2, y);
    await page.mouse.down();
    await page.mouse.move(handle.x - 200, y, { steps: 4 });
    await page.mouse.up();
    await page.waitForFunction((w) => {
      const root = document.getElementById('chainlit-copilot')!.shadowRoot!;
      return (root.querySelector('div.fixed') as HTMLElement).getBoundingClientRect().width > w;
    }, initial);
    const wider = await width();
    expect(wider).to.be.closeTo(1200 - (handle.x - 200), 2);
    expect(parseFloat(await margin())).to.be.closeTo(wider, 2);
    expect(Number(await page.evaluate(() => localStorage.getItem('chainlit-copilot-sidebarWidth')))).to.be.closeTo(wider, 2);

    // Clamped: never more than half the window, never less than 300 px.
    const moved = (await page.locator('[data-testid="sidebar-drag-handle"]').boundingBox())!;
    await page.mouse.move(moved.x + moved.width / 2, y);
    await page.mouse.down();
    await page.mouse.move(10, y, { steps: 4 });
    await page.mouse.up();
    await waitMargin('600px');
    expect(await width()).to.be.closeTo(600, 1);
    const now = (await page.locator('[data-testid="sidebar-drag-handle"]').boundingBox())!;
    await page.mouse.move(now.x + now.width / 2, y);
    await page.mouse.down();
    await page.mouse.move(1190, y, { steps: 4 });
    await page.mouse.up();
    await waitMargin('300px');
  });

  it('switches to floating from its menu and gives the margin back', async () => {
    const { page } = fx;
    const own = await margin();
    await mountWidget(page, fx.server.url, { displayMode: 'sidebar', opened: true });
    await page.locator('#chainlit-copilot-chat').waitFor();
    await waitMargin('400px');
    await page.locator('#display-mode-button').click();
    await page.locator('[role="menuitemradio"]', { hasText: 'Floating' }).click();
    await waitMargin(own);
    // Still open, now as the popover above the button.
    await page.locator('#chainlit-copilot-chat').waitFor();
    expect(await page.locator('#chainlit-copilot-button').getAttribute('aria-expanded')).to.equal('true');
    expect(await page.locator('#chainlit-copilot .copilot-popover').count()).to.equal(1);
    expect(await page.evaluate(() => localStorage.getItem('chainlit-copilot-displayMode'))).to.equal('floating');
  });

  it('puts the page\'s own inline margin back on unmount', async () => {
    const { page } = fx;
    await page.evaluate(() => {
      document.body.style.marginRight = '20px';
    });
    await mountWidget(page, fx.server.url, { displayMode: 'sidebar', opened: true });
    await page.locator('#chainlit-copilot-chat').waitFor();
    await waitMargin('400px');
    await page.evaluate(() => window.unmountChainlitWidget());
    await waitMargin('20px');
    expect(await page.locator('#chainlit-copilot').count()).to.equal(0);
  });

  it('starts at the width kept from an earlier visit', async () => {
    const { page } = fx;
    await page.evaluate(() => localStorage.setItem('chainlit-copilot-sidebarWidth', '500'));
    await mountWidget(page, fx.server.url, { displayMode: 'sidebar', opened: true });
    await page.locator('#chainlit-copilot-chat').waitFor();
    await waitMargin('500px');
    expect(await width()).to.be.closeTo(500, 1);
  });
});
