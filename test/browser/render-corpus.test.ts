/**
 * The rendering corpus in Chromium (test/fixtures/ui/render-corpus.json): every hostile or
 * odd content is streamed by the real server as an assistant message, with and without
 * `features.unsafe_allow_html`. None may run script, open a dialog, break out of its
 * message or blank the page, and the composer must still work afterwards.
 */
import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { CORPUS } from '../fixtures/ui/corpus.js';
import { send, useChatPage } from './support.js';

type PwnedWindow = Window & { __pwned?: unknown };

/** Entries per page: well under the 100 rows the message list keeps mounted. */
const BATCH = 24;

/** Whatever in the messages could run script: tags, on* handlers, script URLs. */
function dangerousNodes(page: Page): Promise<string[]> {
  // No helper functions inside: the bundler would name them with a helper the page lacks.
  return page.locator('.message-scroll').evaluate((root) => {
    const found: string[] = [];
    const badTags = ['script', 'iframe', 'frame', 'object', 'embed', 'base', 'meta', 'link', 'style', 'form', 'template', 'noscript'];
    const urlAttrs = ['href', 'src', 'action', 'formaction', 'xlink:href', 'poster', 'srcset', 'data', 'background'];
    const navAttrs = ['href', 'action', 'formaction', 'xlink:href'];
    for (const el of Array.from(root.querySelectorAll('*'))) {
      const tag = el.tagName.toLowerCase();
      if (badTags.includes(tag)) found.push(`<${tag}>`);
      for (const attr of Array.from(el.attributes)) {
        const name = attr.name.toLowerCase();
        // Browsers ignore control characters and spaces inside a URL scheme.
        const value = attr.value.replace(/[\u0000-\u0020\u007f-\u009f]/g, '').toLowerCase();
        if (name.startsWith('on')) found.push(`<${tag} ${name}>`);
        if (urlAttrs.includes(name) && /^(javascript|vbscript|livescript):/.test(value)) found.push(`<${tag} ${name}="${attr.value.slice(0, 40)}">`);
        if (navAttrs.includes(name) && /^data:(text\/html|image\/svg|application\/(xhtml|xml))/.test(value)) found.push(`<${tag} ${name}=data:…>`);
      }
    }
    return found;
  });
}

const modes = [
  { manifest: 'corpus.yaml', label: 'without unsafe_allow_html' },
  { manifest: 'corpus-html.yaml', label: 'with unsafe_allow_html' },
];

for (const mode of modes) {
  describe(`browser: rendering corpus ${mode.label}`, function () {
    this.timeout(120_000);
    let dialogs: string[] = [];
    const ui = useChatPage(mode.manifest, {
      prepare: (page) => {
        dialogs = [];
        page.on('dialog', (d) => {
          dialogs.push(`${d.type()}: ${d.message()}`);
          void d.dismiss();
        });
      },
    });

    it(`holds at least 100 entries`, () => {
      expect(CORPUS.length).to.be.at.least(100);
    });

    for (let from = 0; from < CORPUS.length; from += BATCH) {
      const to = Math.min(CORPUS.length, from + BATCH);
      it(`entries ${from}–${to - 1}: every message shows, no script runs, the composer still works`, async () => {
        const page = ui.page;
        await send(page, `corpus ${from} ${to}`);
        const done = page.locator('.step', { hasText: `corpus done ${from} ${to}` });
        // Some entries are large (100,000 characters, 800 paragraphs): allow a busy machine.
        await done.waitFor({ timeout: 60_000 });

        // One top-level .step per entry, in order, and nothing spoofing one.
        const steps = await page.locator('.step').evaluateAll((els) => els.map((e) => e.getAttribute('data-step-type')));
        expect(steps, 'the .step of every message').to.deep.equal(['user_message', ...Array<string>(to - from + 1).fill('assistant_message')]);
        expect(await page.locator('.message-render-error').allTextContents(), 'messages that failed to render').to.deep.equal([]);

        expect(await dangerousNodes(page), 'script-capable markup in messages').to.deep.equal([]);

        // The composer works: a real click (nothing covers it) and a reply.
        await page.locator('#chat-input').click();
        await page.keyboard.type('still here');
        await page.locator('#chat-submit').click();
        await page.locator('.step', { hasText: 'echo: still here' }).waitFor();
        await page.locator('#message-composer').waitFor({ state: 'visible' });

        // A second round trip later, no handler, script or URL of the corpus has run.
        await send(page, 'last');
        await page.locator('.step', { hasText: 'echo: last' }).waitFor();
        expect(await page.evaluate(() => (window as PwnedWindow).__pwned), 'window.__pwned').to.equal(undefined);
        expect(dialogs, 'dialogs').to.deep.equal([]);
      });
    }
  });
}
