/**
 * Manifest keys that only the web UI honours, each seen at work in Chromium against
 * test/fixtures/ui/manifest-keys.yaml (every key set away from its default) and, for
 * contrast, the plain chat.yaml. Listed as proofs in test/unit/manifest/working-keys.ts.
 */
import { expect } from 'chai';
import type { Browser, Page } from 'playwright-core';
import { gotoChat, launchBrowser, openPage, requireChromium, send, startServer, type UiServer } from './support.js';

/** How far the message list is from its bottom, in pixels. */
function distanceFromBottom(page: Page): Promise<number> {
  return page.locator('.message-scroll').evaluate((el) => el.scrollHeight - el.scrollTop - el.clientHeight);
}

describe('browser: manifest keys the web UI honours', function () {
  this.timeout(90_000);
  let browser: Browser;
  let keys: UiServer;
  let plain: UiServer;

  before(async function () {
    requireChromium(this);
    browser = await launchBrowser();
    keys = await startServer('manifest-keys.yaml');
    plain = await startServer('chat.yaml');
  });
  after(async () => {
    await browser?.close();
    await keys?.stop();
    await plain?.stop();
  });

  it('ui.logo_file_url is the logo; without it the default logo is the app\'s name', async () => {
    const { context, page, errors } = await openPage(browser);
    await gotoChat(page, keys.page('/'));
    expect(await page.locator('#welcome-screen img.welcome-logo').getAttribute('src')).to.equal('/public/custom-logo.svg');
    await gotoChat(page, plain.page('/'));
    const logo = page.locator('#welcome-screen img.welcome-logo');
    expect(await logo.getAttribute('alt')).to.equal('UI Test');
    const svg = await page.evaluate(async (src) => (await fetch(src)).text(), (await logo.getAttribute('src'))!);
    expect(svg).to.include('>UI Test</text>');
    expect(svg).to.not.include('chainlit-rt');
    expect(errors).to.deep.equal([]);
    await context.close();
  });

  it('starter_categories show their starters; commands[].selected preselects a command', async () => {
    const { context, page, errors } = await openPage(browser);
    await gotoChat(page, keys.page('/'));
    expect(await page.locator('#command-search').getAttribute('data-selected')).to.equal('true');
    await page.locator('.starter-category', { hasText: 'Animals' }).click();
    await page.locator('#starter-cats').click();
    await page.getByText('echo: tell me about cats (command search)').waitFor();
    expect(errors).to.deep.equal([]);
    await context.close();
  });

  it('features.user_message_markdown: false shows the user\'s text as typed; ui.default_avatar_file_url is every assistant avatar', async () => {
    const { context, page, errors } = await openPage(browser);
    await gotoChat(page, keys.page('/'));
    await page.locator('#command-search').click(); // deselect, so the echo is plain
    await send(page, 'some **bold** words');
    // The assistant's echo is Markdown (rendered); only the user's message stays as typed.
    await page.locator('.step[data-step-type="assistant_message"]', { hasText: 'echo: some bold words' }).waitFor();
    const user = page.locator('.step[data-step-type="user_message"]').first();
    expect(await user.innerText()).to.include('some **bold** words');
    expect(await user.locator('strong').count()).to.equal(0);
    expect(await page.locator('.step[data-step-type="assistant_message"] .avatar img').first().getAttribute('src')).to.equal('/public/custom-avatar.svg');
    expect(errors).to.deep.equal([]);
    await context.close();
  });

  it('ui.confirm_new_chat: false starts a new chat without asking', async () => {
    const { context, page, errors } = await openPage(browser);
    await gotoChat(page, keys.page('/'));
    await send(page, 'hello');
    await page.getByText('echo: hello (command search)').waitFor();
    await page.locator('#header #new-chat-button').click();
    await page.locator('#welcome-screen').waitFor();
    expect(await page.locator('#new-chat-dialog').count()).to.equal(0);
    expect(errors).to.deep.equal([]);
    await context.close();
  });

  it('ui.header_links[].target opens the link where it says', async () => {
    const { context, page } = await openPage(browser);
    await gotoChat(page, keys.page('/'));
    const link = page.locator('a.header-link');
    expect(await link.getAttribute('href')).to.equal('https://example.com/same');
    expect(await link.getAttribute('target')).to.equal('_self');
    await context.close();
  });

  it('ui.chat_settings_location: message_composer opens the settings from the composer, with the number widget\'s min, max and step', async () => {
    const { context, page, errors } = await openPage(browser);
    await gotoChat(page, keys.page('/'));
    await page.locator('#chat-settings-open-modal').click();
    const count = page.locator('#chat-settings input#count');
    await count.waitFor();
    expect(await count.evaluate((el: HTMLInputElement) => [el.min, el.max, el.step, el.value])).to.deep.equal(['1', '9', '2', '3']);
    expect(errors).to.deep.equal([]);
    await context.close();
  });

  it('ui.default_collapse_content: false shows long answers in full; the default folds them', async () => {
    for (const [server, folded] of [[keys, false], [plain, true]] as const) {
      const { context, page } = await openPage(browser);
      await gotoChat(page, server.page('/'));
      if (server === keys) await page.locator('#command-search').click();
      await send(page, 'bench stream 1500');
      await page.getByText('bench stream done').waitFor();
      const long = page.locator('.step[data-step-type="assistant_message"]').first();
      if (folded) await long.locator('.collapsible-toggle').waitFor();
      expect(await long.locator('.collapsible-toggle').count(), server === keys ? 'manifest-keys.yaml' : 'chat.yaml').to.equal(folded ? 1 : 0);
      await context.close();
    }
  });

  it('features.assistant_message_autoscroll and user_message_autoscroll: false leave the reader where they are', async () => {
    const { context, page } = await openPage(browser, { viewport: { width: 1000, height: 600 } });
    await gotoChat(page, keys.page('/'));
    await page.locator('#command-search').click();
    // Answers that overflow the list do not drag the view down…
    await send(page, 'bench thread 40');
    await page.getByText('bench thread done').waitFor();
    expect(await distanceFromBottom(page)).to.be.greaterThan(200);
    // …and neither does the user's own next message.
    await page.locator('.message-scroll').evaluate((el) => { el.scrollTop = 0; });
    await send(page, 'after scrolling up');
    await page.locator('.step[data-step-type="assistant_message"]', { hasText: 'echo: after scrolling up' }).waitFor({ state: 'attached' });
    expect(await page.locator('.message-scroll').evaluate((el) => el.scrollTop)).to.equal(0);
    await context.close();

    // The defaults follow both.
    const fresh = await openPage(browser, { viewport: { width: 1000, height: 600 } });
    await gotoChat(fresh.page, plain.page('/'));
    await send(fresh.page, 'bench thread 40');
    await fresh.page.getByText('bench thread done').waitFor();
    await fresh.page.waitForFunction(() => {
      const el = document.querySelector('.message-scroll');
      return el !== null && el.scrollHeight - el.scrollTop - el.clientHeight < 5;
    });
    await fresh.page.locator('.message-scroll').evaluate((el) => { el.scrollTop = 0; });
    await send(fresh.page, 'after scrolling up');
    await fresh.page.waitForFunction(() => {
      const el = document.querySelector('.message-scroll');
      return el !== null && el.scrollHeight - el.scrollTop - el.clientHeight < 5;
    });
    await fresh.context.close();
  });

  it('project.mask_user_env: true types user env values into a masked field', async () => {
    const masked = await startServer('env-masked.yaml');
    try {
      const { context, page } = await openPage(browser);
      await page.goto(masked.page('/'));
      await page.waitForURL(/\/env$/);
      expect(await page.locator('#TEST_KEY').getAttribute('type')).to.equal('password');
      await context.close();
      const plainEnv = await startServer('env.yaml');
      try {
        const other = await openPage(browser);
        await other.page.goto(plainEnv.page('/'));
        await other.page.waitForURL(/\/env$/);
        expect(await other.page.locator('#TEST_KEY').getAttribute('type')).to.equal('text');
        await other.context.close();
      } finally {
        await plainEnv.stop();
      }
    } finally {
      await masked.stop();
    }
  });
});
