/**
 * Support for the copilot's browser tests: a host page on another origin than the app, a
 * Chromium profile that blocks third-party cookies, and a probe that proves it does.
 *
 * The app runs on 127.0.0.1; the host page on `localhost`, another site, so the widget is
 * a third party there (a second port of 127.0.0.1 would be the same site: ports do not
 * count for cookies). `sameSiteHost` serves the page from 127.0.0.1 instead, where the
 * browser does send the app's cookies (the case of Chainlit #2730).
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import jwt from 'jsonwebtoken';
import { expect } from 'chai';
import { CHROMIUM, requireChromium, startServer, type UiServer } from './support.js';
import { SECRET } from '../support/auth.js';
import { REPO, writeApp } from '../support/server.js';

export interface HostPage {
  /** The page's URL (`/`), and its origin. */
  url: string;
  origin: string;
  /** Which app's copilot the page loads (set once the app runs: its manifest names this page's origin). */
  serve(appUrl: string): void;
  stop(): Promise<void>;
}

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

function listen(host: string, handler: Handler): Promise<{ port: number; stop(): Promise<void> }> {
  return new Promise((resolve, reject) => {
    const server = createServer(handler);
    server.on('error', reject);
    server.listen(0, host, () => {
      resolve({
        port: (server.address() as AddressInfo).port,
        stop: () => new Promise<void>((done) => {
          server.closeAllConnections();
          server.close(() => done());
        }),
      });
    });
  });
}

/** The nonce of the host page's own inline script when it is served with a CSP. */
export const HOST_NONCE = 'host-page-nonce';

function hostHtml(app: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Host page</title><style nonce="${HOST_NONCE}">body { margin: 0 }</style></head>
<body>
  <main id="host-main"><h1>Host page</h1><nav id="toolbar"></nav><pre id="log"></pre></main>
  ${body}
  <script nonce="${HOST_NONCE}">
    window.cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));
    window.hostLog = [];
    const log = (line) => { window.hostLog.push(line); document.getElementById('log').textContent += line + '\\n'; };
    window.addEventListener('message', (e) => { if (e.source === window) log('message ' + JSON.stringify(e.data)); });
    window.addEventListener('chainlit-call-fn', (e) => {
      const { name, args, callback } = e.detail;
      log('call_fn ' + name + ' ' + JSON.stringify(args));
      if (name === 'test') callback('Function called with: ' + args.msg);
    });
  </script>
  <script src="${app}/copilot/index.js"></script>
</body></html>`;
}

/**
 * A host page that loads the copilot script of the app it serves. It logs what reaches it
 * (`window.hostLog`, #log): window messages and `chainlit-call-fn` events, and answers
 * `test` calls. `sameSite` serves it from 127.0.0.1 (the app's site) instead of localhost.
 */
export interface HostPageOptions {
  /** Serve the page from the app's site (127.0.0.1) instead of another one (localhost). */
  sameSite?: boolean | undefined;
  /** More HTML for the page's body, given the app's URL. */
  body?: ((appUrl: string) => string) | undefined;
  /** A Content-Security-Policy header for the page, given the app's URL. */
  csp?: ((appUrl: string) => string) | undefined;
}

export async function startHostPage(opts: HostPageOptions = {}): Promise<HostPage> {
  let app = '';
  const host = opts.sameSite ? '127.0.0.1' : 'localhost';
  const server = await listen(host, (_req, res) => {
    res.setHeader('Content-Type', 'text/html; charset=utf-8');
    if (opts.csp) res.setHeader('Content-Security-Policy', opts.csp(app));
    res.end(hostHtml(app, opts.body?.(app) ?? ''));
  });
  const origin = `http://${host}:${server.port}`;
  return { url: `${origin}/`, origin, serve: (url) => void (app = url.replace(/\/$/, '')), stop: server.stop };
}

/** A Chromium profile of its own (a persistent context, so its cookie setting applies). */
export interface Profile {
  context: BrowserContext;
  /** Closes the browser and deletes the profile. */
  close(): Promise<void>;
}

/** A fresh Chromium profile with third-party cookies blocked (or allowed, for the control). */
export async function launchProfile(opts: { thirdPartyCookies: 'block' | 'allow'; args?: string[] | undefined }): Promise<Profile> {
  const dir = mkdtempSync(join(tmpdir(), 'crt-copilot-'));
  mkdirSync(join(dir, 'Default'));
  // Chromium's own setting (chrome://settings/cookies): 1 blocks third-party cookies.
  const mode = opts.thirdPartyCookies === 'block' ? 1 : 0;
  writeFileSync(join(dir, 'Default', 'Preferences'), JSON.stringify({ profile: { cookie_controls_mode: mode, block_third_party_cookies: mode === 1 } }));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-dev-shm-usage', ...(opts.args ?? [])],
    viewport: { width: 1200, height: 800 },
    locale: 'en-US',
    colorScheme: 'dark',
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(dir, { recursive: true, force: true, maxRetries: 5 });
    },
  };
}

/**
 * Whether a page of `hostUrl` can keep a third-party cookie: a server on 127.0.0.1 (the
 * app's site) sets `SameSite=None; Secure` on a credentialed cross-site fetch, and a second
 * fetch reports whether it came back.
 */
export async function thirdPartyCookieKept({ context }: Profile, hostUrl: string): Promise<boolean> {
  const probe = await listen('127.0.0.1', (req, res) => {
    res.setHeader('Access-Control-Allow-Origin', req.headers.origin ?? '*');
    res.setHeader('Access-Control-Allow-Credentials', 'true');
    if (req.url === '/set') res.setHeader('Set-Cookie', 'probe=1; SameSite=None; Secure; Path=/');
    res.end(JSON.stringify({ cookie: req.headers.cookie ?? null }));
  });
  const page = await context.newPage();
  try {
    await page.goto(hostUrl);
    const seen = await page.evaluate(async (port) => {
      await fetch(`http://127.0.0.1:${port}/set`, { credentials: 'include' });
      const r = await fetch(`http://127.0.0.1:${port}/read`, { credentials: 'include' });
      return ((await r.json()) as { cookie: string | null }).cookie;
    }, probe.port);
    return seen === 'probe=1';
  } finally {
    await page.close();
    await probe.stop();
  }
}

/** The copilot fixture app: the plugin of test/fixtures/ui/copilot with the given manifest lines. */
export function copilotApp(manifest: string, extra: Record<string, string> = {}): string {
  const plugin = readFileSync(join(REPO, 'test', 'fixtures', 'ui', 'copilot', 'plugin.ts'), 'utf8');
  return writeApp({ 'chainlit.yaml': `name: Copilot Test\nplugins: [plugin.ts]\n${manifest}`, 'plugin.ts': plugin, ...extra });
}

export interface MountOptions {
  accessToken?: string;
  expanded?: boolean;
  showCot?: boolean;
  customCssUrl?: string;
  additionalQueryParamsForAPI?: Record<string, string>;
  displayMode?: 'floating' | 'sidebar';
  opened?: boolean;
  language?: string;
  theme?: 'light' | 'dark';
  button?: { containerId?: string; imageUrl?: string; className?: string };
}

/** Calls `mountChainlitWidget` with the app's address and waits for the host element. */
export async function mountWidget(page: Page, appUrl: string, opts: MountOptions = {}): Promise<void> {
  await page.waitForFunction(() => typeof window.mountChainlitWidget === 'function');
  await page.evaluate(([server, o]) => window.mountChainlitWidget({ chainlitServer: server, ...o }), [appUrl, opts] as const);
  await page.locator('#chainlit-copilot').waitFor({ state: 'attached' });
}

/** Opens the floating widget and waits until its chat is connected. */
export async function openWidget(page: Page): Promise<void> {
  const button = page.locator('#chainlit-copilot-button');
  await button.click();
  await page.locator('#chainlit-copilot-chat').waitFor();
  await page.locator('#chainlit-copilot-chat #message-composer[data-connection="connected"]').waitFor();
}

/** Sends a message from the widget's composer once it can take it. */
export async function sendInWidget(page: Page, text: string): Promise<void> {
  const input = page.locator('#chainlit-copilot-chat #chat-input');
  await input.fill(text);
  await page.locator('#chainlit-copilot-chat #chat-submit:not([disabled])').waitFor();
  await input.press('Enter');
  await page.waitForFunction(() => {
    const root = document.getElementById('chainlit-copilot')?.shadowRoot;
    return (root?.querySelector('#chat-input') as HTMLTextAreaElement | null)?.value === '';
  });
}


/** `project.allow_origins` for the host page's origin (manifest lines). */
export const allow = (origin: string) => `project:\n  allow_origins: ["${origin}"]\n`;

/** A login token for the app's secret (or another one). */
export const token = (identifier: string, secret = SECRET) =>
  jwt.sign({ identifier, display_name: null, metadata: {} }, secret, { algorithm: 'HS256', expiresIn: 600 });

export interface CopilotFixture {
  server: UiServer;
  host: HostPage;
  profile: Profile;
  page: Page;
  errors: string[];
  /** Console errors, failed requests and HTTP errors of the current page. */
  log: string[];
}

export interface UseCopilotOptions {
  /** Files of the app besides the manifest and the plugin. */
  files?: Record<string, string>;
  /** How the host page is served. */
  host?: HostPageOptions;
  /** Extra Chromium flags. */
  args?: string[];
}

/**
 * One app (test/fixtures/ui/copilot), its host page and a browser profile blocking
 * third-party cookies for a describe block; a fresh page on the host page per test.
 */
export function useCopilot(manifest: (hostOrigin: string) => Promise<string> | string, opts: UseCopilotOptions = {}): CopilotFixture {
  const fx = {} as CopilotFixture;
  before(async function () {
    requireChromium(this);
    fx.host = await startHostPage(opts.host);
    fx.server = await startServer(copilotApp(await manifest(fx.host.origin), opts.files));
    fx.host.serve(fx.server.url);
    fx.profile = await launchProfile({ thirdPartyCookies: 'block', args: opts.args });
  });
  after(async () => {
    await fx.profile?.close();
    await fx.server?.stop();
    await fx.host?.stop();
  });
  beforeEach(async () => {
    fx.page = await fx.profile.context.newPage();
    fx.errors = [];
    fx.log = [];
    fx.page.on('pageerror', (e) => fx.errors.push(e.message));
    fx.page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') fx.log.push(`console.${m.type()}: ${m.text()}`); });
    fx.page.on('requestfailed', (r) => fx.log.push(`request failed: ${r.method()} ${r.url()} ${r.failure()?.errorText ?? ''}`));
    fx.page.on('response', (r) => { if (r.status() >= 400) fx.log.push(`HTTP ${r.status()}: ${r.request().method()} ${r.url()}`); });
    fx.page.setDefaultTimeout(20_000);
    await fx.page.goto(fx.host.url);
    // Each test starts with no stored thread, display mode or width.
    await fx.page.evaluate(() => localStorage.clear());
  });
  afterEach(async function () {
    if (this.currentTest?.state === 'failed') {
      const steps = await fx.page.locator('.step').allTextContents().catch(() => [] as string[]);
      console.error(`      .step texts: ${JSON.stringify(steps.map((s) => s.trim().slice(0, 80)))}\n      ${fx.log.slice(-15).join('\n      ')}`);
    }
    await fx.page.close();
    expect(fx.errors, 'page errors').to.deep.equal([]);
  });
  return fx;
}



declare global {
  interface Window {
    mountChainlitWidget: (config: Record<string, unknown>) => void;
    unmountChainlitWidget: () => void;
    toggleChainlitCopilot: () => void;
    sendChainlitMessage: (message: Record<string, unknown>) => void;
    getChainlitCopilotThreadId: () => string | null;
    clearChainlitCopilotThreadId: (id?: string) => void;
    hostLog: string[];
    cspViolations: string[];
  }
}
