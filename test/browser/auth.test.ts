/**
 * Login in Chromium (DOM-CONTRACT §3): password and OAuth (a real OpenID Connect provider
 * on loopback, with its own login and consent pages), staying logged in across reloads,
 * the user menu, logout, the way back to the page that needed the login, header auth.
 */
import { expect } from 'chai';
import type { Browser, Page } from 'playwright-core';
import { SECRET, manifestUsers } from '../support/auth.js';
import { startOidcProvider, type OidcServer } from '../support/oidc.js';
import { launchBrowser, openPage, pageLog, requireChromium, startServer, writeApp, type UiServer } from './support.js';

const PLUGIN = `
import { definePlugin, Message, userSession } from 'chainlit-rt';
export default definePlugin({
  async onChatStart() { await new Message({ content: 'Welcome ' + userSession.get('user').identifier }).send(); },
  oauthCallback: (_provider, _token, _raw, user) => user,
});
`;

describe('browser: login, reload, logout', function () {
  this.timeout(120_000);
  let server: UiServer;
  let oidc: OidcServer;
  let browser: Browser;

  before(async function () {
    requireChromium(this);
    oidc = await startOidcProvider();
    const users = await manifestUsers([{ identifier: 'alice', password: 'wonderland', display_name: 'Alice' }]);
    server = await startServer(writeApp({
      'chainlit.yaml': `name: Login\nplugins: [p.ts]\nui:\n  login_page_image: /public/login.svg\n  login_page_image_filter: brightness-50 grayscale\n  login_page_image_dark_filter: invert\n${users}`,
      'p.ts': PLUGIN,
      'public/login.svg': '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10" fill="red"/></svg>',
      '.env': `CHAINLIT_AUTH_SECRET=${SECRET}\nOAUTH_GENERIC_CLIENT_ID=app\nOAUTH_GENERIC_CLIENT_SECRET=app-secret\nOAUTH_GENERIC_ISSUER=${oidc.issuer}\n`,
    }));
    oidc.register({ id: 'app', secret: 'app-secret', redirectUris: [`${server.url}/auth/oauth/generic/callback`] });
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
    await oidc?.close();
  });

  async function withPage(run: (page: Page, errors: string[]) => Promise<void>): Promise<void> {
    const { context, page, errors } = await openPage(browser, { viewport: { width: 1280, height: 900 } });
    try {
      await run(page, errors);
      expect(errors, 'page errors').to.deep.equal([]);
    } catch (err) {
      console.error(`      page at failure: ${page.url()}\n      ${pageLog(page).slice(-15).join('\n      ')}`);
      throw err;
    } finally {
      await context.close();
    }
  }

  const pathname = (page: Page) => new URL(page.url()).pathname;

  async function expectLoggedIn(page: Page, name: string): Promise<void> {
    await page.locator('#message-composer[data-connection="connected"]').waitFor();
    await page.locator('.step', { hasText: 'Welcome' }).first().waitFor();
    expect(await page.locator('#user-nav-button').getAttribute('title')).to.equal(name);
    expect(await page.locator('input#email').count()).to.equal(0);
  }

  it('password: refused with an alert and an Unauthorized toast, then logged in, back on the page that asked, across reloads; logout refuses again', async () => {
    await withPage(async (page) => {
      await page.goto(server.page('/?prompt=hello%20there'));
      await page.locator('input#email[name="email"]').waitFor();
      expect(pathname(page)).to.equal('/login');
      // ui.login_page_image with the dark-mode filter (the page is dark).
      const img = page.locator('.login-image img');
      expect(await img.getAttribute('src')).to.equal('/public/login.svg');
      expect(await img.evaluate((el) => getComputedStyle(el).filter)).to.equal('invert(1)');
      expect(await page.locator('button[type="submit"]').count()).to.equal(1);
      expect(await page.locator('#oauth-generic svg').count()).to.equal(1);

      await page.locator('input#email').fill('alice');
      await page.locator('input#password').fill('nope');
      await page.locator('button[type="submit"]').click();
      await page.locator('.alert').waitFor();
      await page.locator('body', { hasText: 'Unauthorized' }).waitFor();

      await page.locator('input#password').fill('wonderland');
      await page.locator('input#password').press('Enter');
      await page.waitForURL((url) => url.pathname === '/');
      await expectLoggedIn(page, 'Alice');
      expect(await page.locator('#chat-input').inputValue()).to.equal('hello there');
      const cookie = (await page.context().cookies()).find((c) => c.name === 'access_token');
      expect(cookie?.httpOnly).to.equal(true);
      expect(cookie?.sameSite).to.equal('Lax');

      await page.reload();
      await expectLoggedIn(page, 'Alice');

      await page.locator('#user-nav-button').click();
      await page.locator('#logout-button').click();
      await page.locator('input#email').waitFor();
      expect(pathname(page)).to.equal('/login');
      expect((await page.context().cookies()).some((c) => c.name === 'access_token')).to.equal(false);
      await page.goto(server.page('/'));
      await page.locator('input#email').waitFor();
      expect(pathname(page)).to.equal('/login');
      const status = await page.evaluate(async () => (await fetch('/user', { credentials: 'include' })).status);
      expect(status).to.equal(401);
      expect(await page.locator('#message-composer').count()).to.equal(0);
    });
  });

  it('OAuth: the provider’s own login and consent pages, back in the app, across reloads', async () => {
    await withPage(async (page) => {
      await page.goto(server.page('/'));
      await page.locator('#oauth-generic').click();
      // oidc-provider's development login page, then its consent page.
      await page.locator('input[name="login"]').fill('olive');
      await page.locator('input[name="password"]').fill('any');
      await page.locator('button[type="submit"]').click();
      await page.locator('button[type="submit"]', { hasText: 'Continue' }).click();
      await page.waitForURL((url) => url.origin === new URL(server.url).origin && url.pathname === '/');
      await expectLoggedIn(page, 'Name of olive');
      await page.reload();
      await expectLoggedIn(page, 'Name of olive');
    });
  });

  it('shows the provider’s error on the login page', async () => {
    await withPage(async (page) => {
      await page.goto(server.page('/auth/oauth/generic/callback?error=access_denied'));
      await page.locator('.alert', { hasText: 'access_denied' }).waitFor();
      expect(pathname(page)).to.equal('/login');
    });
  });
});

describe('browser: header auth', function () {
  this.timeout(60_000);
  let server: UiServer;
  let browser: Browser;
  before(async function () {
    requireChromium(this);
    server = await startServer(writeApp({
      'chainlit.yaml': 'name: Header\nplugins: [p.ts]\nauth:\n  header:\n    name: x-forwarded-user\n',
      'p.ts': "import { definePlugin, Message, userSession } from 'chainlit-rt';\nexport default definePlugin({ async onChatStart() { await new Message({ content: 'Welcome ' + userSession.get('user').identifier }).send(); } });\n",
      '.env': `CHAINLIT_AUTH_SECRET=${SECRET}\n`,
    }));
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('shows an .alert without the header and logs in with it', async () => {
    const anonymous = await openPage(browser);
    await anonymous.page.goto(server.page('/'));
    await anonymous.page.locator('.alert').waitFor();
    expect(new URL(anonymous.page.url()).pathname).to.equal('/login');
    await anonymous.context.close();

    const context = await browser.newContext({ extraHTTPHeaders: { 'x-forwarded-user': 'hank' } });
    const page = await context.newPage();
    await page.goto(server.page('/'));
    await page.locator('.step', { hasText: 'Welcome hank' }).waitFor();
    expect(await page.locator('.alert').count()).to.equal(0);
    expect(new URL(page.url()).pathname).to.equal('/');
    await context.close();
  });
});
