/**
 * The shipped example app (manifests/elements.yaml, plugins/examples/elements/) in
 * Chromium: its command words render every kind of element.
 */
import { expect } from 'chai';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { REPO } from '../support/server.js';
import { gotoChat, launchBrowser, openPage, requireChromium, send, startServer, type UiServer } from './support.js';

describe('browser: elements example app', function () {
  this.timeout(60_000);
  let server: UiServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let errors: string[];

  before(async function () {
    requireChromium(this);
    server = await startServer(join(REPO, 'manifests', 'elements.yaml'));
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });
  beforeEach(async () => {
    ({ context, page, errors } = await openPage(browser));
    // The first custom element also loads the lucide and kit chunks: allow for a busy machine.
    page.setDefaultTimeout(20_000);
    await gotoChat(page, server.page('/'));
  });
  afterEach(async () => {
    await context?.close();
    expect(errors, 'page errors').to.deep.equal([]);
  });

  const message = (p: Page, text: string) => p.locator('.step[data-step-type="assistant_message"]', { hasText: text });

  it('shows text, image, file, plotly, dataframe and static-chart elements on their words', async () => {
    for (const word of ['text', 'image', 'file', 'plotly', 'dataframe', 'pyplot']) await send(page, word);
    await message(page, 'Here are the notes').locator('.inline-text').waitFor();
    await message(page, 'Images').locator('img.inline-image').nth(1).waitFor();
    expect(await message(page, 'Your export').locator('a.inline-file').getAttribute('download')).to.equal('sales.csv');
    await message(page, 'Sales (Plotly)').locator('.inline-plotly .main-svg').first().waitFor();
    await message(page, 'Sales table').locator('.dataframe tbody tr').nth(3).waitFor();
    await message(page, 'Sales (static chart)').locator('img.inline-image').waitFor();
  });

  it('runs the Counter example element (kit Button with lucide icons)', async () => {
    await send(page, 'counter');
    const counter = message(page, 'A counter').locator('.inline-custom #counter');
    await counter.waitFor();
    expect(await counter.locator('svg.lucide-plus').count()).to.equal(1);
    await counter.locator('#increment').click();
    await counter.locator('span', { hasText: /^1$/ }).waitFor();
    await counter.locator('#decrement').click();
    await counter.locator('#decrement').click();
    await counter.locator('span', { hasText: /^-1$/ }).waitFor();
  });

  it('answers the TicketForm ask and shows the task list progressing to done', async () => {
    await send(page, 'ticket');
    await page.locator('#ticket-title').fill('Paper jam');
    await page.locator('#ticket-submit').click();
    await message(page, 'Ticket created: Paper jam').waitFor();
    await send(page, 'tasks');
    await page.locator('.tasklist .task-status-done').nth(2).waitFor({ timeout: 15_000 });
    expect(await page.locator('.tasklist .task').count()).to.equal(3);
    expect(await page.locator('.tasklist .tasklist-header').textContent()).to.contain('Done');
  });

  it('opens the side PDF with a rendered page, and fills then closes the sidebar', async () => {
    await send(page, 'pdf');
    await page.locator('#side-view-content .side-pdf .react-pdf__Document[data-rendered-page="1"] canvas').waitFor();
    await send(page, 'sidebar');
    await page.locator('#side-view-title', { hasText: 'Sources' }).waitFor();
    expect(await page.locator('#side-view-content .side-text').count()).to.equal(2);
    await send(page, 'close');
    await page.locator('#side-view-content').waitFor({ state: 'detached' });
  });
});
