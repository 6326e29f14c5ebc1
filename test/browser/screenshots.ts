/**
 * Regenerates docs/images/*.png: the main screens in light and dark.
 *
 *   npx tsx test/browser/screenshots.ts
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { REPO } from '../support/server.js';
import { gotoChat, launchBrowser, openPage, send, startServer } from './support.js';

const out = join(REPO, 'docs', 'images');

async function shoot(browser: Browser, url: string, name: string, scenario: (page: Page) => Promise<void>, width = 1200): Promise<void> {
  for (const theme of ['light', 'dark'] as const) {
    const { context, page } = await openPage(browser, { colorScheme: theme, viewport: { width, height: 800 } });
    await page.addInitScript((t) => localStorage.setItem('vite-ui-theme', t), theme);
    await gotoChat(page, url);
    await scenario(page);
    await page.mouse.move(0, 0);
    // Hover effects and fade-ins are CSS transitions/animations: wait until they are done.
    await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'));
    await page.screenshot({ path: join(out, `${name}-${theme}.png`) });
    await context.close();
  }
}

async function main(): Promise<void> {
  mkdirSync(out, { recursive: true });
  const chat = await startServer('chat.yaml');
  const profiles = await startServer('profiles.yaml');
  const browser = await launchBrowser();
  try {
    await shoot(browser, profiles.page('/'), 'welcome', async () => undefined);
    await shoot(browser, chat.page('/'), 'chat', async (page) => {
      await send(page, 'steps');
      await page.getByText('Steps finished.').waitFor();
      await page.locator('#step-tool1').click();
      await send(page, 'markdown');
      await page.locator('.katex').waitFor();
      await send(page, 'actions');
      await page.locator('[id="keep-action"]').waitFor();
    });
    await shoot(browser, chat.page('/'), 'ask-file', async (page) => {
      await send(page, 'ask file');
      await page.locator('#ask-upload-button').waitFor();
    });
    await shoot(browser, chat.page('/'), 'commands', async (page) => {
      await page.locator('#chat-input').type('/');
      await page.locator('.command-item').first().waitFor();
    });
    await shoot(browser, profiles.page('/'), 'settings', async (page) => {
      await page.locator('#chat-settings-open-modal').click();
      await page.locator('#chat-settings').waitFor();
    });
    await shoot(browser, chat.page('/'), 'mobile', async (page) => {
      await send(page, 'markdown');
      await page.locator('table').waitFor();
    }, 390);
  } finally {
    await browser.close();
    await chat.stop();
    await profiles.stop();
  }
  console.log(`screenshots written to ${out}`);
}

await main();
