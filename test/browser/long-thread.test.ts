/**
 * Long threads and long answers in Chromium (correctness only; the timings live in
 * `npx tsx bench/run.ts ui`): the list mounts the tail of a 1,000-message thread, brings
 * back every earlier message in order through "Show more", and a 40,000-token stream
 * ends with its full text.
 */
import { expect } from 'chai';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { gotoChat, launchBrowser, openPage, requireChromium, send, startServer, type UiServer } from './support.js';

const WINDOW = 100; // ui/src/components/chat/MessageList.tsx

describe('browser: long threads', function () {
  this.timeout(120_000);
  let server: UiServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let errors: string[];

  before(async function () {
    requireChromium(this);
    server = await startServer('chat.yaml');
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });
  beforeEach(async () => {
    ({ context, page, errors } = await openPage(browser));
    await gotoChat(page, server.page('/'));
  });
  afterEach(async () => {
    await context?.close();
    expect(errors, 'page errors').to.deep.equal([]);
  });

  const stepTexts = (p: Page) => p.locator('.step').allTextContents().then((t) => t.map((s) => s.trim()));

  it('renders all 1,000 messages in order, the newest first and older ones on "Show more"', async () => {
    await send(page, 'bench thread 1000');
    await page.locator('.step', { hasText: 'bench thread done' }).waitFor({ timeout: 60_000 });
    // Only the tail is mounted, ending with the newest message; the composer still works.
    const tail = await stepTexts(page);
    expect(tail).to.have.length(WINDOW);
    expect(tail[WINDOW - 1]).to.equal('bench thread done');
    expect(tail[WINDOW - 2]).to.equal('Message 999 with a link and code 999.');
    expect(await page.locator('.show-earlier').count()).to.equal(1);
    await page.locator('#chat-input').fill('still typing');
    expect(await page.locator('#chat-input').inputValue()).to.equal('still typing');

    // Scrolling up mounts earlier pages until the very first message.
    for (let i = 0; i < 100 && (await page.locator('.show-earlier').count()) > 0; i++) {
      await page.locator('.message-scroll').evaluate((el) => el.scrollTo({ top: 0 }));
      await page.waitForTimeout(50);
    }
    expect(await page.locator('.show-earlier').count()).to.equal(0);
    const all = await stepTexts(page);
    expect(all).to.have.length(1002);
    expect(all[0]).to.equal('bench thread 1000');
    for (let i = 0; i < 1000; i++) expect(all[i + 1]).to.equal(`Message ${i} with a link and code ${i}.`);
    expect(all[1001]).to.equal('bench thread done');
    expect(await page.locator('.step').last().getAttribute('data-step-type')).to.equal('assistant_message');
    // Away from the bottom the jump button shows; it brings the reader back.
    await page.locator('.scroll-to-bottom').click();
    await page.waitForFunction(() => {
      const el = document.querySelector('.message-scroll')!;
      return el.scrollHeight - el.scrollTop - el.clientHeight < 40;
    });
    await page.locator('.scroll-to-bottom').waitFor({ state: 'detached' });
  });

  it('keeps a clicked "Show more" from moving what the reader sees', async () => {
    await send(page, 'bench thread 300');
    await page.locator('.step', { hasText: 'bench thread done' }).waitFor({ timeout: 60_000 });
    expect(await page.locator('.step').count()).to.equal(WINDOW);
    // The newest message is on screen; mount 50 more above without scrolling.
    const newest = page.locator('.step').last();
    const topOf = () => newest.evaluate((el) => el.getBoundingClientRect().top);
    const before = await topOf();
    await page.locator('.show-earlier').evaluate((el: HTMLElement) => el.click());
    await page.waitForFunction((n) => document.querySelectorAll('.step').length === n, WINDOW + 50);
    expect(Math.abs((await topOf()) - before)).to.be.below(2);
    expect((await page.locator('.step').first().textContent())?.trim()).to.equal('Message 151 with a link and code 151.');
    expect(await page.locator('.show-earlier').count()).to.equal(1);
  });

  it('streams a 40,000-token answer to its last word', async () => {
    await send(page, 'bench stream 40000');
    await page.locator('.step', { hasText: 'bench stream done' }).waitFor({ timeout: 90_000 });
    const answer = page.locator('.step[data-step-type="assistant_message"]').first().locator('.markdown-body');
    const text = (await answer.textContent()) ?? '';
    expect(text.trimEnd().slice(-30)).to.match(/word39998$/);
    expect(text).to.contain('word0 word1 word2');
    expect(text).to.contain('word20000');
    expect(await page.locator('.step[data-step-type="assistant_message"]').count()).to.equal(2);
  });
});
