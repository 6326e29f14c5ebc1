/**
 * The shipped example app (manifests/elements.yaml, plugins/examples/elements/) in
 * Chromium: its command words render every kind of element.
 */
import { expect } from 'chai';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { REPO } from '../support/server.js';
import { send, useChatPage } from './support.js';

describe('browser: elements example app', function () {
  this.timeout(90_000);
  // The first custom element also loads the lucide and kit chunks: allow for a busy machine.
  const ui = useChatPage(join(REPO, 'manifests', 'elements.yaml'), { page: { timeout: 20_000 } });

  const message = (p: Page, text: string) => p.locator('.step[data-step-type="assistant_message"]', { hasText: text });

  it('shows text, image, file, plotly, dataframe and static-chart elements on their words', async () => {
    // One word at a time: each answer arrives before the next question, as a person would chat.
    await send(ui.page, 'text');
    await message(ui.page, 'Here are the notes').locator('.inline-text').waitFor();
    await send(ui.page, 'image');
    await message(ui.page, 'Images').locator('img.inline-image').nth(1).waitFor();
    await send(ui.page, 'file');
    const file = message(ui.page, 'Your export').locator('a.inline-file');
    await file.waitFor();
    expect(await file.getAttribute('download')).to.equal('sales.csv');
    await send(ui.page, 'plotly');
    await message(ui.page, 'Sales (Plotly)').locator('.inline-plotly .main-svg').first().waitFor();
    await send(ui.page, 'dataframe');
    await message(ui.page, 'Sales table').locator('.dataframe tbody tr').nth(3).waitFor();
    await send(ui.page, 'pyplot');
    await message(ui.page, 'Sales (static chart)').locator('img.inline-image').waitFor();
  });

  it('runs the Counter example element (kit Button with lucide icons)', async () => {
    await send(ui.page, 'counter');
    const counter = message(ui.page, 'A counter').locator('.inline-custom #counter');
    // The first custom element is compiled (JSX and its scoped Tailwind CSS) on demand.
    await counter.waitFor({ timeout: 45_000 });
    expect(await counter.locator('svg.lucide-plus').count()).to.equal(1);
    await counter.locator('#increment').click();
    await counter.locator('span', { hasText: /^1$/ }).waitFor();
    await counter.locator('#decrement').click();
    await counter.locator('#decrement').click();
    await counter.locator('span', { hasText: /^-1$/ }).waitFor();
  });

  it('answers the TicketForm ask and shows the task list progressing to done', async () => {
    await send(ui.page, 'ticket');
    await ui.page.locator('#ticket-title').fill('Paper jam');
    await ui.page.locator('#ticket-submit').click();
    await message(ui.page, 'Ticket created: Paper jam').waitFor();
    await send(ui.page, 'tasks');
    await ui.page.locator('.tasklist .task-status-done').nth(2).waitFor({ timeout: 15_000 });
    expect(await ui.page.locator('.tasklist .task').count()).to.equal(3);
    expect(await ui.page.locator('.tasklist .tasklist-header').textContent()).to.contain('Done');
  });

  it('opens the side PDF with a rendered page, and fills then closes the sidebar', async () => {
    await send(ui.page, 'pdf');
    // pdf.js and its worker load on first use, then render the page: allow for a busy machine.
    await ui.page.locator('#side-view-content .side-pdf .react-pdf__Document[data-rendered-page="1"] canvas').waitFor({ timeout: 45_000 });
    await send(ui.page, 'sidebar');
    await ui.page.locator('#side-view-title', { hasText: 'Sources' }).waitFor();
    // The title can arrive a frame before the elements: wait for the second, then count.
    await ui.page.locator('#side-view-content .inline-text').nth(1).waitFor();
    expect(await ui.page.locator('#side-view-content .inline-text').count()).to.equal(2);
    await send(ui.page, 'close');
    await ui.page.locator('#side-view-content').waitFor({ state: 'detached' });
  });
});
