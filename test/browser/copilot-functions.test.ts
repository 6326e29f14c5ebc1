/**
 * The copilot's window functions and options in Chromium (host page on another site,
 * third-party cookies blocked): sendChainlitMessage, chainlit-call-fn, window messages,
 * thread ids, language, `opened`, and a button in the page's own container.
 */
import { expect } from 'chai';
import { allow, mountWidget, openWidget, sendInWidget, useCopilot } from './copilot-support.js';

const SLOT = '<div id="my-slot" style="position:absolute;top:10px;left:10px"></div>';
const ICON = `data:image/svg+xml,${encodeURIComponent('<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8"><rect width="8" height="8" fill="orange"/></svg>')}`;

describe('browser: copilot window functions', function () {
  this.timeout(90_000);
  const fx = useCopilot(allow, { host: { body: () => SLOT }, files: { 'public/widget.css': '#chainlit-copilot-chat { outline: 3px solid rgb(1, 2, 3); }' } });

  const threadId = () => fx.page.evaluate(() => window.getChainlitCopilotThreadId());
  const steps = () => fx.page.locator('#chainlit-copilot-chat .step');
  const whoThread = async (): Promise<string> => {
    const before = await fx.page.locator('.step', { hasText: 'user=' }).count();
    await sendInWidget(fx.page, 'who');
    const reply = fx.page.locator('.step', { hasText: 'user=' }).nth(before);
    await reply.waitFor();
    return /thread=([0-9a-f-]+)/.exec((await reply.textContent()) ?? '')![1]!;
  };

  it('answers a CopilotFunction through chainlit-call-fn and sends a system_message (Chainlit\'s scenario)', async () => {
    const { page } = fx;
    await mountWidget(page, fx.server.url);
    // As in Chainlit's copilot spec: the host answers the call and also sends a system message.
    await page.evaluate(() => {
      window.addEventListener('chainlit-call-fn', () => window.sendChainlitMessage({ type: 'system_message', output: 'Hello World!' }));
    });
    await openWidget(page);
    await page.locator('.step', { hasText: 'Hi from copilot!' }).waitFor();
    expect(await steps().count()).to.equal(1);

    await sendInWidget(page, 'call Call func!');
    await page.locator('.step', { hasText: 'Function called with: Call func!' }).waitFor();
    await page.locator('.step', { hasText: 'System message received: Hello World!' }).waitFor();
    // Greeting, the user's message, the system message, the function's answer, its reply.
    expect(await steps().count()).to.equal(5);
    expect(await page.evaluate(() => window.hostLog)).to.include('call_fn test {"msg":"Call func!"}');
  });

  it('sends a message before the panel was ever opened', async () => {
    const { page } = fx;
    await mountWidget(page, fx.server.url);
    await page.evaluate(() => window.sendChainlitMessage({ type: 'system_message', output: 'sent while closed' }));
    await page.locator('#chainlit-copilot-button').click();
    await page.locator('.step', { hasText: 'System message received: sent while closed' }).waitFor();
    // A plain step from the host is a user message.
    await page.evaluate(() => window.sendChainlitMessage({ output: 'who' }));
    await page.locator('.step', { hasText: 'client=copilot' }).waitFor();
  });

  it('carries window messages both ways, without echoing its own posts', async () => {
    const { page } = fx;
    await mountWidget(page, fx.server.url);
    await openWidget(page);
    await sendInWidget(page, 'post hello host');
    await page.locator('.step', { hasText: 'Posted hello host' }).waitFor();
    await page.waitForFunction(() => window.hostLog.some((l) => l.startsWith('message ') && l.includes('from-app')));
    expect(await page.evaluate(() => window.hostLog)).to.include('message {"type":"from-app","text":"hello host"}');

    await page.evaluate(() => window.postMessage({ type: 'ping', n: 1 }, '*'));
    await page.locator('.step', { hasText: 'Window message: {"type":"ping","n":1}' }).waitFor();
    // The post to the host above came back to the page's window, but not to the app.
    expect(await page.locator('.step', { hasText: 'Window message: {"type":"from-app"' }).count()).to.equal(0);
  });

  it('keeps its thread id in the host page and starts new threads on demand', async () => {
    const { page } = fx;
    await mountWidget(page, fx.server.url);
    expect(await threadId(), 'before the first open').to.equal(null);
    await openWidget(page);
    const first = await threadId();
    expect(first).to.match(/^[0-9a-f-]{36}$/);
    expect(await whoThread()).to.equal(first);

    await page.evaluate(() => window.clearChainlitCopilotThreadId());
    await page.waitForFunction((old) => window.getChainlitCopilotThreadId() !== old, first);
    const second = await threadId();
    await page.locator('.step', { hasText: 'user=' }).waitFor({ state: 'detached' });
    await page.locator('.step', { hasText: 'Hi from copilot!' }).waitFor();
    expect(await steps().count(), 'a new chat: only its greeting').to.equal(1);
    expect(await whoThread()).to.equal(second);

    const chosen = crypto.randomUUID();
    await page.evaluate((id) => window.clearChainlitCopilotThreadId(id), chosen);
    await page.waitForFunction((id) => window.getChainlitCopilotThreadId() === id, chosen);
    await page.locator('.step', { hasText: 'user=' }).waitFor({ state: 'detached' });
    expect(await whoThread()).to.equal(chosen);

    // The header's new-chat button asks first, then starts a thread of its own.
    await page.locator('#chainlit-copilot-chat #new-chat-button').click();
    await page.locator('#new-chat-dialog #confirm').click();
    await page.waitForFunction((id) => window.getChainlitCopilotThreadId() !== id, chosen);
    await page.locator('.step', { hasText: 'user=' }).waitFor({ state: 'detached' });
    const fourth = await threadId();

    // A reload of the host page connects to the same thread again.
    await page.reload();
    await mountWidget(page, fx.server.url);
    await openWidget(page);
    expect(await threadId()).to.equal(fourth);
    expect(await whoThread()).to.equal(fourth);
  });

  for (const [language, placeholder] of [['en-US', 'Type your message here...'], ['fr-FR', 'Tapez votre message ici...']] as const) {
    it(`follows its language option (${language})`, async () => {
      const { page } = fx;
      await mountWidget(page, fx.server.url, { language });
      await openWidget(page);
      expect(await page.locator('#chainlit-copilot-chat #chat-input').getAttribute('placeholder')).to.equal(placeholder);
    });
  }

  it('starts open with opened: true', async () => {
    const { page } = fx;
    await mountWidget(page, fx.server.url, { opened: true });
    await page.locator('#chainlit-copilot-chat').waitFor();
    expect(await page.locator('#chainlit-copilot-button').getAttribute('aria-expanded')).to.equal('true');
    await page.locator('.step', { hasText: 'Hi from copilot!' }).waitFor();
  });

  it('loads customCssUrl inside its shadow root only', async () => {
    const { page } = fx;
    await mountWidget(page, fx.server.url, { customCssUrl: fx.server.page('/public/widget.css') });
    await openWidget(page);
    await page.waitForFunction(() => {
      const chat = document.getElementById('chainlit-copilot')!.shadowRoot!.getElementById('chainlit-copilot-chat')!;
      return getComputedStyle(chat).outlineColor === 'rgb(1, 2, 3)';
    });
    expect(await page.evaluate(() => document.querySelectorAll('link[rel="stylesheet"]').length), 'nothing added to the page').to.equal(0);
  });

  it('adds additionalQueryParamsForAPI to its requests', async () => {
    const { page } = fx;
    const urls: string[] = [];
    page.on('request', (r) => { if (r.url().startsWith(fx.server.url)) urls.push(r.url()); });
    await mountWidget(page, fx.server.url, { additionalQueryParamsForAPI: { tenant: 'acme' } });
    await openWidget(page);
    const api = urls.filter((u) => /\/(project\/settings|project\/translations|auth\/config)\b/.test(u));
    expect(api.length).to.be.greaterThan(2);
    for (const u of api) expect(new URL(u).searchParams.get('tenant'), u).to.equal('acme');
  });

  it('opens wide with expanded: true, and its header button narrows it', async () => {
    const { page } = fx;
    await mountWidget(page, fx.server.url, { expanded: true });
    await openWidget(page);
    const panel = page.locator('#chainlit-copilot .copilot-popover');
    expect(await panel.getAttribute('class')).to.contain('copilot-container-expanded');
    expect((await panel.boundingBox())!.width).to.be.closeTo(1200 * 0.8, 2);
    await page.locator('#chainlit-copilot-chat button[aria-pressed="true"][aria-label="Collapse"]').click();
    await page.locator('#chainlit-copilot .copilot-container-collapsed').waitFor();
    expect((await panel.boundingBox())!.width).to.be.closeTo(400, 2);
  });

  for (const showCot of [true, false]) {
    it(`shows steps or not with showCot: ${showCot}`, async () => {
      const { page } = fx;
      await mountWidget(page, fx.server.url, { showCot });
      await openWidget(page);
      await sendInWidget(page, 'tool');
      await page.locator('.step', { hasText: 'Used a tool' }).waitFor();
      expect(await page.locator('#chainlit-copilot-chat #step-search').count()).to.equal(showCot ? 1 : 0);
    });
  }

  it('puts its button in the page\'s container, with the given image and class', async () => {
    const { page } = fx;
    await mountWidget(page, fx.server.url, { button: { containerId: 'my-slot', imageUrl: ICON, className: 'my-button' } });
    const button = page.locator('#my-slot #chainlit-copilot-button');
    await button.waitFor();
    expect(await button.getAttribute('class')).to.contain('my-button');
    expect(await button.locator('img').getAttribute('src')).to.equal(ICON);
    // Not a second one at the bottom right.
    expect(await page.locator('#chainlit-copilot-button').count()).to.equal(1);
    await button.click();
    await page.locator('#chainlit-copilot #chainlit-copilot-chat').waitFor();
    expect(await button.getAttribute('aria-expanded')).to.equal('true');
    await page.evaluate(() => window.unmountChainlitWidget());
    expect(await page.locator('#my-slot *').count(), 'the container is left as it was').to.equal(0);
  });
});
