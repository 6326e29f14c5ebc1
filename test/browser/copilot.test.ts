/**
 * The copilot widget in Chromium, embedded in a host page of another site (localhost, the
 * app being on 127.0.0.1) by a browser profile that blocks third-party cookies: mount,
 * open, toggle, unmount, token login, files shown without cookies.
 */
import { expect } from 'chai';
import { SECRET, manifestUsers } from '../support/auth.js';
import { requireChromium } from './support.js';
import { allow, launchProfile, mountWidget, openWidget, sendInWidget, startHostPage, thirdPartyCookieKept, token, useCopilot } from './copilot-support.js';

describe('browser: copilot widget, cross-site with third-party cookies blocked', function () {
  this.timeout(90_000);

  describe('the test browser', () => {
    it('blocks third-party cookies (the probe keeps them in a profile that allows them)', async function () {
      requireChromium(this);
      const host = await startHostPage();
      const allowing = await launchProfile({ thirdPartyCookies: 'allow' });
      const blocking = await launchProfile({ thirdPartyCookies: 'block' });
      try {
        expect(await thirdPartyCookieKept(allowing, host.url), 'control: cookies allowed').to.equal(true);
        expect(await thirdPartyCookieKept(blocking, host.url), 'the profile the copilot tests use').to.equal(false);
      } finally {
        await allowing.close();
        await blocking.close();
        await host.stop();
      }
    });
  });

  describe('anonymous app', () => {
    const theme = { variables: { light: { '--primary': '120 100% 25%' }, dark: { '--primary': '280 100% 40%' } } };
    const fx = useCopilot(allow, { files: { 'public/theme.json': JSON.stringify(theme) } });

    it('mounts into an open shadow root, opens, toggles and unmounts', async () => {
      const { page } = fx;
      expect(await page.locator('#chainlit-copilot').count()).to.equal(0);
      await mountWidget(page, fx.server.url);
      expect(await page.evaluate(() => document.getElementById('chainlit-copilot')!.shadowRoot!.querySelector('#cl-shadow-root') !== null)).to.equal(true);
      const button = page.locator('#chainlit-copilot-button');
      await button.waitFor();
      expect(await button.getAttribute('aria-expanded')).to.equal('false');
      expect(await page.locator('#chainlit-copilot-chat').count()).to.equal(0);

      await openWidget(page);
      expect(await button.getAttribute('aria-expanded')).to.equal('true');
      await page.locator('#chainlit-copilot-chat .step', { hasText: 'Hi from copilot!' }).waitFor();
      await sendInWidget(page, 'who');
      const who = page.locator('.step', { hasText: 'user=' });
      await who.waitFor();
      expect(await who.textContent()).to.match(/user=anonymous client=copilot thread=[0-9a-f-]{36}/);
      const steps = await page.locator('.step').count();

      await page.evaluate(() => window.toggleChainlitCopilot());
      await page.locator('#chainlit-copilot-chat').waitFor({ state: 'detached' });
      expect(await button.getAttribute('aria-expanded')).to.equal('false');
      await page.evaluate(() => window.toggleChainlitCopilot());
      await page.locator('#chainlit-copilot-chat').waitFor();
      expect(await button.getAttribute('aria-expanded')).to.equal('true');
      // The same conversation: closing the panel does not end the session.
      await page.locator('.step', { hasText: 'user=' }).waitFor();
      expect(await page.locator('.step').count()).to.equal(steps);

      await page.evaluate(() => window.unmountChainlitWidget());
      expect(await page.locator('#chainlit-copilot').count()).to.equal(0);
      expect(await page.evaluate(() => typeof window.mountChainlitWidget)).to.equal('function');
      // And it mounts again.
      await mountWidget(page, fx.server.url);
      await openWidget(page);
      await page.locator('.step', { hasText: 'Hi from copilot!' }).waitFor();
    });

    it('takes its theme and the app\'s theme.json variables inside its shadow root only', async () => {
      const { page } = fx;
      await mountWidget(page, fx.server.url, { theme: 'light' });
      await openWidget(page);
      const classes = await page.evaluate(() => document.getElementById('chainlit-copilot')!.shadowRoot!.getElementById('cl-shadow-root')!.className);
      expect(classes).to.contain('light');
      expect(await page.evaluate(() => document.documentElement.className)).to.equal('');
      // theme.json's light --primary colours the button; the host page keeps its own styles.
      const styles = await page.evaluate(() => {
        const root = document.getElementById('chainlit-copilot')!.shadowRoot!;
        return { button: getComputedStyle(root.getElementById('chainlit-copilot-button')!).backgroundColor, h1: getComputedStyle(document.querySelector('h1')!).fontFamily };
      });
      expect(styles.button).to.equal('rgb(0, 128, 0)');
      expect(styles.h1).to.not.contain('ui-sans-serif');
    });

    it('shows an image of the session\'s files, read with its key instead of a cookie', async () => {
      const { page } = fx;
      await mountWidget(page, fx.server.url);
      await openWidget(page);
      await sendInWidget(page, 'image');
      const img = page.locator('#chainlit-copilot-chat img.inline-image');
      await img.waitFor();
      await page.waitForFunction(() => {
        const el = document.getElementById('chainlit-copilot')!.shadowRoot!.querySelector('img.inline-image') as HTMLImageElement | null;
        return el !== null && el.complete && el.naturalWidth > 0;
      });
      expect(await img.evaluate((el: HTMLImageElement) => [el.naturalWidth, el.src.startsWith('blob:')])).to.deep.equal([2, true]);
    });
  });

  describe('app with login', () => {
    // `auth:` from manifestUsers, continued with the secret.
    const fx = useCopilot(async (origin) => `${allow(origin)}${await manifestUsers([{ identifier: 'alice', password: 'wonderland' }])}  secret: ${SECRET}\n`);

    it('says so in the panel when no token is given', async () => {
      const { page } = fx;
      await mountWidget(page, fx.server.url);
      await page.locator('#chainlit-copilot-button').click();
      const alert = page.locator('#chainlit-copilot-chat .alert');
      await alert.waitFor();
      expect((await alert.textContent())?.trim()).to.equal('No authentication token provided.');
    });

    it('refuses a token signed with another secret', async () => {
      const { page } = fx;
      await mountWidget(page, fx.server.url, { accessToken: token('bob', 'another-secret') });
      await page.locator('#chainlit-copilot-button').click();
      const alert = page.locator('#chainlit-copilot-chat .alert');
      await alert.waitFor();
      expect(await alert.textContent()).to.contain('Invalid authentication token');
    });

    it('logs in with its access token alone', async () => {
      const { page } = fx;
      await mountWidget(page, fx.server.url, { accessToken: token('bob') });
      await openWidget(page);
      await sendInWidget(page, 'who');
      await page.locator('.step', { hasText: 'user=bob client=copilot' }).waitFor();
      // Nothing was stored for the app's site: the widget needs no cookie.
      expect(await fx.profile.context.cookies(fx.server.url)).to.deep.equal([]);
    });
  });
});
