/**
 * Keyboard-only use, ARIA roles on menus and dialogs, visible focus, and phone width.
 */
import { expect } from 'chai';
import { gotoChat, openPage, send, useChatPage } from './support.js';

describe('browser: accessibility', function () {
  this.timeout(60_000);
  const ui = useChatPage('chat.yaml', { pagePerTest: false });

  it('works with the keyboard only: theme menu, new-chat dialog, composer', async () => {
    const { context, page } = await openPage(ui.browser);
    await gotoChat(page, ui.server.page('/'));
    await page.locator('#theme-toggle').focus();
    const outline = await page.locator('#theme-toggle').evaluate((el) => getComputedStyle(el).outlineStyle);
    expect(outline).to.not.equal('none');
    await page.keyboard.press('Enter');
    const menu = page.locator('[role="menu"]');
    await menu.waitFor();
    expect(await menu.locator('[role="menuitemradio"]').count()).to.equal(3);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await menu.waitFor({ state: 'detached' });
    expect(await page.evaluate(() => document.documentElement.className)).to.be.oneOf(['light', 'dark']);
    expect(await page.evaluate(() => localStorage.getItem('vite-ui-theme'))).to.not.equal(null);

    await page.locator('#chat-input').focus();
    await page.keyboard.type('by keyboard');
    await page.keyboard.press('Enter');
    await page.getByText('echo: by keyboard').waitFor();

    await page.locator('#new-chat-button').focus();
    await page.keyboard.press('Enter');
    const dialog = page.locator('#new-chat-dialog');
    await dialog.waitFor();
    expect(await dialog.getAttribute('role')).to.equal('dialog');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(await page.locator('.step').count()).to.equal(2);
    await page.locator('#new-chat-button').focus();
    await page.keyboard.press('Enter');
    await dialog.waitFor();
    await page.keyboard.press('Enter');
    await page.locator('#welcome-screen').waitFor();
    await context.close();
  });

  it('labels icon-only buttons', async () => {
    const { context, page } = await openPage(ui.browser);
    await gotoChat(page, ui.server.page('/'));
    await send(page, 'hello');
    await page.getByText('echo: hello').waitFor();
    const unlabeled = await page.evaluate(() =>
      [...document.querySelectorAll('button')]
        .filter((b) => !(b.textContent ?? '').trim() && !b.getAttribute('aria-label'))
        .map((b) => b.outerHTML.slice(0, 80)),
    );
    expect(unlabeled).to.deep.equal([]);
    await context.close();
  });

  it('fits a phone screen without horizontal scrolling', async () => {
    const { context, page } = await openPage(ui.browser, { viewport: { width: 375, height: 700 } });
    await gotoChat(page, ui.server.page('/'));
    await send(page, 'markdown');
    await page.locator('table').waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).to.be.at.most(0);
    expect(await page.locator('#chat-input').isVisible()).to.equal(true);
    await context.close();
  });
});
