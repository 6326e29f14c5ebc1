/**
 * Embedding as docs/embedding.md describes it, in Chromium with third-party cookies
 * blocked: the web app framed by a page of another site talks to it with window messages;
 * the copilot works on a page with a strict Content Security Policy that names only the
 * app's origin; and an origin missing from `allow_origins` gets an error, not a chat.
 */
import { expect } from 'chai';
import type { Frame } from 'playwright-core';
import { allow, HOST_NONCE, mountWidget, openWidget, sendInWidget, useCopilot } from './copilot-support.js';

describe('browser: embedding', function () {
  this.timeout(90_000);

  describe('the web app in a frame of another site', () => {
    const fx = useCopilot(allow, { host: { body: (app) => `<iframe id="app" src="${app}/" title="chat" style="width:800px;height:600px"></iframe>` } });

    async function appFrame(): Promise<Frame> {
      const handle = await fx.page.locator('iframe#app').elementHandle();
      const frame = (await handle!.contentFrame())!;
      await frame.locator('#message-composer[data-connection="connected"]').waitFor();
      return frame;
    }

    it('exchanges window messages with its host page', async () => {
      const { page } = fx;
      const frame = await appFrame();
      await frame.locator('.step', { hasText: 'Hi from copilot!' }).waitFor();
      // The host posts to the frame (with the app's origin as target): onWindowMessage.
      await page.evaluate((origin) => {
        (document.getElementById('app') as HTMLIFrameElement).contentWindow!.postMessage({ type: 'host-hello' }, origin);
      }, new URL(fx.server.url).origin);
      await frame.locator('.step', { hasText: 'Window message: {"type":"host-hello"}' }).waitFor();

      // sendWindowMessage reaches the host, from the app's origin.
      await page.evaluate(() => {
        window.addEventListener('message', (e) => {
          if (e.source !== window) window.hostLog.push(`from ${e.origin} ${JSON.stringify(e.data)}`);
        });
      });
      await frame.locator('#chat-input').fill('post to parent');
      await frame.locator('#chat-submit:not([disabled])').waitFor();
      await frame.locator('#chat-input').press('Enter');
      await frame.locator('.step', { hasText: 'Posted to parent' }).waitFor();
      await page.waitForFunction(() => window.hostLog.some((l) => l.startsWith('from ')));
      expect(await page.evaluate(() => window.hostLog.filter((l) => l.startsWith('from ')))).to.deep.equal([
        `from ${new URL(fx.server.url).origin} {"type":"from-app","text":"to parent"}`,
      ]);
    });
  });

  describe('the copilot on a page with a strict CSP', () => {
    const csp = (app: string) => {
      const origin = new URL(app).origin;
      const ws = origin.replace(/^http/, 'ws');
      return [
        "default-src 'none'",
        `script-src 'nonce-${HOST_NONCE}' ${origin}`,
        `connect-src ${origin} ${ws}`,
        `img-src ${origin} blob: data:`,
        `media-src ${origin} blob:`,
        `style-src 'self' 'nonce-${HOST_NONCE}'`,
      ].join('; ');
    };
    const fx = useCopilot(allow, { host: { csp } });

    it('works with only the app\'s origin allowed for scripts, connections and media', async () => {
      const { page } = fx;
      await mountWidget(page, fx.server.url);
      await openWidget(page);
      await sendInWidget(page, 'image');
      await page.waitForFunction(() => {
        const img = document.getElementById('chainlit-copilot')!.shadowRoot!.querySelector('img.inline-image') as HTMLImageElement | null;
        return img !== null && img.complete && img.naturalWidth > 0;
      });
      await sendInWidget(page, 'call csp');
      await page.locator('.step', { hasText: 'Function called with: csp' }).waitFor();
      // Only <style> tags that libraries add to the page's <head> (sonner's, the scroll
      // lock's) are refused, harmlessly: the widget's styles live in its shadow root.
      const violations = await page.evaluate(() => window.cspViolations);
      expect(violations.filter((v) => v !== 'style-src-elem inline')).to.deep.equal([]);
    });
  });

  describe('a page whose origin the app does not allow', () => {
    const fx = useCopilot(() => '');

    it('shows the failure in the panel instead of a chat', async () => {
      const { page } = fx;
      await mountWidget(page, fx.server.url);
      await page.locator('#chainlit-copilot-button').click();
      await page.locator('#chainlit-copilot-chat .alert').waitFor();
      expect(await page.locator('#chainlit-copilot-chat #chat-input').count()).to.equal(0);
      // The browser refused the answers: the app sent no CORS header for this origin.
      expect(fx.log.some((l) => l.includes('CORS') || l.includes('request failed'))).to.equal(true);
      fx.log.length = 0;
    });
  });
});
