/**
 * Theming and customisation in Chromium: public/theme.json variables and fonts, the theme
 * toggle, custom CSS/JS, readme, header links, translations by browser locale (and the page's
 * lang/dir), user env and --root-path.
 */
import { expect } from 'chai';
import type { Browser } from 'playwright-core';
import { gotoChat, launchBrowser, openPage, requireChromium, send, startServer, writeApp, type UiServer } from './support.js';

describe('browser: theming and customisation', function () {
  this.timeout(60_000);
  let browser: Browser;
  let themed: UiServer;
  let plain: UiServer;

  before(async function () {
    requireChromium(this);
    browser = await launchBrowser();
    themed = await startServer('theme/app.yaml');
    plain = await startServer('chat.yaml');
  });
  after(async () => {
    await browser?.close();
    await themed?.stop();
    await plain?.stop();
  });

  it('applies theme.json variables for the default theme and after toggling', async () => {
    const { context, page, errors } = await openPage(browser);
    await gotoChat(page, themed.page('/'));
    const body = () =>
      page.evaluate(() => {
        const s = getComputedStyle(document.body);
        return { bg: s.backgroundColor, font: s.fontFamily, cls: document.documentElement.className };
      });
    expect(await body()).to.deep.equal({ bg: 'rgb(255, 255, 0)', font: 'Georgia, serif', cls: 'light' });
    await page.locator('#theme-toggle').click();
    await page.getByText('Dark', { exact: false }).first().click();
    expect(await body()).to.deep.equal({ bg: 'rgb(85, 255, 0)', font: '"Courier New", monospace', cls: 'dark' });
    expect(await page.evaluate(() => localStorage.getItem('vite-ui-theme'))).to.equal('dark');
    // The choice survives a reload.
    await gotoChat(page, themed.page('/'));
    expect((await body()).cls).to.equal('dark');
    expect(errors).to.deep.equal([]);
    await context.close();
  });

  it('starts dark by default, and the first "Light" text is the theme menu item', async () => {
    const { context, page } = await openPage(browser);
    await gotoChat(page, plain.page('/'));
    expect(await page.evaluate(() => document.documentElement.className)).to.equal('dark');
    expect(await page.getByText('Light').count()).to.equal(0);
    await page.locator('#theme-toggle').click();
    await page.getByText('Light').first().click();
    expect(await page.evaluate(() => document.documentElement.className)).to.equal('light');
    await context.close();
  });

  it('loads custom CSS and JS, removes the default font for custom_fonts: [], and uses the wide layout', async () => {
    const { context, page } = await openPage(browser);
    await gotoChat(page, themed.page('/'));
    expect(await page.locator('#chat-input').evaluate((el) => getComputedStyle(el).letterSpacing)).to.equal('3px');
    expect(await page.evaluate(() => (window as Window & { __customJsRan?: boolean }).__customJsRan)).to.equal(true);
    expect(await page.locator('link[href$="/assets/fonts.css"]').count()).to.equal(0);
    expect(await page.locator('.app.layout-wide').count()).to.equal(1);
    await context.close();
  });

  it('shows the readme, header links and the GitHub link', async () => {
    const { context, page } = await openPage(browser);
    await gotoChat(page, themed.page('/'));
    await page.locator('#readme-button').click();
    await page.getByRole('dialog').getByText('Welcome to the themed app').waitFor();
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    const link = page.locator('a.header-link');
    expect(await link.getAttribute('href')).to.equal('https://example.com/docs');
    expect(await link.textContent()).to.equal('Docs');
    await gotoChat(page, plain.page('/'));
    expect(await page.locator('#readme-button').count()).to.equal(0);
    expect(await page.locator('a[href="https://example.com/repo"]').count()).to.equal(1);
    await context.close();
  });

  it('translates the UI for a French browser and falls back to English for unknown languages', async () => {
    const fr = await openPage(browser, { locale: 'fr-FR' });
    await gotoChat(fr.page, plain.page('/'));
    expect(await fr.page.locator('#chat-input').getAttribute('placeholder')).to.equal('Tapez votre message ici...');
    expect(await fr.page.locator('#command-button').textContent()).to.equal('Outils');
    await send(fr.page, 'steps');
    await fr.page.getByText('Steps finished.').waitFor();
    expect(await fr.page.locator('#step-tool1').textContent()).to.equal('A utilisé tool1');
    await fr.context.close();
    const de = await openPage(browser, { locale: 'de-DE' });
    await gotoChat(de.page, plain.page('/'));
    expect(await de.page.locator('#chat-input').getAttribute('placeholder')).to.equal('Geben Sie hier Ihre Nachricht ein...');
    await de.context.close();
    const xx = await openPage(browser, { locale: 'sw-KE' });
    await gotoChat(xx.page, plain.page('/'));
    expect(await xx.page.locator('#chat-input').getAttribute('placeholder')).to.equal('Type your message here...');
    await xx.context.close();
  });

  it('shows a Japanese browser the ja texts, marked lang=ja', async () => {
    const ja = await openPage(browser, { locale: 'ja-JP' });
    await gotoChat(ja.page, plain.page('/'));
    expect(await ja.page.locator('#chat-input').getAttribute('placeholder')).to.equal('ここにメッセージを入力...');
    expect(await ja.page.locator('#command-button').textContent()).to.equal('ツール');
    await send(ja.page, 'steps');
    await ja.page.getByText('Steps finished.').waitFor();
    expect(await ja.page.locator('#step-tool1').textContent()).to.equal('使用済み: tool1');
    // ja-JP has no file of its own: the server answers with ja.json and says so.
    expect(await ja.page.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).to.deep.equal(['ja', 'ltr']);
    expect(ja.errors).to.deep.equal([]);
    await ja.context.close();
  });

  // [browser locale, lang and dir of the page, composer placeholder]
  const directions: Array<[locale: string, lang: string, dir: string, placeholder: string]> = [
    ['ar-SA', 'ar-SA', 'rtl', 'اكتب رسالتك هنا...'],
    ['he', 'he-IL', 'rtl', 'כאן כותבים את ההודעה...'],
    ['fr-FR', 'fr-FR', 'ltr', 'Tapez votre message ici...'],
    // No Arabic file for Egypt (Chainlit's fallback keeps regions apart): English, left to right.
    ['ar-EG', 'en-US', 'ltr', 'Type your message here...'],
  ];
  for (const [locale, lang, dir, placeholder] of directions) {
    it(`marks the page lang=${lang} dir=${dir} for a ${locale} browser`, async () => {
      const { context, page } = await openPage(browser, { locale });
      await gotoChat(page, plain.page('/'));
      expect(await page.locator('#chat-input').getAttribute('placeholder')).to.equal(placeholder);
      expect(await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).to.deep.equal([lang, dir]);
      expect(await page.locator('#chat-input').evaluate((el) => getComputedStyle(el).direction)).to.equal(dir);
      await context.close();
    });
  }

  it('follows ui.language, not the browser, for the texts and their direction', async () => {
    const server = await startServer(writeApp({ 'chainlit.yaml': 'name: Forced\nui:\n  language: he-IL\n' }));
    try {
      const { context, page } = await openPage(browser, { locale: 'en-US' });
      await gotoChat(page, server.page('/'));
      expect(await page.locator('#chat-input').getAttribute('placeholder')).to.equal('כאן כותבים את ההודעה...');
      expect(await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).to.deep.equal(['he-IL', 'rtl']);
      await context.close();
    } finally {
      await server.stop();
    }
  });

  it('asks for user env values on /env and then connects', async () => {
    const server = await startServer('env.yaml');
    try {
      const { context, page } = await openPage(browser);
      await page.goto(server.page('/'));
      await page.waitForURL(/\/env$/);
      expect(await page.locator('#submit-env').isDisabled()).to.equal(true);
      await page.locator('#TEST_KEY').fill('secret');
      await page.locator('#submit-env').click();
      await page.waitForURL((u) => u.pathname === '/');
      await page.locator('#message-composer[data-connection="connected"]').waitFor();
      expect(await page.evaluate(() => localStorage.getItem('userEnv'))).to.equal('{"TEST_KEY":"secret"}');
      await send(page, 'env ok');
      await page.getByText('echo: env ok').waitFor();
      await context.close();
    } finally {
      await server.stop();
    }
  });

  it('works under a root path: assets, REST and the socket all live under it', async () => {
    const server = await startServer('chat.yaml', { rootPath: '/sub/app' });
    try {
      const { context, page, errors } = await openPage(browser);
      const requests: string[] = [];
      page.on('request', (r) => requests.push(new URL(r.url()).pathname));
      await gotoChat(page, server.page('/'));
      expect(page.url()).to.contain('/sub/app');
      await send(page, 'rooted');
      await page.getByText('echo: rooted').waitFor();
      const own = requests.filter((p) => !p.startsWith('/sub/app'));
      expect(own, 'requests outside the root path').to.deep.equal([]);
      expect(requests.some((p) => p.startsWith('/sub/app/ws/socket.io'))).to.equal(true);
      expect(errors).to.deep.equal([]);
      await context.close();
    } finally {
      await server.stop();
    }
  });
});
