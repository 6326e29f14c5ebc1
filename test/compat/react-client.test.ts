/**
 * The published @chainlit/react-client (0.3.0) must work against our server unchanged
 * (DESIGN.md §1.1). A page built from its hooks (./page/main.ts) is served from the app's
 * public folder and driven in Debian's Chromium: connect, settings, send, streamed answer.
 */
import { expect } from 'chai';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { REPO, startServer, type TestServer } from '../support/server.js';
import { buildCompatPage } from './build-page.js';
import type { CompatProbe, StepSnapshot } from './page/probe.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const MANIFEST = join(REPO, 'test', 'compat', 'fixtures', 'chainlit.yaml');
/** What fixtures/plugin.ts streams after its "#N <question>: " prefix. */
const ANSWER_TAIL = 'The answer arrives token by token.';

interface Exchange {
  method: string;
  path: string;
  status: number;
}

describe('compat: @chainlit/react-client 0.3.0 in Chromium', function () {
  this.timeout(60_000);
  let server: TestServer | undefined;
  let browser: Browser | undefined;
  let context: BrowserContext;
  let page: Page;
  let exchanges: Exchange[];
  let problems: string[];

  before(async function () {
    if (!existsSync(CHROMIUM)) {
      if (process.env.CI === 'true') throw new Error(`Chromium not found at ${CHROMIUM}; the compat test cannot run in CI`);
      console.warn(`      (skipped: no Chromium at ${CHROMIUM}; install it with apt-get install chromium)`);
      this.skip();
    }
    await buildCompatPage();
    server = await startServer(MANIFEST);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-dev-shm-usage'],
    });
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  beforeEach(async () => {
    context = await browser!.newContext({ locale: 'en-US' });
    page = await context.newPage();
    page.setDefaultTimeout(15_000);
    exchanges = [];
    problems = [];
    page.on('response', (res) => {
      const url = new URL(res.url());
      exchanges.push({ method: res.request().method(), path: url.pathname, status: res.status() });
      if (res.status() >= 400) problems.push(`HTTP ${res.status()} ${res.request().method()} ${url.pathname}${url.search}`);
    });
    page.on('requestfailed', (req) => problems.push(`request failed: ${req.method()} ${req.url()} (${req.failure()?.errorText})`));
    page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
    page.on('console', (msg) => {
      if (msg.type() === 'error') problems.push(`console error: ${msg.text()}`);
    });
    await page.goto(`${server!.origin}/public/compat/index.html`);
    await page.waitForFunction(() => document.getElementById('status')?.textContent === 'connected');
  });

  afterEach(async () => {
    await context.close();
  });

  const probe = (): Promise<CompatProbe> => page.evaluate(() => window.__compat);

  /** Waits until no task runs (useChatData().loading is false). */
  async function idle(): Promise<void> {
    await page.waitForFunction(() => document.getElementById('status')?.dataset.loading === 'false');
  }

  async function send(text: string): Promise<void> {
    await page.fill('#input', text);
    await page.click('#send');
  }

  /** Waits for the finished (no longer streaming) assistant answer with exactly `text`. */
  async function finalAnswer(text: string): Promise<string> {
    const handle = await page.waitForFunction((expected) => {
      const nodes = document.querySelectorAll<HTMLElement>('.msg[data-type="assistant_message"]');
      const hit = [...nodes].find((n) => n.textContent === expected && n.dataset.streaming === 'false');
      return hit ? hit.id.replace(/^msg-/, '') : null;
    }, text);
    return (await handle.jsonValue()) as string;
  }

  it('connects, fetches auth config, user and settings, and renders the chat-start greeting', async () => {
    await page.waitForFunction(() => document.getElementById('config')?.dataset.state === 'loaded');
    const config = page.locator('#config');
    expect(await config.getAttribute('data-name')).to.equal('Compat Bot');
    expect(await config.getAttribute('data-cot')).to.be.oneOf(['hidden', 'tool_call', 'full']);

    const greeting = page.locator('.msg[data-type="assistant_message"]', { hasText: 'Hello from compat!' });
    await greeting.waitFor();
    expect(await greeting.getAttribute('data-author')).to.equal('Compat Bot');

    const okPaths = exchanges.filter((e) => e.status === 200).map((e) => `${e.method} ${e.path}`);
    for (const expected of ['GET /auth/config', 'GET /user', 'GET /project/settings', 'POST /set-session-cookie']) {
      expect(okPaths, `react-client's ${expected} should succeed`).to.include(expected);
    }
    expect(problems).to.deep.equal([]);
    expect((await probe()).errors).to.deep.equal([]);
  });

  it('sends a message with sendMessage and renders the answer as it streams, with loading on then off', async () => {
    await page.locator('.msg', { hasText: 'Hello from compat!' }).waitFor();
    await idle();
    const loadingBefore = (await probe()).loading.length;
    await send('What is up?');
    const answerId = await finalAnswer(`#1 What is up?: ${ANSWER_TAIL}`);

    // The user step is the one react-client built itself; the server must not echo a copy.
    const users = page.locator('.msg[data-type="user_message"]');
    expect(await users.count()).to.equal(1);
    expect(await users.first().textContent()).to.equal('What is up?');
    expect(await users.first().getAttribute('data-author')).to.equal('User');
    expect(await page.locator('#messages').getAttribute('data-first-interaction')).to.equal('What is up?');
    expect(await page.locator('#messages').getAttribute('data-thread-id')).to.match(/\S/);

    const { snapshots, errors } = await probe();
    const prefix = '#1 What is up?: ';
    const final = prefix + ANSWER_TAIL;
    const seen = snapshots.map((s) => s.find((m) => m.id === answerId)).filter((m): m is StepSnapshot => m !== undefined);
    const outputs = [...new Set(seen.map((m) => m.output))];
    // stream_start alone would only show the prefix; a longer partial proves stream_token renders.
    const partial = seen.filter((m) => m.streaming && m.output.length > prefix.length && m.output !== final);
    expect(partial.length, `partial answers observed: ${JSON.stringify(outputs)}`).to.be.at.least(1);
    for (const m of partial) expect(final.startsWith(m.output), `"${m.output}" is a prefix of the answer`).to.equal(true);
    for (let i = 1; i < outputs.length; i += 1) {
      expect(outputs[i]!.startsWith(outputs[i - 1]!), 'streamed text only grows').to.equal(true);
    }
    expect(seen.at(-1)).to.include({ output: final, streaming: false, type: 'assistant_message', name: 'Compat Bot' });

    // The answer hangs under the user message (through the on_message run step, if any).
    const last = snapshots.at(-1)!;
    const byId = new Map(last.map((m) => [m.id, m]));
    const userStep = last.find((m) => m.type === 'user_message')!;
    let cursor = byId.get(answerId);
    const chain: string[] = [];
    while (cursor?.parentId) {
      chain.push(cursor.parentId);
      cursor = byId.get(cursor.parentId);
    }
    expect(chain, 'answer ancestry').to.include(userStep.id);
    expect(byId.get(answerId)!.depth).to.be.greaterThan(userStep.depth);

    // task_end may still be in flight when the final message lands; wait for it.
    await idle();
    const transitions = (await probe()).loading.slice(loadingBefore);
    expect(transitions, 'useChatData().loading after sending').to.deep.equal([true, false]);
    expect(await page.locator('#send').isDisabled()).to.equal(false);
    expect(errors).to.deep.equal([]);
    expect(problems).to.deep.equal([]);
  });

  it('keeps the user session across messages of one connection', async () => {
    await page.locator('.msg', { hasText: 'Hello from compat!' }).waitFor();
    await send('one');
    await finalAnswer(`#1 one: ${ANSWER_TAIL}`);
    await idle();
    await send('two');
    await finalAnswer(`#2 two: ${ANSWER_TAIL}`);
    expect(await page.locator('.msg[data-type="user_message"]').allTextContents()).to.deep.equal(['one', 'two']);
    expect(problems).to.deep.equal([]);
  });
});
