/**
 * Browser test support: Debian's Chromium driven by playwright-core, a real server per
 * suite, and a fresh page per test. The UI bundle is built once per run if missing.
 */
import { expect } from 'chai';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { buildUi } from '../../ui/build.js';
import { REPO, startServer as startTestServer, writeApp, type TestServer } from '../support/server.js';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const FIXTURES = join(REPO, 'test', 'fixtures', 'ui');
export { writeApp };

let uiBuilt: Promise<void> | null = null;

/** Builds ui-dist once per process (the lead's build step normally did it already). */
export function ensureUiBuilt(): Promise<void> {
  uiBuilt ??= (async () => {
    if (process.env.UI_REBUILD === '1' || !existsSync(join(REPO, 'ui-dist', 'assets', 'index.js'))) {
      await buildUi({ outdir: join(REPO, 'ui-dist'), minify: true });
    }
  })();
  return uiBuilt;
}

/**
 * Skips the suite when Chromium is missing locally; in CI a missing browser is a failure.
 * Call from a `before` hook with its `this`.
 */
export function requireChromium(ctx: Mocha.Context): void {
  if (existsSync(CHROMIUM)) return;
  if (process.env.CI === 'true') throw new Error(`Chromium not found at ${CHROMIUM}; browser tests cannot run in CI`);
  console.warn(`      (skipped: no Chromium at ${CHROMIUM}; install it with apt-get install chromium)`);
  ctx.skip();
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-dev-shm-usage'],
  });
}

export interface UiServer extends TestServer {
  /** URL of a page of the app, e.g. page('/') or page('/env'). */
  page(path?: string): string;
}

/** Starts the app of a manifest (path relative to test/fixtures/ui/ or absolute). */
export async function startServer(manifest: string, opts: { rootPath?: string } = {}): Promise<UiServer> {
  await ensureUiBuilt();
  const path = manifest.startsWith('/') ? manifest : join(FIXTURES, manifest);
  const server = await startTestServer(path, opts.rootPath ? { rootPath: opts.rootPath } : {});
  const base = server.url.replace(/\/$/, '');
  return { ...server, page: (p = '/') => base + (p === '/' ? '/' : p) };
}

export interface PageOptions {
  locale?: string;
  colorScheme?: 'light' | 'dark';
  viewport?: { width: number; height: number };
  /** Default timeout of the page's waits in ms (20 s: CI shares two cores with the server under test). */
  timeout?: number;
}

/** A fresh context (own cookies/storage) and page; page errors are collected. */
export async function openPage(
  browser: Browser,
  opts: PageOptions = {},
): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext({
    locale: opts.locale ?? 'en-US',
    colorScheme: opts.colorScheme ?? 'dark',
    viewport: opts.viewport ?? { width: 1200, height: 800 },
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
  // Kept for the failure report of useChatPage (what the page said and failed to load).
  const log: string[] = [];
  page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') log.push(`console.${m.type()}: ${m.text()}`); });
  page.on('requestfailed', (r) => log.push(`request failed: ${r.method()} ${r.url()} ${r.failure()?.errorText ?? ''}`));
  page.on('response', (r) => { if (r.status() >= 400) log.push(`HTTP ${r.status()}: ${r.request().method()} ${r.url()}`); });
  pageLogs.set(page, log);
  page.setDefaultTimeout(opts.timeout ?? 20_000);
  return { context, page, errors };
}

const pageLogs = new WeakMap<Page, string[]>();

/** What a page logged, for diagnosing a failed test. */
export function pageLog(page: Page): string[] {
  return pageLogs.get(page) ?? [];
}

/** Opens the app and waits until the socket is connected (the composer is enabled). */
export async function gotoChat(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.locator('#chat-input').waitFor();
  // Not just "no banner": before the socket starts connecting there is none either, and a
  // message typed then would be refused by the composer.
  await page.locator('#message-composer[data-connection="connected"]').waitFor();
}

export interface ChatPageOptions {
  /** The server's --root-path. */
  rootPath?: string;
  /** Options of each test's page. */
  page?: PageOptions;
  /** Path each test's page opens with gotoChat ('/'); false leaves the page blank for the suite to navigate. */
  start?: string | false;
  /** Runs on each fresh page before it navigates, e.g. to listen to its requests. */
  prepare?: (page: Page) => void;
  /** false: no page per test, the tests open their own; only `server` and `browser` are filled. */
  pagePerTest?: boolean;
}

/** Filled by the hooks useChatPage registers: read the fields inside tests and hooks only. */
export interface ChatPageFixture {
  server: UiServer;
  browser: Browser;
  context: BrowserContext;
  page: Page;
  errors: string[];
}

/**
 * Registers the usual hooks in the calling describe: one server and browser for the suite,
 * and per test a fresh page on the chat that must end without page errors.
 */
export function useChatPage(manifest: string, opts: ChatPageOptions = {}): ChatPageFixture {
  const fx = {} as ChatPageFixture;
  before(async function () {
    requireChromium(this);
    fx.server = await startServer(manifest, opts.rootPath ? { rootPath: opts.rootPath } : {});
    fx.browser = await launchBrowser();
  });
  after(async () => {
    await fx.browser?.close();
    await fx.server?.stop();
  });
  if (opts.pagePerTest === false) return fx;
  beforeEach(async () => {
    Object.assign(fx, await openPage(fx.browser, opts.page));
    opts.prepare?.(fx.page);
    if (opts.start !== false) await gotoChat(fx.page, fx.server.page(opts.start ?? '/'));
  });
  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && fx.page) {
      const steps = await fx.page.locator('.step').allTextContents().catch(() => [] as string[]);
      console.error(`      page at failure: ${fx.page.url()}\n      .step texts: ${JSON.stringify(steps.map((t) => t.trim().slice(0, 80)))}\n      ${pageLog(fx.page).slice(-20).join('\n      ')}`);
    }
    await fx.context?.close();
    expect(fx.errors, 'page errors').to.deep.equal([]);
  });
  return fx;
}

/**
 * Types a message and sends it with Enter, once: only when the composer can take it
 * (connected, no task running, no blocking ask), then waits until it did (the input
 * empties). Pressing Enter while the composer is busy would be ignored, and pressing it
 * again later could send the message twice.
 */
export async function send(page: Page, text: string): Promise<void> {
  const input = page.locator('#chat-input');
  await input.fill(text);
  await page.locator('#chat-submit:not([disabled])').waitFor();
  await input.press('Enter');
  await page.waitForFunction(() => (document.querySelector('#chat-input') as HTMLTextAreaElement | null)?.value === '');
}

/**
 * Opens the gate `name` of a UI fixture (test/fixtures/ui/plugins/gates.ts), where the
 * fixture holds a state until the test has seen it. Waits until a fixture is at the gate,
 * unless `wait` is false. Returns how many fixtures it let go.
 */
export async function release(server: UiServer, name: string, opts: { wait?: boolean } = {}): Promise<number> {
  const query = opts.wait === false ? '?wait=0' : '';
  const res = await fetch(server.page(`/test/gates/${encodeURIComponent(name)}${query}`), { method: 'POST' });
  const body = (await res.json()) as { opened?: number; error?: string };
  if (!res.ok) throw new Error(`release(${name}): HTTP ${res.status} ${body.error ?? ''}`);
  return body.opened ?? 0;
}
