/**
 * The copilot and the web app in one browser never share a login (Chainlit #2730): the
 * widget is logged in by its token as one user while the web app's cookie says another,
 * logging the web app out or in again leaves the widget alone, and the widget never
 * changes the web app's cookie. Their sessions and threads stay apart.
 *
 * The host page is on the app's own site here (127.0.0.1, another port), where the
 * browser does send the web app's cookie along with the widget's requests: the case where
 * a widget that trusted cookies would act as the web app's user.
 */
import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { manifestUsers, SECRET } from '../support/auth.js';
import { allow, mountWidget, openWidget, sendInWidget, token, useCopilot } from './copilot-support.js';

describe('browser: copilot and web app logins stay apart', function () {
  this.timeout(120_000);
  const fx = useCopilot(
    async (origin) => `${allow(origin)}${await manifestUsers([{ identifier: 'alice', password: 'wonderland' }, { identifier: 'carol', password: 'carolpass' }])}  secret: ${SECRET}\n`,
    { host: { sameSite: true } },
  );

  async function webLogin(web: Page, user: string, password: string): Promise<void> {
    await web.goto(`${fx.server.url}/login`);
    await web.locator('input#email').fill(user);
    await web.locator('input#password').fill(password);
    await web.locator('button[type="submit"]').click();
    await web.locator('#message-composer[data-connection="connected"]').waitFor();
  }

  /** Sends `who` in the web app and returns the reply. */
  async function webWho(web: Page): Promise<string> {
    const before = await web.locator('.step', { hasText: 'user=' }).count();
    await web.locator('#chat-input').fill('who');
    await web.locator('#chat-submit:not([disabled])').waitFor();
    await web.locator('#chat-input').press('Enter');
    const reply = web.locator('.step', { hasText: 'user=' }).nth(before);
    await reply.waitFor();
    return (await reply.textContent())!.trim();
  }

  async function copilotWho(host: Page): Promise<string> {
    const before = await host.locator('.step', { hasText: 'user=' }).count();
    await sendInWidget(host, 'who');
    const reply = host.locator('.step', { hasText: 'user=' }).nth(before);
    await reply.waitFor();
    return (await reply.textContent())!.trim();
  }

  const authCookie = async () => (await fx.profile.context.cookies(fx.server.url)).find((c) => c.name === 'access_token')?.value;

  it('keeps the widget as its token\'s user through the web app\'s logins and logout', async () => {
    const host = fx.page;
    const web = await fx.profile.context.newPage();
    try {
      await webLogin(web, 'alice', 'wonderland');
      const aliceCookie = await authCookie();
      expect(aliceCookie).to.be.a('string');
      const webReply = await webWho(web);
      expect(webReply).to.match(/^user=alice client=webapp thread=/);

      await mountWidget(host, fx.server.url, { accessToken: token('bob') });
      await openWidget(host);
      const copilotReply = await copilotWho(host);
      expect(copilotReply).to.match(/^user=bob client=copilot thread=/);
      // Threads of their own.
      const copilotThread = await host.evaluate(() => window.getChainlitCopilotThreadId());
      expect(copilotReply).to.contain(`thread=${copilotThread}`);
      expect(webReply).to.not.contain(`thread=${copilotThread}`);

      // The widget left the web app's login as it was.
      expect(await authCookie()).to.equal(aliceCookie);
      expect(await webWho(web)).to.match(/^user=alice client=webapp/);

      // Logging the web app out does not end the widget's session, nor its login.
      await web.locator('#user-nav-button').click();
      await web.locator('#logout-button').click();
      await web.waitForURL(/\/login$/);
      expect(await authCookie()).to.equal(undefined);
      expect(await copilotWho(host)).to.match(/^user=bob client=copilot/);
      // A new widget (the host page reloaded) still logs in, without the web app.
      await host.reload();
      await mountWidget(host, fx.server.url, { accessToken: token('bob') });
      await openWidget(host);
      expect(await copilotWho(host)).to.match(/^user=bob client=copilot/);

      // Someone else logs in to the web app: the widget stays bob, the web app is carol.
      await webLogin(web, 'carol', 'carolpass');
      expect(await copilotWho(host)).to.match(/^user=bob client=copilot/);
      expect(await webWho(web)).to.match(/^user=carol client=webapp/);
    } finally {
      await web.close();
    }
  });
});
