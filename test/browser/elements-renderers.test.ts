/**
 * Rich elements in Chromium against a real server (DOM-CONTRACT §8, §9): every built-in
 * renderer, the three display modes, the task list and the server-driven element sidebar.
 * The app is test/fixtures/ui/elements/ (one command word per scenario).
 */
import { expect } from 'chai';
import { readFile, stat } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { release, send, useChatPage } from './support.js';

describe('browser: elements (renderers, display modes, sidebar, task list)', function () {
  this.timeout(60_000);
  let requests: string[];

  const ui = useChatPage('elements/elements.yaml', {
    // The first custom element also loads the lucide and kit chunks: allow for a busy machine.
    page: { timeout: 20_000 },
    prepare: (page) => {
      requests = [];
      page.on('request', (r) => requests.push(r.url()));
    },
  });
  afterEach(() => {
    const foreign = requests.filter((u) => !u.startsWith(ui.server.origin) && !u.startsWith('data:') && !u.startsWith('blob:'));
    expect(foreign, 'requests to other hosts').to.deep.equal([]);
  });

  /** The assistant message whose text contains `text`. */
  const message = (p: Page, text: string) => p.locator('.step[data-step-type="assistant_message"]', { hasText: text });

  it('renders text inline as markdown, and links side and page elements by name', async () => {
    await send(ui.page, 'text');
    const msg = message(ui.page, 'See source and details');
    await msg.locator('.inline-text').waitFor();
    expect(await msg.locator('.inline-text').textContent()).to.equal('Plain notes here');
    expect(await msg.locator('.inline-text strong').textContent()).to.equal('notes');
    const links = msg.locator('a.element-link');
    expect(await links.allTextContents()).to.deep.equal(['source', 'details']);
    // A side element opens the panel by itself, titled with its name; the code is highlighted.
    await ui.page.locator('#side-view-title').waitFor();
    expect(await ui.page.locator('#side-view-title').textContent()).to.equal('source');
    await ui.page.locator('#side-view-content .side-text').getByText('const answer = 42;').waitFor();

    // The page element: its own route, with name and content.
    await links.filter({ hasText: 'details' }).click();
    await ui.page.locator('#element-view').waitFor();
    expect(new URL(ui.page.url()).pathname).to.match(/^\/element\/[\w-]+$/);
    expect(await ui.page.locator('#element-view h1').textContent()).to.equal('details');
    await ui.page.locator('#element-view .page-text').getByText('The full details page').waitFor();
    await ui.page.locator('.element-page-back').click();
    await message(ui.page, 'See source and details').waitFor();
    expect(await ui.page.locator('#element-view').count()).to.equal(0);
  });

  it('opens a clicked side link in the panel and closes it with the close button', async () => {
    await send(ui.page, 'text');
    const msg = message(ui.page, 'See source and details');
    await msg.locator('a.element-link', { hasText: 'source' }).waitFor();
    await ui.page.locator('#side-view-content').waitFor();
    await ui.page.locator('.side-panel button[aria-label="Close panel"]').click();
    expect(await ui.page.locator('#side-view-content').count()).to.equal(0);
    await msg.locator('a.element-link', { hasText: 'source' }).click();
    expect(await ui.page.locator('#side-view-title').textContent()).to.equal('source');
    await ui.page.locator('#side-view-content').getByText('const answer = 42;').waitFor();
  });

  it('shows images by size and enlarges one on click', async () => {
    await send(ui.page, 'image');
    const msg = message(ui.page, 'Images');
    await msg.locator('img.inline-image').nth(1).waitFor();
    expect(await msg.locator('img.inline-image').count()).to.equal(2);
    expect(await msg.locator('img.inline-image').first().getAttribute('class')).to.contain('size-small');
    expect(await msg.locator('img.inline-image').nth(1).getAttribute('class')).to.contain('size-large');
    await ui.page.waitForFunction(() => [...document.querySelectorAll<HTMLImageElement>('img.inline-image')].every((i) => i.complete && i.naturalWidth > 0));
    await msg.locator('img.inline-image[alt="logo"]').click();
    const dialog = ui.page.locator('[role="dialog"]');
    await dialog.locator('img.element-image-full[alt="logo"]').waitFor();
    // The large copy is no `.inline-image`: specs count those per message.
    expect(await ui.page.locator('img.inline-image').count()).to.equal(2);
    await ui.page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
  });

  it('renders file links with the file names, in order, and downloads with that name', async () => {
    await send(ui.page, 'files');
    const msg = message(ui.page, 'Files');
    await msg.locator('a.inline-file').nth(1).waitFor();
    const names = await msg.locator('a.inline-file').evaluateAll((as) => as.map((a) => a.getAttribute('download')));
    expect(names).to.deep.equal(['sales.csv', 'notes.txt']);
    expect(await msg.locator('a.inline-file').first().getAttribute('target')).to.equal('_blank');
    const [download] = await Promise.all([ui.page.waitForEvent('download'), msg.locator('a.inline-file').first().click()]);
    expect(download.suggestedFilename()).to.equal('sales.csv');
    expect(await readFile((await download.path())!, 'utf8')).to.equal('month,sales\nJan,28\n');
  });

  it('downloads a large file whole, under its name', async () => {
    await send(ui.page, 'bigfile');
    const link = message(ui.page, 'A large file').locator('a.inline-file');
    await link.waitFor();
    const [download] = await Promise.all([ui.page.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).to.equal('big-export.bin');
    const file = (await download.path())!;
    expect((await stat(file)).size).to.equal(12 * 1024 * 1024);
    const bytes = await readFile(file);
    expect([bytes[0], bytes[4096], bytes[4096 * 300]]).to.deep.equal([0, 4096 % 251, (4096 * 300) % 251]);
  });

  it('opens an inline PDF in a dialog with a rendered page, and closes it', async () => {
    await send(ui.page, 'pdf');
    const card = message(ui.page, 'Inline manual').locator('.inline-pdf');
    await card.waitFor();
    expect(await card.getAttribute('role')).to.equal('button');
    expect(await card.getAttribute('tabindex')).to.equal('0');
    await card.focus();
    await ui.page.keyboard.press('Enter');
    const dialog = ui.page.locator('[role="dialog"]', { has: ui.page.locator('canvas') });
    await dialog.locator('.react-pdf__Document[data-rendered-page="1"]').waitFor();
    expect(await dialog.locator('.pdf-page-label').textContent()).to.equal('Page 1 of 2');
    await dialog.locator('button[aria-label="Close"]').click();
    await dialog.waitFor({ state: 'detached' });
    // pdf.js and its worker came from our server (the afterEach hook checks every request).
    expect(requests.some((u) => u.endsWith('/assets/pdf.worker.min.mjs'))).to.equal(true);
  });

  it('shows a side PDF at its initial page and navigates pages', async () => {
    await send(ui.page, 'pdf');
    const viewer = ui.page.locator('#side-view-content .side-pdf .react-pdf__Document');
    await viewer.and(ui.page.locator('[data-rendered-page="2"]')).waitFor();
    expect(await ui.page.locator('#side-view-title').textContent()).to.equal('report');
    expect(await viewer.locator('.pdf-page-label').textContent()).to.equal('Page 2 of 3');
    const canvas = viewer.locator('canvas');
    const page2 = await canvas.evaluate((c: HTMLCanvasElement) => c.toDataURL());
    // Something was drawn: not a blank canvas of the same size.
    const blank = await canvas.evaluate((c: HTMLCanvasElement) => {
      const b = document.createElement('canvas');
      b.width = c.width;
      b.height = c.height;
      return b.toDataURL();
    });
    expect(page2).to.not.equal(blank);
    await viewer.locator('button.pdf-next').click();
    await viewer.and(ui.page.locator('[data-rendered-page="3"]')).waitFor();
    expect(await viewer.locator('.pdf-page-label').textContent()).to.equal('Page 3 of 3');
    expect(await viewer.locator('button.pdf-next').isDisabled()).to.equal(true);
    expect(await canvas.evaluate((c: HTMLCanvasElement) => c.toDataURL())).to.not.equal(page2);
    await viewer.locator('button.pdf-prev').click();
    await viewer.locator('button.pdf-prev').click();
    await viewer.and(ui.page.locator('[data-rendered-page="1"]')).waitFor();
    expect(await viewer.locator('button.pdf-prev').isDisabled()).to.equal(true);
  });

  it('plays audio (autoPlay) and applies the video playerConfig', async () => {
    await send(ui.page, 'media');
    const msg = message(ui.page, 'Media');
    const audio = msg.locator('.inline-audio audio');
    await audio.waitFor();
    expect(await audio.getAttribute('autoplay')).to.not.equal(null);
    await ui.page.waitForFunction(() => (document.querySelector<HTMLAudioElement>('.inline-audio audio')?.duration ?? 0) > 0);
    const video = msg.locator('.inline-video video');
    expect(await video.evaluate((v: HTMLVideoElement) => ({ muted: v.muted, loop: v.loop, controls: v.controls }))).to.deep.equal({
      muted: true,
      loop: true,
      controls: true,
    });
  });

  it('renders an interactive Plotly chart: hovering and zooming change the chart', async () => {
    await send(ui.page, 'plotly');
    const container = message(ui.page, 'Chart').locator('.inline-plotly-container');
    const plot = container.locator('.inline-plotly');
    // plotly.js is a ~1 MB lazy chunk: on a loaded machine its first chart takes a while.
    await plot.locator('.main-svg').first().waitFor({ timeout: 60_000 });
    expect(await plot.locator('.gtitle').textContent()).to.equal('Bars');
    const bars = plot.locator('.bars .point');
    expect(await bars.count()).to.equal(3);
    const box = (await bars.first().boundingBox())!;
    await ui.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await plot.locator('.hoverlayer .hovertext').waitFor();
    expect(await plot.locator('.hoverlayer .hovertext').textContent()).to.contain('3');

    const ticks = () => plot.locator('.xtick text').allTextContents();
    expect(await ticks()).to.deep.equal(['a', 'b', 'c']);
    const area = (await plot.locator('.nsewdrag').first().boundingBox())!;
    await ui.page.mouse.move(area.x + area.width * 0.02, area.y + area.height * 0.5);
    await ui.page.mouse.down();
    await ui.page.mouse.move(area.x + area.width * 0.3, area.y + area.height * 0.5, { steps: 8 });
    await ui.page.mouse.up();
    await ui.page.waitForFunction(() => document.querySelectorAll('.inline-plotly .xtick text').length < 3);
    expect((await ticks()).length).to.be.lessThan(3);
  });

  it('pages a dataframe 10 rows at a time and sorts by a column', async () => {
    await send(ui.page, 'dataframe');
    const df = message(ui.page, 'Table').locator('.dataframe');
    await df.locator('tbody tr').first().waitFor();
    expect(await ui.page.locator('.dataframe').count()).to.equal(1);
    expect(await df.locator('thead th').allTextContents()).to.deep.equal(['name', 'score']);
    const firstCells = () => df.locator('tbody tr td:first-child').allTextContents();
    expect(await firstCells()).to.have.length(10);
    expect((await firstCells())[0]).to.equal('item-01');
    expect(await df.locator('.dataframe-range').textContent()).to.equal('1–10 of 25');
    await df.locator('button.dataframe-next').click();
    expect((await firstCells())[0]).to.equal('item-11');
    await df.locator('button.dataframe-next').click();
    expect(await firstCells()).to.have.length(5);
    expect(await df.locator('.dataframe-range').textContent()).to.equal('21–25 of 25');
    expect(await df.locator('button.dataframe-next').isDisabled()).to.equal(true);

    const scores = Array.from({ length: 25 }, (_v, i) => (i * 37) % 101);
    const header = df.locator('thead th', { hasText: 'score' });
    await header.locator('button').click();
    expect(await header.getAttribute('aria-sort')).to.equal('ascending');
    const shownScores = async () => (await df.locator('tbody tr td:nth-child(2)').allTextContents()).map(Number);
    // Sorting goes back to the first page.
    expect(await shownScores()).to.deep.equal([...scores].sort((a, b) => a - b).slice(0, 10));
    await header.locator('button').click();
    expect(await header.getAttribute('aria-sort')).to.equal('descending');
    expect(await shownScores()).to.deep.equal([...scores].sort((a, b) => b - a).slice(0, 10));
    await header.locator('button').click();
    expect(await header.getAttribute('aria-sort')).to.equal('none');
    expect((await firstCells())[0]).to.equal('item-01');
  });

  it('shows the task list with each task status, updates it, and scrolls to a task message', async () => {
    await ui.page.evaluate(() => {
      const w = window as unknown as { scrolledTo: string[] };
      w.scrolledTo = [];
      const original = Element.prototype.scrollIntoView;
      Element.prototype.scrollIntoView = function (this: Element, arg?: boolean | ScrollIntoViewOptions) {
        w.scrolledTo.push(this.id);
        original.call(this, arg);
      };
    });
    await send(ui.page, 'tasks');
    const list = ui.page.locator('.tasklist');
    await list.waitFor();
    expect(await list.isVisible()).to.equal(true);
    expect(await ui.page.locator('.tasklist.tasklist-mobile').count()).to.equal(0);
    await list.locator('.task').nth(1).waitFor();
    // The first version of the list: one task running, one ready.
    expect(await list.locator('.task-status-running').count()).to.equal(1);
    expect(await list.locator('.task-status-ready').count()).to.equal(1);
    expect(await list.locator('.tasklist-header').textContent()).to.contain('Running...');
    await release(ui.server, 'tasks');
    await message(ui.page, 'tasks done').waitFor();
    await list.locator('.task-status-done').waitFor();
    expect(await list.locator('.task').count()).to.equal(2);
    expect(await list.locator('.task-status-failed').count()).to.equal(1);
    expect(await list.locator('.task-status-running').count()).to.equal(0);
    expect(await list.locator('.tasklist-header').textContent()).to.contain('Failed');
    const anchorId = await message(ui.page, 'Anchor message for a task').locator('[id^="step-"]').first().getAttribute('id');
    const task = list.locator('.task-status-done');
    expect(await task.getAttribute('role')).to.equal('button');
    await task.click();
    const scrolled = await ui.page.evaluate(() => (window as unknown as { scrolledTo: string[] }).scrolledTo);
    expect(scrolled).to.include(anchorId);
    expect(await list.locator('.task-status-failed').getAttribute('role')).to.equal(null);
  });

  it('follows the server sidebar: title and elements, same key kept, new key replaced, empty list closes', async () => {
    await send(ui.page, 'sidebar');
    await ui.page.locator('#side-view-title', { hasText: 'Sources' }).waitFor();
    expect(await ui.page.locator('#side-view-title').textContent()).to.equal('Sources');
    const content = ui.page.locator('#side-view-content');
    await content.getByText(/First source, round \d+/).waitFor();
    // Elements keep their own display (inline by default): the inline classes, as in Chainlit.
    expect(await content.locator('img.inline-image').count()).to.equal(1);
    expect(await content.locator('.inline-text').count()).to.equal(1);
    expect(await content.locator('.inline-text').textContent()).to.match(/^First source, round \d+$/);
    expect(await content.locator('.inline-pdf').count()).to.equal(1);
    expect(await content.locator('[class*="side-"]').count()).to.equal(0);

    await send(ui.page, 'sidebar2');
    await message(ui.page, 'sidebar2 sent').waitFor();
    expect(await content.getByText('Should not replace').count()).to.equal(0);
    expect(await content.getByText(/First source/).count()).to.equal(1);

    await send(ui.page, 'sidebar3');
    await content.getByText('Replaced content').waitFor();
    expect(await content.getByText(/First source/).count()).to.equal(0);
    expect(await ui.page.locator('#side-view-title').textContent()).to.equal('Sources');

    await send(ui.page, 'close');
    await ui.page.locator('#side-view-content').waitFor({ state: 'detached' });
    expect(await ui.page.locator('#side-view-title').count()).to.equal(0);
  });

  it("shows a step's elements in its body (Chainlit's scenario) and removes one by id, leaving the other", async () => {
    await send(ui.page, 'step');
    await message(ui.page, 'step done').waitFor();
    const title = ui.page.locator('#step-tool1');
    await title.click();
    const body = title.locator('xpath=../..');
    await body.getByText('This step has an image').waitFor();
    await body.locator('.inline-image').waitFor();
    expect(await body.locator('img.inline-image').getAttribute('alt')).to.equal('image2');
    expect(await body.locator('.inline-text').textContent()).to.equal('Noted in the step');
    // Only in the step: the message after it has no elements.
    expect(await message(ui.page, 'step done').locator('.inline-image, .inline-text').count()).to.equal(0);

    await send(ui.page, 'step remove');
    await message(ui.page, 'step image removed').waitFor();
    await body.locator('.inline-image').waitFor({ state: 'detached' });
    expect(await body.locator('.inline-text').count()).to.equal(1);
    expect(await body.getByText('This step has an image').count()).to.equal(1);
  });

  it('removes an element by id wherever it is shown: in its message and in the sidebar', async () => {
    await send(ui.page, 'shared');
    const msg = message(ui.page, 'Two shared images');
    const panel = ui.page.locator('#side-view-content');
    await panel.locator('img[alt="shared B"]').waitFor();
    await msg.locator('img[alt="shared B"]').waitFor();
    expect(await msg.locator('img.inline-image').count()).to.equal(2);
    expect(await panel.locator('img').count()).to.equal(2);

    await send(ui.page, 'shared remove');
    await message(ui.page, 'shared A removed').waitFor();
    await msg.locator('img[alt="shared A"]').waitFor({ state: 'detached' });
    await panel.locator('img[alt="shared A"]').waitFor({ state: 'detached' });
    expect(await msg.locator('img[alt="shared B"]').count()).to.equal(1);
    expect(await panel.locator('img[alt="shared B"]').count()).to.equal(1);
    expect(await ui.page.locator('#side-view-title').textContent()).to.equal('Shared');
  });
});
