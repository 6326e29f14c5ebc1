/**
 * Core chat in Chromium against a real server: messages, streaming, steps, actions, asks,
 * stop and edit (DOM-CONTRACT §4–§6).
 */
import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { release, send, useChatPage } from './support.js';

describe('browser: core chat', function () {
  this.timeout(60_000);
  const ui = useChatPage('chat.yaml');

  const assistant = (p: Page) => p.locator('.step[data-step-type="assistant_message"]');

  it('sends with Enter and shows the user message and the reply as .step nodes', async () => {
    await send(ui.page, 'hello world');
    await assistant(ui.page).first().waitFor();
    const texts = (await ui.page.locator('.step').allTextContents()).map((t) => t.trim());
    expect(texts[0]).to.equal('hello world');
    expect(await assistant(ui.page).first().innerText()).to.contain('echo: hello world');
    expect(await ui.page.locator('.step').first().getAttribute('data-step-type')).to.equal('user_message');
    expect(await ui.page.locator('#chat-input').inputValue()).to.equal('');
  });

  it('shows the thinking cursor right after the last .step until the reply arrives', async () => {
    await send(ui.page, 'slow');
    await ui.page.waitForFunction(() => {
      const steps = document.querySelectorAll('.step');
      return steps[steps.length - 1]?.nextElementSibling?.classList.contains('loading-cursor') ?? false;
    });
    await release(ui.server, 'slow');
    await ui.page.getByText('slow reply').waitFor();
    expect(await ui.page.locator('.loading-cursor').count()).to.equal(0);
  });

  it('shows no thinking cursor while a tool step runs', async () => {
    await send(ui.page, 'steps held');
    await ui.page.locator('#step-tool1', { hasText: 'Using' }).waitFor();
    expect(await ui.page.locator('.loading-cursor').count()).to.equal(0);
    await release(ui.server, 'steps');
    await ui.page.getByText('Steps finished.').waitFor();
  });

  it('Shift+Enter adds a line instead of sending', async () => {
    const input = ui.page.locator('#chat-input');
    await input.type('line one');
    await input.press('Shift+Enter');
    await input.type('line two');
    expect(await input.inputValue()).to.equal('line one\nline two');
    expect(await ui.page.locator('.step').count()).to.equal(0);
  });

  it('streams tokens into the message with a cursor, then shows the final text', async () => {
    await send(ui.page, 'stream');
    const msg = assistant(ui.page).first();
    await msg.waitFor();
    await ui.page.locator('.message-content.streaming', { hasText: 'Once upon' }).waitFor();
    const partial = (await msg.textContent()) ?? '';
    expect(partial).to.contain('Once upon');
    expect(partial).not.to.contain('stream.');
    await release(ui.server, 'stream');
    await ui.page.waitForFunction(() => !document.querySelector('.message-content.streaming'));
    expect((await msg.textContent())?.trim()).to.equal('Once upon a time there was a stream.');
  });

  it('replaces content for isSequence tokens', async () => {
    await send(ui.page, 'sequence');
    const msg = assistant(ui.page).first();
    await msg.getByText('draft one').waitFor();
    await release(ui.server, 'sequence');
    await msg.getByText('final version').waitFor();
    const text = (await assistant(ui.page).first().textContent())?.trim();
    expect(text).to.equal('final version');
  });

  it('shows a running step as "Using", then "Used", with a collapsible body holding input, nested steps and output', async () => {
    await send(ui.page, 'steps held');
    const title = ui.page.locator('#step-tool1');
    await title.waitFor();
    expect(await title.textContent()).to.equal('Using tool1');
    await release(ui.server, 'steps');
    await ui.page.getByText('Steps finished.').waitFor();
    expect(await title.textContent()).to.equal('Used tool1');
    // Collapsed bodies are unmounted.
    expect(await ui.page.locator('#step-inner_llm').count()).to.equal(0);
    await title.click();
    const body = title.locator('xpath=../..');
    await body.locator('#step-inner_llm').waitFor();
    expect(await body.textContent()).to.contain('tool1 output');
    expect(await body.textContent()).to.contain('"query": "cats"');
    expect(await ui.page.locator('#step-tool1').evaluate((el) => el.closest('.step')?.getAttribute('data-step-type'))).to.equal('tool');
    await title.click();
    expect(await ui.page.locator('#step-inner_llm').count()).to.equal(0);
  });

  it('renders a step icon as an svg and no img in its .ai-message', async () => {
    await send(ui.page, 'icon');
    await ui.page.getByText('done', { exact: true }).waitFor();
    const ai = ui.page.locator('#step-iconic').locator('xpath=ancestor::div[contains(@class,"ai-message")][1]');
    await ai.locator('svg').first().waitFor();
    expect(await ai.locator('img').count()).to.equal(0);
  });

  it('runs action callbacks and removes actions the server removes', async () => {
    await send(ui.page, 'actions');
    await ui.page.locator('[id="keep-action"]').click();
    await ui.page.getByText('action said keep').waitFor();
    await ui.page.locator('[id="remove-action"]').click();
    await ui.page.getByText('removed', { exact: true }).waitFor();
    await ui.page.locator('[id="remove-action"]').waitFor({ state: 'detached' });
    expect(await ui.page.locator('[id="keep-action"]').count()).to.equal(1);
  });

  it('answers a text ask from the composer', async () => {
    await send(ui.page, 'ask text');
    await ui.page.getByText('What is your name?').waitFor();
    expect(await ui.page.locator('#chat-input').isDisabled()).to.equal(false);
    await send(ui.page, 'Bob');
    await ui.page.getByText('Nice to meet you, Bob').waitFor();
  });

  it('clears the prompt when an ask times out', async () => {
    await send(ui.page, 'ask timeout');
    await ui.page.getByText('Too slow').waitFor({ timeout: 8000 });
    await send(ui.page, 'after');
    await ui.page.getByText('echo: after').waitFor();
  });

  it('answers a file ask with a real upload and rejects files outside its limits', async () => {
    await send(ui.page, 'ask file');
    await ui.page.locator('#ask-upload-button').waitFor();
    expect(await ui.page.locator('#chat-submit').isDisabled()).to.equal(true);
    const input = ui.page.locator('#ask-button-input');
    expect(await input.getAttribute('accept')).to.equal('text/plain');
    await input.setInputFiles({ name: 'pic.png', mimeType: 'image/png', buffer: Buffer.from('not really a png') });
    await ui.page.getByText('file type not accepted').waitFor();
    expect(await ui.page.locator('#ask-upload-button').count()).to.equal(1);
    await input.setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('hello file') });
    await ui.page.getByText('Got notes.txt (10 bytes)').waitFor();
    expect(await ui.page.locator('#ask-upload-button').count()).to.equal(0);
  });

  it('answers an action ask with its buttons, which then disappear', async () => {
    await send(ui.page, 'ask action');
    await ui.page.locator('[id="first-action"]').click();
    await ui.page.getByText('You chose yes').waitFor();
    expect(await ui.page.locator('[id="first-action"]').count()).to.equal(0);
    expect(await ui.page.locator('[id="second-action"]').count()).to.equal(0);
  });

  it('shows a stop button while a task runs and stops it', async () => {
    await send(ui.page, 'long');
    const stop = ui.page.locator('#stop-button');
    await stop.waitFor();
    expect(await ui.page.locator('#chat-submit').count()).to.equal(0);
    await ui.page.getByText('tick 2').waitFor();
    await stop.click();
    await ui.page.getByText('Task manually stopped.').waitFor();
    await stop.waitFor({ state: 'detached' });
    // The stopped task left its gate: nothing waits there any more, so it cannot go on.
    expect(await release(ui.server, 'long', { wait: false })).to.equal(0);
    const text = (await assistant(ui.page).first().textContent()) ?? '';
    expect(text).to.contain('tick 2').and.not.contain('tick 3');
    await send(ui.page, 'after stop');
    await ui.page.getByText('echo: after stop').waitFor();
    expect((await assistant(ui.page).first().textContent()) ?? '').to.equal(text);
  });

  it('edits a sent message: later messages go and the handler runs again', async () => {
    await send(ui.page, 'first text');
    await ui.page.getByText('echo: first text').waitFor();
    await ui.page.locator('.edit-message').first().click({ force: true });
    const editor = ui.page.locator('#edit-chat-input');
    expect(await editor.inputValue()).to.equal('first text');
    await editor.fill('second text');
    await ui.page.locator('.confirm-edit').click();
    await ui.page.getByText('echo: second text').waitFor();
    expect(await ui.page.getByText('echo: first text').count()).to.equal(0);
    expect(await ui.page.locator('.step').count()).to.equal(2);
  });

  it('updates and removes messages as the server says', async () => {
    await send(ui.page, 'update');
    await ui.page.getByText('first version').waitFor();
    await release(ui.server, 'update');
    await ui.page.getByText('second version').waitFor();
    expect(await ui.page.getByText('first version').count()).to.equal(0);
    await release(ui.server, 'update');
    await ui.page.getByText('temporary message').waitFor();
    await release(ui.server, 'update');
    await ui.page.getByText('temporary message').waitFor({ state: 'detached' });
    expect(await ui.page.getByText('second version').count()).to.equal(1);
  });

  it('shows a handler error as an error message', async () => {
    await send(ui.page, 'error');
    await ui.page.getByText('Something broke on purpose').waitFor();
    expect(await ui.page.locator('.ai-message-error').count()).to.equal(1);
  });

  it('shows server toasts', async () => {
    await send(ui.page, 'toast');
    await ui.page.getByText('Hello from the server').waitFor();
  });

  it('starts a new chat after confirmation', async () => {
    await send(ui.page, 'hello');
    await ui.page.getByText('echo: hello').waitFor();
    await ui.page.locator('#header #new-chat-button').click();
    await ui.page.locator('#new-chat-dialog').waitFor();
    await ui.page.locator('#confirm').click();
    await ui.page.locator('#new-chat-dialog').waitFor({ state: 'detached' });
    await ui.page.locator('#welcome-screen').waitFor();
    expect(await ui.page.locator('.step').count()).to.equal(0);
    await ui.page.locator('#message-composer[data-connection="connected"]').waitFor();
    await send(ui.page, 'again');
    await ui.page.getByText('echo: again').waitFor();
  });
});
