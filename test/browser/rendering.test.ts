/**
 * What messages look like in Chromium: markdown (GFM, code, links, LaTeX), HTML
 * sanitisation (an XSS payload must not run), and the chain-of-thought modes.
 */
import { expect } from 'chai';
import type { Browser, Page } from 'playwright-core';
import { gotoChat, launchBrowser, openPage, pageLog, requireChromium, send, startServer, type UiServer } from './support.js';

type XssWindow = Window & { __xss?: number };

async function withPage<T>(browser: Browser, url: string, fn: (page: Page) => Promise<T>): Promise<T> {
  const { context, page, errors } = await openPage(browser);
  try {
    await gotoChat(page, url);
    const out = await fn(page).catch(async (err: unknown) => {
      const steps = await page.locator('.step').evaluateAll((els) => els.map((e) => e.outerHTML.slice(0, 600))).catch(() => []);
      console.error(`      page at failure: ${page.url()}\n      .step html: ${JSON.stringify(steps)}\n      ${pageLog(page).slice(-20).join('\n      ')}`);
      throw err;
    });
    expect(errors, 'page errors').to.deep.equal([]);
    return out;
  } finally {
    await context.close();
  }
}

describe('browser: rendering', function () {
  this.timeout(60_000);
  let browser: Browser;
  const servers: UiServer[] = [];
  const start = async (manifest: string) => {
    const s = await startServer(manifest);
    servers.push(s);
    return s;
  };

  before(async function () {
    requireChromium(this);
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    for (const s of servers) await s.stop();
  });

  it('renders GFM tables, highlighted code with a copy button, safe links and LaTeX', async () => {
    const server = await start('chat.yaml');
    await withPage(browser, server.page('/'), async (page) => {
      await send(page, 'markdown');
      const content = page.locator('.step[data-step-type="assistant_message"] .message-content');
      await content.locator('table').waitFor();
      expect(await content.locator('th').allTextContents()).to.deep.equal(['a', 'b']);
      await content.locator('code.hljs.language-python').waitFor();
      expect(await content.locator('.hljs-keyword').first().textContent()).to.equal('def');
      expect(await content.locator('.code-copy').getAttribute('aria-label')).to.equal('Copy code');
      const link = content.locator('a[href="https://example.com"]');
      expect(await link.getAttribute('target')).to.equal('_blank');
      expect(await link.getAttribute('rel')).to.contain('noopener');
      await content.locator('.katex').waitFor();
      expect(await page.locator('link[href$="/katex.css"]').count()).to.equal(1);
    });
  });

  it('shows raw HTML as text and runs no script, handler or javascript: URL', async () => {
    const server = await start('chat.yaml');
    await withPage(browser, server.page('/'), async (page) => {
      await send(page, 'xss');
      const msg = page.locator('.step[data-step-type="assistant_message"]').first();
      await msg.getByText('Safe').waitFor();
      const text = (await msg.textContent()) ?? '';
      expect(text).to.contain('<script>window.__xss=2</script>');
      expect(await msg.locator('script, img[onerror], [onmouseover]').count()).to.equal(0);
      for (const a of await msg.locator('a').all()) expect(await a.getAttribute('href') ?? '').not.to.match(/^javascript:/i);
      await msg.getByText('click').click().catch(() => undefined);
      // A round trip through the server: anything the click queued has run by then.
      await send(page, 'after');
      await page.getByText('echo: after').waitFor();
      expect(await page.evaluate(() => (window as XssWindow).__xss)).to.equal(undefined);
    });
  });

  it('with unsafe_allow_html renders HTML but still strips scripts, handlers and javascript: URLs', async () => {
    const server = await start('theme/app.yaml');
    await withPage(browser, server.page('/'), async (page) => {
      await send(page, 'xss');
      const msg = page.locator('.step[data-step-type="assistant_message"]').first();
      await msg.locator('b', { hasText: 'hover' }).waitFor();
      await msg.locator('a', { hasText: 'raw link' }).waitFor();
      expect(await msg.locator('script, [onerror], [onmouseover]').count()).to.equal(0);
      for (const a of await msg.locator('a').all()) expect(await a.getAttribute('href') ?? '').not.to.match(/^javascript:/i);
      await msg.locator('b', { hasText: 'hover' }).hover();
      await msg.locator('a', { hasText: 'raw link' }).click();
      await send(page, 'after');
      await page.getByText('echo: after').waitFor();
      expect(await page.evaluate(() => (window as XssWindow).__xss)).to.equal(undefined);
    });
  });

  it('with unsafe_allow_html, messages that arrive after the HTML parser loaded render (the page never blanks)', async () => {
    const server = await start('theme/app.yaml');
    await withPage(browser, server.page('/'), async (page) => {
      await send(page, 'xss');
      // Raw HTML is parsed: the HTML chunk has loaded.
      await page.locator('.step[data-step-type="assistant_message"] b', { hasText: 'hover' }).waitFor();
      await send(page, 'html pair');
      await page.locator('.step', { hasText: 'payload 0: plain words' }).waitFor();
      await page.locator('.step', { hasText: /^after$/ }).waitFor();
      expect(await page.locator('.step').evaluateAll((els) => els.map((e) => e.getAttribute('data-step-type')))).to.deep.equal([
        'user_message', 'assistant_message', 'user_message', 'assistant_message', 'assistant_message',
      ]);
      await send(page, 'still works');
      await page.getByText('echo: still works').waitFor();
    });
  });

  it('shows a message that cannot render as an inline error and keeps the rest of the chat working', async () => {
    const server = await start('chat.yaml');
    await withPage(browser, server.page('/'), async (page) => {
      await send(page, 'bad icon');
      await page.getByText('after the odd step').waitFor();
      const broken = page.locator('.step[data-step-type="tool"] .message-render-error');
      await broken.waitFor();
      expect(await broken.getAttribute('role')).to.equal('alert');
      expect(await broken.textContent()).to.contain('could not be displayed');
      // Only that row: the user message and the reply after it render as usual.
      expect(await page.locator('.message-render-error').count()).to.equal(1);
      expect(await page.locator('.step').evaluateAll((els) => els.map((e) => e.getAttribute('data-step-type')))).to.deep.equal([
        'user_message', 'tool', 'assistant_message',
      ]);
      await send(page, 'still works');
      await page.getByText('echo: still works').waitFor();
    });
  });

  it('cot full shows every step with nesting', async () => {
    const server = await start('chat.yaml');
    await withPage(browser, server.page('/'), async (page) => {
      await send(page, 'steps');
      await page.getByText('Steps finished.').waitFor();
      await page.locator('#step-tool1').click();
      await page.locator('#step-inner_llm').waitFor();
    });
  });

  it('cot tool_call shows tool steps only', async () => {
    const server = await start('chat-tool-call.yaml');
    await withPage(browser, server.page('/'), async (page) => {
      await send(page, 'steps');
      await page.getByText('Steps finished.').waitFor();
      await page.locator('#step-tool1').click();
      await page.getByText('tool1 output').waitFor();
      expect(await page.locator('#step-inner_llm').count()).to.equal(0);
    });
  });

  it('cot hidden shows no step, only the messages', async () => {
    const server = await start('chat-hidden.yaml');
    await withPage(browser, server.page('/'), async (page) => {
      await send(page, 'steps');
      await page.getByText('Steps finished.').waitFor();
      expect(await page.locator('#step-tool1').count()).to.equal(0);
      expect(await page.locator('.step[data-step-type="tool"]').count()).to.equal(0);
      expect(await page.locator('.step').count()).to.equal(2);
    });
  });
});
