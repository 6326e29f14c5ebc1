/**
 * The history UI in Chromium (DOM-CONTRACT §11, §4 feedback): password login, the default
 * SQLite data layer in the app's temp folder, an app with `onChatResume`. A chat gets its
 * `/thread/<id>` URL, is found again in `#thread-history`, resumes on reload and from the
 * sidebar and goes on in the same thread; feedback survives a reload; rename, delete
 * (alert dialog), share (read-only for another user, 404 when not shared), favorites; an
 * app without `onChatResume` shows its threads read-only; `ui.default_sidebar_state`.
 */
import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { SECRET, manifestUsers } from '../support/auth.js';
import { launchBrowser, openPage, pageLog, requireChromium, send, startServer, writeApp, type UiServer } from './support.js';

const PLUGIN = `
import { chatContext, definePlugin, Message, Step, Text } from 'chainlit-rt';
export default definePlugin({
  async onChatStart() { await new Message({ content: 'Hello there' }).send(); },
  async onMessage(message) {
    if (message.content === 'with extras') {
      await Step.run({ name: 'lookup', type: 'tool' }, async () => 'looked it up');
      await new Message({ content: 'A note', elements: [new Text({ name: 'note', content: 'inline note body', display: 'inline' })] }).send();
    }
    // How many questions the chat context holds: a resumed chat got its earlier ones back.
    const asked = chatContext.get().filter((m) => m.type === 'user_message').length;
    await new Message({ content: 'Echo ' + message.content + ' (' + asked + ' asked)' }).send();
  },
  /*RESUME*/
});
`;

async function app(opts: { resumable: boolean; extra?: string }): Promise<string> {
  const users = await manifestUsers([
    { identifier: 'alice', password: 'alice-pw', display_name: 'Alice' },
    { identifier: 'bob', password: 'bob-pw', display_name: 'Bob' },
    { identifier: 'carol', password: 'carol-pw', display_name: 'Carol' },
  ]);
  return writeApp({
    'chainlit.yaml': `name: History\nplugins: [p.ts]\nfeatures:\n  allow_thread_sharing: true\n  favorites: true\n${opts.extra ?? ''}${users}`,
    'p.ts': PLUGIN.replace('/*RESUME*/', opts.resumable ? 'async onChatResume() {},' : ''),
    '.env': `CHAINLIT_AUTH_SECRET=${SECRET}\n`,
  });
}

const pathname = (page: Page) => new URL(page.url()).pathname;

async function login(page: Page, server: UiServer, user: string, password: string, path = '/'): Promise<void> {
  await page.goto(server.page(path));
  await page.locator('input#email').fill(user);
  await page.locator('input#password').fill(password);
  await page.locator('input#password').press('Enter');
  await page.locator('#user-nav-button').waitFor();
}

/** A fresh chat is ready for a question: connected, and only the greeting is shown. */
async function freshChat(page: Page): Promise<void> {
  await page.locator('#message-composer[data-connection="connected"]').waitFor();
  await page.waitForFunction(() => {
    const steps = [...document.querySelectorAll('.step')];
    return steps.length === 1 && steps[0]!.textContent!.includes('Hello there');
  });
}

async function newChat(page: Page): Promise<void> {
  await page.locator('#new-chat-button').click();
  await page.locator('#confirm').click();
  await page.waitForURL((url) => url.pathname === '/');
  await freshChat(page);
}

/** Sends a question and waits for its echo; returns the thread id from the URL. */
async function ask(page: Page, text: string, asked: number): Promise<string> {
  await send(page, text);
  await page.locator('.step', { hasText: `Echo ${text} (${asked} asked)` }).waitFor();
  await page.waitForURL((url) => /^\/thread\/[a-zA-Z0-9_-]+$/.test(url.pathname));
  return pathname(page).split('/')[2]!;
}

/** The thread as the list/read routes store it, read with the page's login. */
async function storedThread(page: Page, id: string): Promise<{ status: number; body: { steps?: { type: string; output: string; feedback?: { value: number; comment?: string | null } | null }[]; name?: string } }> {
  return page.evaluate(async (threadId) => {
    const res = await fetch(`/project/thread/${threadId}`, { credentials: 'include' });
    return { status: res.status, body: res.ok ? await res.json() : {} };
  }, id);
}

async function threadLoaded(page: Page, text: string): Promise<void> {
  await page.locator('.step', { hasText: text }).first().waitFor();
  await page.locator('.lucide-loader').waitFor({ state: 'detached' });
}

async function reportFailure(page: Page): Promise<void> {
  const steps = await page.locator('.step').allTextContents().catch(() => [] as string[]);
  const composer = await page.locator('#message-composer').getAttribute('data-connection', { timeout: 1000 }).catch(() => 'none');
  console.error(`      page at failure: ${page.url()} (composer: ${composer})\n      .step texts: ${JSON.stringify(steps.map((t) => t.trim().slice(0, 80)))}\n      ${pageLog(page).slice(-15).join('\n      ')}`);
}

async function openOptions(page: Page, threadId: string): Promise<void> {
  const item = page.locator(`#thread-${threadId}`);
  await item.hover();
  await item.locator('#thread-options').click();
}

/**
 * Mocha hooks for one history app (`app(opts)`) and a browser, and `withPage`: a fresh page
 * that must end without page errors, its log printed when the test fails.
 */
function useHistoryApp(opts: { resumable: boolean; extra?: string }) {
  const fx = {} as { server: UiServer; browser: Browser };
  before(async function () {
    requireChromium(this);
    fx.server = await startServer(await app(opts));
    fx.browser = await launchBrowser();
  });
  after(async () => {
    await fx.browser?.close();
    await fx.server?.stop();
  });
  async function withPage(run: (page: Page) => Promise<void>): Promise<void> {
    const { context, page, errors } = await openPage(fx.browser, { viewport: { width: 1280, height: 900 } });
    try {
      await run(page);
      expect(errors, 'page errors').to.deep.equal([]);
    } catch (err) {
      await reportFailure(page);
      throw err;
    } finally {
      await context.close();
    }
  }
  return { fx, withPage };
}

describe('browser: history sidebar, thread pages, feedback, sharing', function () {
  this.timeout(180_000);
  const { fx, withPage } = useHistoryApp({ resumable: true });

  it('a chat gets its /thread URL, is listed, resumes on reload and from the sidebar, and goes on in the same thread', async () => {
    await withPage(async (page) => {
      await login(page, fx.server, 'alice', 'alice-pw');
      await freshChat(page);
      await page.locator('#thread-history').waitFor(); // open by default (ui.default_sidebar_state)
      const first = await ask(page, 'first question', 1);
      await page.locator(`#thread-${first}`, { hasText: 'first question' }).waitFor();

      await page.reload();
      await threadLoaded(page, 'Echo first question (1 asked)');
      expect(pathname(page)).to.equal(`/thread/${first}`);
      expect(await page.locator('[data-testid="read-only-banner"]').count()).to.equal(0);
      await page.locator('#message-composer[data-connection="connected"]').waitFor();
      await page.locator(`#thread-${first}.thread-item-current`).waitFor();
      expect(await page.locator('.step', { hasText: 'Hello there' }).count(), 'the greeting is in the thread').to.equal(1);
      // The resumed chat goes on with its earlier question in the context.
      await ask(page, 'second question', 2);
      expect(pathname(page)).to.equal(`/thread/${first}`);

      // A new chat is another thread; the sidebar lists both, newest first, under "Today".
      await newChat(page);
      const second = await ask(page, 'other topic', 1);
      expect(second).to.not.equal(first);
      await page.locator(`#thread-${second}`).waitFor();
      expect(await page.locator('#thread-history .thread-group-title').first().textContent()).to.equal('Today');
      const order = await page.locator('#thread-history li[id^="thread-"]').evaluateAll((els) => els.map((e) => e.id));
      expect(order.indexOf(`thread-${second}`)).to.be.below(order.indexOf(`thread-${first}`));

      // Search narrows the list.
      await page.locator('#thread-search').fill('other');
      await page.locator(`#thread-${first}`).waitFor({ state: 'detached' });
      expect(await page.locator(`#thread-${second}`).count()).to.equal(1);
      await page.locator('#thread-search').fill('');
      await page.locator(`#thread-${first}`).waitFor();

      // Clicking the first thread resumes it here.
      await page.locator(`#thread-${first} a`).click();
      await page.waitForURL((url) => url.pathname === `/thread/${first}`);
      await threadLoaded(page, 'Echo second question (2 asked)');
      expect(await page.locator('.step', { hasText: 'other topic' }).count()).to.equal(0);
      await page.locator('#message-composer[data-connection="connected"]').waitFor();
      await ask(page, 'third question', 3);
      const stored = await storedThread(page, first);
      const questions = stored.body.steps!.filter((s) => s.type === 'user_message').map((s) => s.output);
      expect(questions).to.deep.equal(['first question', 'second question', 'third question']);
    });
  });

  it('steps and elements come back with a resumed thread', async () => {
    await withPage(async (page) => {
      await login(page, fx.server, 'alice', 'alice-pw');
      await freshChat(page);
      await ask(page, 'with extras', 1);
      await page.locator('#step-lookup').waitFor();
      await page.locator('.inline-text', { hasText: 'inline note body' }).waitFor();
      await page.reload();
      await threadLoaded(page, 'Echo with extras (1 asked)');
      await page.locator('#step-lookup').waitFor();
      expect(await page.locator('#step-lookup').textContent()).to.contain('Used lookup');
      await page.locator('.inline-text', { hasText: 'inline note body' }).waitFor();
    });
  });

  it('the list pages through the cursor as it is scrolled, each thread once', async () => {
    const layer = fx.server.app.services.dataLayer!;
    await withPage(async (page) => {
      const cursors: (string | null)[] = [];
      page.on('request', (r) => {
        if (r.method() === 'POST' && new URL(r.url()).pathname === '/project/threads') {
          cursors.push((r.postDataJSON() as { pagination: { cursor: string | null } }).pagination.cursor ?? null);
        }
      });
      await login(page, fx.server, 'carol', 'carol-pw'); // carol is stored at her login
      const carol = (await layer.getUser('carol'))!;
      const ids = Array.from({ length: 25 }, () => randomUUID());
      for (const [i, id] of ids.entries()) await layer.updateThread(id, { name: `Bulk thread ${i}`, userId: carol.id });
      await page.reload();
      await freshChat(page);
      await page.locator('#thread-history li[id^="thread-"]').first().waitFor();
      const list = page.locator('#thread-history');
      await page.waitForFunction(() => {
        const el = document.querySelector('#thread-history')!;
        el.scrollTop = el.scrollHeight;
        return el.querySelectorAll('li[id^="thread-"]').length >= 25;
      });
      const shown = await list.locator('li[id^="thread-"]').evaluateAll((els) => els.map((e) => e.id));
      expect(new Set(shown).size).to.equal(shown.length);
      expect(shown.slice().sort()).to.deep.equal(ids.map((id) => `thread-${id}`).sort());
      expect(cursors[0], 'the first page has no cursor').to.equal(null);
      expect(cursors.some((c) => c !== null), 'a later page names the cursor').to.equal(true);
    });
  });

  it('feedback: thumbs with a comment, stored, shown again after a reload, removed by a second click', async () => {
    await withPage(async (page) => {
      await login(page, fx.server, 'alice', 'alice-pw');
      await freshChat(page);
      const id = await ask(page, 'rate me', 1);
      // One pair, under the answer; none under the on_chat_start greeting.
      await page.locator('.positive-feedback-off').waitFor();
      expect(await page.locator('.positive-feedback-off').count()).to.equal(1);
      expect(await page.locator('.negative-feedback-off').count()).to.equal(1);
      expect(await page.locator('.step', { hasText: 'Hello there' }).locator('.positive-feedback-off').count()).to.equal(0);

      await page.locator('.positive-feedback-off').click();
      await page.locator('#feedbackDescription').fill('spot on');
      await page.locator('#submit-feedback').click();
      await page.locator('.positive-feedback-on').waitFor();
      await page.locator('#feedback-dialog').waitFor({ state: 'detached' });
      const answer = (await storedThread(page, id)).body.steps!.find((s) => s.output === 'Echo rate me (1 asked)')!;
      expect(answer.feedback).to.include({ value: 1, comment: 'spot on' });

      await page.reload();
      await threadLoaded(page, 'Echo rate me');
      await page.locator('.positive-feedback-on').waitFor();
      expect(await page.locator('.negative-feedback-off').count()).to.equal(1);

      // The list's feedback filter: only this thread has a thumbs up, none a thumbs down.
      await page.locator(`#thread-${id}`).waitFor();
      await page.locator('#thread-feedback-filter').selectOption('1');
      await page.waitForFunction((threadId) => {
        const items = [...document.querySelectorAll('#thread-history li[id^="thread-"]')];
        return items.length === 1 && items[0]!.id === `thread-${threadId}`;
      }, id);
      await page.locator('#thread-feedback-filter').selectOption('0');
      await page.locator('#thread-history .thread-empty', { hasText: 'No matching conversations' }).waitFor();
      expect(await page.locator('#thread-history li[id^="thread-"]').count()).to.equal(0);
      await page.locator('#thread-feedback-filter').selectOption('all');
      await page.locator(`#thread-${id}`).waitFor();

      await page.locator('.positive-feedback-on').click();
      await page.locator('.positive-feedback-off').waitFor();
      await page.reload();
      await threadLoaded(page, 'Echo rate me');
      await page.locator('.positive-feedback-off').waitFor();
      expect(await page.locator('.positive-feedback-on').count()).to.equal(0);
    });
  });

  it('rename and delete from the thread options (delete confirmed in an alert dialog)', async () => {
    await withPage(async (page) => {
      await login(page, fx.server, 'alice', 'alice-pw');
      await freshChat(page);
      const id = await ask(page, 'short-lived', 1);
      await page.locator(`#thread-${id}`).waitFor();

      await openOptions(page, id);
      expect(await page.locator('#share-thread').count(), 'sharing is on').to.equal(1);
      await page.locator('#rename-thread').click();
      await page.locator('input#name').fill('Renamed chat');
      await page.locator('input#name').press('Enter');
      await page.locator(`#thread-${id}`, { hasText: 'Renamed chat' }).waitFor();
      await page.reload();
      await page.locator(`#thread-${id}`, { hasText: 'Renamed chat' }).waitFor();
      expect((await storedThread(page, id)).body.name).to.equal('Renamed chat');

      await openOptions(page, id);
      await page.locator('#delete-thread').click();
      await page.locator("[role='alertdialog'] button.bg-primary").click();
      await page.locator(`#thread-${id}`).waitFor({ state: 'detached' });
      // The open thread was the deleted one: back to a new chat.
      await page.waitForURL((url) => url.pathname === '/');
      expect((await storedThread(page, id)).status).to.equal(404);
    });
  });

  it('sharing: the link shows the thread read-only to another user; a thread not shared is a 404 page', async () => {
    let shared = '';
    let hidden = '';
    let link = '';
    await withPage(async (page) => {
      await login(page, fx.server, 'alice', 'alice-pw');
      await freshChat(page);
      hidden = await ask(page, 'kept private', 1);
      await newChat(page);
      shared = await ask(page, 'worth sharing', 1);
      await page.locator(`#thread-${shared}`).waitFor();
      await openOptions(page, shared);
      await page.locator('#share-thread').click();
      const input = page.locator('#share-link');
      await input.waitFor();
      link = await input.inputValue();
      expect(link).to.equal(fx.server.page(`/share/${shared}`));
    });
    await withPage(async (page) => {
      await login(page, fx.server, 'bob', 'bob-pw', `/share/${shared}`);
      await page.waitForURL((url) => url.pathname === `/share/${shared}`);
      await threadLoaded(page, 'Echo worth sharing (1 asked)');
      await page.locator('[data-testid="read-only-banner"]').waitFor();
      expect(await page.locator('#message-composer').count()).to.equal(0);
      expect(await page.locator('.positive-feedback-off').count(), 'no feedback on a read-only thread').to.equal(0);
      expect(await page.locator(`#thread-${shared}`).count(), "not in bob's list").to.equal(0);

      await page.goto(fx.server.page(`/share/${hidden}`));
      await page.locator('#not-found').waitFor();
      expect(await page.locator('.step', { hasText: 'kept private' }).count()).to.equal(0);
      expect(await page.locator('.lucide-loader').count()).to.equal(0);
    });
  });

  it('favorites: a starred question is listed in the composer and fills the input', async () => {
    await withPage(async (page) => {
      await login(page, fx.server, 'alice', 'alice-pw');
      await freshChat(page);
      await ask(page, 'my favorite prompt', 1);
      const star = page.locator('.step', { hasText: 'my favorite prompt' }).first().locator('.favorite-message');
      await star.click();
      await page.locator('.favorite-message-on').waitFor();
      await page.locator('#favorites-button').click();
      await page.locator('#favorites-menu .favorite-item', { hasText: 'my favorite prompt' }).click();
      expect(await page.locator('#chat-input').inputValue()).to.equal('my favorite prompt');
    });
  });
});

describe('browser: an app without onChatResume, sidebar closed by default', function () {
  this.timeout(120_000);
  const { fx, withPage } = useHistoryApp({ resumable: false, extra: 'ui:\n  default_sidebar_state: closed\n' });

  it('opens its threads read-only, with the banner and without a composer', async () => {
    await withPage(async (page) => {
      await login(page, fx.server, 'alice', 'alice-pw');
      await freshChat(page);
      expect(await page.locator('#left-sidebar').count(), 'ui.default_sidebar_state: closed').to.equal(0);
      await page.locator('#sidebar-trigger-button').click();
      await page.locator('#thread-history').waitFor();

      const id = await ask(page, 'one-off', 1);
      // The live chat of the thread is not read-only.
      expect(await page.locator('[data-testid="read-only-banner"]').count()).to.equal(0);
      await page.reload();
      await threadLoaded(page, 'Echo one-off (1 asked)');
      expect(pathname(page)).to.equal(`/thread/${id}`);
      await page.locator('[data-testid="read-only-banner"]').waitFor();
      expect(await page.locator('#message-composer').count()).to.equal(0);
    });
  });
});

describe('browser: ui.default_sidebar_state: hidden', function () {
  this.timeout(120_000);
  const { fx, withPage } = useHistoryApp({ resumable: true, extra: 'ui:\n  default_sidebar_state: hidden\n' });

  it('shows no history sidebar and no button to open it; chats still get their thread page', async () => {
    await withPage(async (page) => {
      await login(page, fx.server, 'alice', 'alice-pw');
      await freshChat(page);
      await ask(page, 'no sidebar', 1);
      expect(await page.locator('#left-sidebar').count()).to.equal(0);
      expect(await page.locator('#sidebar-trigger-button').count()).to.equal(0);
      expect(await page.locator('#new-chat-button').count()).to.equal(1);
    });
  });
});
