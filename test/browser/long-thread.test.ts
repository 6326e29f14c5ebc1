/**
 * Long threads and long answers in Chromium (correctness only; the timings live in
 * `npx tsx bench/run.ts ui`): the list mounts the tail of a 1,000-message thread, brings
 * back every earlier message in order through "Show more", and a 40,000-token stream
 * ends with its full text.
 */
import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { send, useChatPage } from './support.js';

const WINDOW = 100; // ui/src/components/chat/MessageList.tsx

describe('browser: long threads', function () {
  this.timeout(120_000);
  const ui = useChatPage('chat.yaml');

  const stepTexts = (p: Page) => p.locator('.step').allTextContents().then((t) => t.map((s) => s.trim()));

  it('renders all 1,000 messages in order, the newest first and older ones on "Show more"', async () => {
    await send(ui.page, 'bench thread 1000');
    await ui.page.locator('.step', { hasText: 'bench thread done' }).waitFor({ timeout: 60_000 });
    // Only the tail is mounted, ending with the newest message; the composer still works.
    const tail = await stepTexts(ui.page);
    expect(tail).to.have.length(WINDOW);
    expect(tail[WINDOW - 1]).to.equal('bench thread done');
    expect(tail[WINDOW - 2]).to.equal('Message 999 with a link and code 999.');
    expect(await ui.page.locator('.show-earlier').count()).to.equal(1);
    await ui.page.locator('#chat-input').fill('still typing');
    expect(await ui.page.locator('#chat-input').inputValue()).to.equal('still typing');

    // Scrolling up mounts earlier pages until the very first message.
    for (let i = 0; i < 100 && (await ui.page.locator('.show-earlier').count()) > 0; i++) {
      const mounted = await ui.page.locator('.step').count();
      await ui.page.locator('.message-scroll').evaluate((el) => el.scrollTo({ top: 0 }));
      // Each scroll to the top mounts the next page of earlier rows.
      await ui.page.waitForFunction((n) => document.querySelectorAll('.step').length > n, mounted);
    }
    expect(await ui.page.locator('.show-earlier').count()).to.equal(0);
    const all = await stepTexts(ui.page);
    expect(all).to.have.length(1002);
    expect(all[0]).to.equal('bench thread 1000');
    for (let i = 0; i < 1000; i++) expect(all[i + 1]).to.equal(`Message ${i} with a link and code ${i}.`);
    expect(all[1001]).to.equal('bench thread done');
    expect(await ui.page.locator('.step').last().getAttribute('data-step-type')).to.equal('assistant_message');
    // Away from the bottom the jump button shows; it brings the reader back.
    await ui.page.locator('.scroll-to-bottom').click();
    await ui.page.waitForFunction(() => {
      const el = document.querySelector('.message-scroll')!;
      return el.scrollHeight - el.scrollTop - el.clientHeight < 40;
    });
    await ui.page.locator('.scroll-to-bottom').waitFor({ state: 'detached' });
  });

  it('keeps a clicked "Show more" from moving what the reader sees', async () => {
    await send(ui.page, 'bench thread 300');
    await ui.page.locator('.step', { hasText: 'bench thread done' }).waitFor({ timeout: 60_000 });
    expect(await ui.page.locator('.step').count()).to.equal(WINDOW);
    // The newest message is on screen; mount 50 more above without scrolling.
    const newest = ui.page.locator('.step').last();
    const topOf = () => newest.evaluate((el) => el.getBoundingClientRect().top);
    const before = await topOf();
    await ui.page.locator('.show-earlier').evaluate((el: HTMLElement) => el.click());
    await ui.page.waitForFunction((n) => document.querySelectorAll('.step').length === n, WINDOW + 50);
    expect(Math.abs((await topOf()) - before)).to.be.below(2);
    expect((await ui.page.locator('.step').first().textContent())?.trim()).to.equal('Message 151 with a link and code 151.');
    expect(await ui.page.locator('.show-earlier').count()).to.equal(1);
  });

  it('streams a 40,000-token answer to its last word', async () => {
    await send(ui.page, 'bench stream 40000');
    await ui.page.locator('.step', { hasText: 'bench stream done' }).waitFor({ timeout: 90_000 });
    const answer = ui.page.locator('.step[data-step-type="assistant_message"]').first().locator('.markdown-body');
    const text = (await answer.textContent()) ?? '';
    expect(text.trimEnd().slice(-30)).to.match(/word39998$/);
    expect(text).to.contain('word0 word1 word2');
    expect(text).to.contain('word20000');
    expect(await ui.page.locator('.step[data-step-type="assistant_message"]').count()).to.equal(2);
  });
});
