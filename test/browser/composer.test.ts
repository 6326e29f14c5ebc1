/**
 * The composer in Chromium: starters, commands (slash menu, Tools popover, pills),
 * attachments with limits, input history and the ?prompt= prefill (DOM-CONTRACT §6–§7).
 */
import { expect } from 'chai';
import { gotoChat, send, useChatPage } from './support.js';

describe('browser: composer', function () {
  this.timeout(60_000);
  const ui = useChatPage('chat.yaml');

  it('shows starters on the welcome screen and sends one with its command', async () => {
    await ui.page.locator('#starters').waitFor();
    expect(await ui.page.locator('#starter-say-hi').isDisabled()).to.equal(false);
    await ui.page.locator('#starter-use-search').click();
    await ui.page.getByText('echo: find cats (command search)').waitFor();
    expect(await ui.page.locator('#starters').count()).to.equal(0);
    expect(await ui.page.locator('.command-span').textContent()).to.equal('search');
  });

  it('has the placeholder, focus and the send button rules', async () => {
    const input = ui.page.locator('#chat-input');
    expect(await input.getAttribute('placeholder')).to.equal('Type your message here...');
    expect(await input.evaluate((el) => el === document.activeElement)).to.equal(true);
    expect(await ui.page.locator('#chat-submit').isDisabled()).to.equal(true);
    await input.fill('   ');
    expect(await ui.page.locator('#chat-submit').isDisabled()).to.equal(true);
    await input.fill('x');
    expect(await ui.page.locator('#chat-submit').isDisabled()).to.equal(false);
    await ui.page.locator('#chat-submit').click();
    await ui.page.getByText('echo: x').waitFor();
  });

  it('opens the slash menu, filters, navigates with arrows and selects a command', async () => {
    const input = ui.page.locator('#chat-input');
    await input.type('/');
    expect(await ui.page.locator('[data-index]').count()).to.equal(3);
    expect(await ui.page.locator('[data-index="0"]').getAttribute('aria-selected')).to.equal('true');
    await input.press('ArrowDown');
    expect(await ui.page.locator('[data-index="1"]').getAttribute('aria-selected')).to.equal('true');
    await input.press('ArrowUp');
    await input.press('ArrowUp');
    expect(await ui.page.locator('[data-index="2"]').getAttribute('aria-selected')).to.equal('true');
    await input.press('Escape');
    expect(await ui.page.locator('[data-index]').count()).to.equal(0);
    expect(await input.inputValue()).to.equal('/');
    await input.fill('/sea');
    expect(await ui.page.locator('.command-item').count()).to.equal(1);
    await input.press('Enter');
    expect(await input.inputValue()).to.equal('');
    expect(await ui.page.locator('#command-search').getAttribute('aria-pressed')).to.equal('true');
    await send(ui.page, 'dogs');
    await ui.page.getByText('echo: dogs (command search)').waitFor();
    // Not persistent: the selection is gone, and so is the pill of a non-button command.
    expect(await ui.page.locator('#command-search').count()).to.equal(0);
    await input.fill('/zzz');
    expect(await ui.page.locator('[data-index]').count()).to.equal(0);
  });

  it('lists non-button commands in the Tools popover and keeps persistent ones selected', async () => {
    const button = ui.page.locator('#command-button');
    expect(await button.textContent()).to.equal('Tools');
    expect(await button.getAttribute('aria-expanded')).to.equal('false');
    await button.click();
    const popover = ui.page.locator('#command-popover[data-popover-content]');
    await popover.waitFor();
    expect(await popover.textContent()).to.contain('summarize');
    expect(await popover.textContent()).not.to.contain('picture');
    await popover.press('ArrowDown');
    await popover.press('Enter');
    await popover.waitFor({ state: 'detached' });
    expect(await ui.page.locator('#command-summarize').getAttribute('aria-pressed')).to.equal('true');
    await send(ui.page, 'one');
    await ui.page.getByText('echo: one (command summarize)').waitFor();
    expect(await ui.page.locator('#command-summarize').getAttribute('aria-pressed')).to.equal('true');
    await ui.page.locator('#command-summarize').click();
    expect(await ui.page.locator('#command-summarize').count()).to.equal(0);
    // Button commands are always shown as pills and toggle.
    await ui.page.locator('#command-picture').click();
    expect(await ui.page.locator('#command-picture').getAttribute('aria-pressed')).to.equal('true');
    await ui.page.locator('#command-picture').click();
    expect(await ui.page.locator('#command-picture').getAttribute('aria-pressed')).to.equal('false');
    expect(await ui.page.locator('[id^="command-"]').count()).to.equal(2);
  });

  it('closes the Tools popover on an outside click', async () => {
    await ui.page.locator('#command-button').click();
    await ui.page.locator('#command-popover').waitFor();
    await ui.page.mouse.click(10, 400);
    await ui.page.locator('#command-popover').waitFor({ state: 'detached' });
  });

  it('removes the Tools button when the server clears the commands', async () => {
    await send(ui.page, 'commands off');
    await ui.page.getByText('commands cleared').waitFor();
    await ui.page.locator('#command-button').waitFor({ state: 'detached' });
    expect(await ui.page.locator('#command-picture').count()).to.equal(0);
  });

  it('attaches files with previews, enforces the limits and sends them with the message', async () => {
    const input = ui.page.locator('#upload-button-input');
    expect(await input.getAttribute('accept')).to.equal('text/plain,image/png');
    await input.setInputFiles({ name: 'big.txt', mimeType: 'text/plain', buffer: Buffer.alloc(1024 * 1024 + 10, 97) });
    await ui.page.getByText('big.txt is larger than 1 MB').waitFor();
    await input.setInputFiles({ name: 'data.csv', mimeType: 'text/csv', buffer: Buffer.from('a,b') });
    await ui.page.getByText('data.csv: file type not accepted').waitFor();
    await input.setInputFiles([
      { name: 'a.txt', mimeType: 'text/plain', buffer: Buffer.from('aaa') },
      { name: 'b.png', mimeType: 'image/png', buffer: Buffer.from('png') },
    ]);
    const row = ui.page.locator('#attachments');
    await row.waitFor();
    expect(await row.textContent()).to.contain('a.txt');
    expect(await row.locator('img.attachment-preview').count()).to.equal(1);
    await ui.page.waitForFunction(() => document.querySelectorAll('#attachments [data-uploaded="true"]').length === 2);
    await send(ui.page, 'with files');
    await ui.page.getByText('echo: with files [files: a.txt, b.png]').waitFor();
    expect(await ui.page.locator('#attachments').count()).to.equal(0);
    // The uploads come back as file elements of the user message.
    await ui.page.locator('.step[data-step-type="user_message"] a.inline-file[download="a.txt"]').waitFor();
  });

  it('removes an attachment before sending', async () => {
    await ui.page.locator('#upload-button-input').setInputFiles({ name: 'gone.txt', mimeType: 'text/plain', buffer: Buffer.from('x') });
    await ui.page.locator('#attachments').waitFor();
    await ui.page.locator('.attachment-remove').click();
    expect(await ui.page.locator('#attachments').count()).to.equal(0);
    expect(await ui.page.locator('#chat-submit').isDisabled()).to.equal(true);
  });

  it('accepts files through the drop-zone input and pasted files', async () => {
    await ui.page.locator('[id="#upload-drop-input"]').setInputFiles({ name: 'drop.txt', mimeType: 'text/plain', buffer: Buffer.from('d') });
    await ui.page.locator('#attachments').getByText('drop.txt').waitFor();
    await ui.page.locator('#chat-input').focus();
    await ui.page.evaluate(() => {
      const dt = new DataTransfer();
      dt.items.add(new File(['p'], 'pasted.txt', { type: 'text/plain' }));
      document.querySelector('#chat-input')!.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
    });
    await ui.page.locator('#attachments').getByText('pasted.txt').waitFor();
  });

  it('walks the sent-message history with the arrow keys', async () => {
    await send(ui.page, 'alpha');
    await ui.page.getByText('echo: alpha').waitFor();
    await send(ui.page, 'beta');
    await ui.page.getByText('echo: beta').waitFor();
    const input = ui.page.locator('#chat-input');
    await input.press('ArrowUp');
    expect(await input.inputValue()).to.equal('beta');
    await input.press('ArrowUp');
    expect(await input.inputValue()).to.equal('alpha');
    await input.press('ArrowDown');
    expect(await input.inputValue()).to.equal('beta');
    await input.press('ArrowDown');
    expect(await input.inputValue()).to.equal('');
  });

  it('shows mode pickers from set_modes and sends the chosen options with each message', async () => {
    await send(ui.page, 'modes');
    await ui.page.getByText('modes set').waitFor();
    const trigger = ui.page.locator('#mode-picker-trigger-model');
    expect(await trigger.textContent()).to.contain('Deep');
    await trigger.focus();
    await ui.page.keyboard.press('Enter');
    const popover = ui.page.locator('#mode-picker-popover-model');
    await popover.waitFor();
    expect(await popover.textContent()).to.contain('Quick answers');
    await ui.page.keyboard.press('Escape');
    await popover.waitFor({ state: 'detached' });
    await trigger.click();
    await popover.getByText('Fast').click();
    await popover.waitFor({ state: 'detached' });
    expect(await trigger.textContent()).to.contain('Fast');
    await send(ui.page, 'm1');
    await ui.page.getByText('echo: m1 {modes {"model":"fast"}}').waitFor();
    await send(ui.page, 'm2');
    await ui.page.getByText('echo: m2 {modes {"model":"fast"}}').waitFor();
  });

  it('pre-fills the input from ?prompt=', async () => {
    await gotoChat(ui.page, ui.server.page('/') + '?prompt=' + encodeURIComponent('What is up?'));
    expect(await ui.page.locator('#chat-input').inputValue()).to.equal('What is up?');
  });
});
