/**
 * Chat profiles (picker, description card, per-profile starters, switch confirmation) and
 * the chat settings modal with every widget (DOM-CONTRACT §2, §7, §10).
 */
import { expect } from 'chai';
import { send, useChatPage } from './support.js';

describe('browser: profiles and chat settings', function () {
  this.timeout(60_000);
  const ui = useChatPage('profiles.yaml');

  it('picks the default profile, shows its starters and describes profiles on hover', async () => {
    const trigger = ui.page.locator('#chat-profiles');
    expect(await trigger.getAttribute('role')).to.equal('combobox');
    expect(await trigger.textContent()).to.contain('Small model');
    await ui.page.locator('#starter-small-starter').waitFor();
    expect(await ui.page.locator('#starter-large-starter').count()).to.equal(0);
    await trigger.click();
    const option = ui.page.locator('[data-test="select-item:gpt-small"]');
    await option.waitFor();
    expect(await option.getAttribute('role')).to.equal('option');
    await option.hover();
    const card = ui.page.locator('#chat-profile-description');
    await card.waitFor();
    const link = card.locator('a', { hasText: 'Learn more' });
    expect(await link.getAttribute('href')).to.equal('https://example.com/small');
    expect(await link.getAttribute('target')).to.equal('_blank');
    await link.hover();
    expect(await card.isVisible()).to.equal(true);
    expect(await ui.page.locator('[data-test="select-item:gpt-large"]').isVisible()).to.equal(true);
  });

  it('switches profile before the first message without confirmation', async () => {
    await ui.page.locator('#chat-profiles').click();
    await ui.page.locator('[data-test="select-item:gpt-large"]').click();
    await ui.page.locator('#starter-large-starter').waitFor();
    expect(await ui.page.locator('#chat-profiles').textContent()).to.contain('Large model');
    expect(await ui.page.locator('#new-chat-dialog').count()).to.equal(0);
  });

  it('asks for confirmation when switching after the first message, then starts a new chat', async () => {
    await send(ui.page, 'hi');
    await ui.page.getByText('echo: hi').waitFor();
    await ui.page.locator('#chat-profiles').click();
    await ui.page.locator('[data-test="select-item:gpt-large"]').click();
    const dialog = ui.page.locator('#new-chat-dialog');
    await dialog.waitFor();
    expect(await dialog.getAttribute('role')).to.equal('dialog');
    await dialog.locator('#confirm').click();
    await ui.page.locator('#starter-large-starter').waitFor();
    expect(await ui.page.locator('.step').count()).to.equal(0);
  });

  it('edits every settings widget and sends the values on Confirm', async () => {
    await ui.page.locator('#chat-settings-open-modal').click();
    const modal = ui.page.locator('#chat-settings');
    await modal.waitFor();
    expect(await modal.getAttribute('role')).to.equal('dialog');
    // select
    expect(await ui.page.locator('#model').textContent()).to.contain('beta');
    await ui.page.locator('#model').click();
    await ui.page.locator('[role="listbox"]').waitFor();
    await ui.page.locator('[role="option"]', { hasText: 'gamma' }).click();
    expect(await ui.page.locator('#model').textContent()).to.contain('gamma');
    // slider: one step per arrow, decimal aria-valuenow, clamped
    const thumb = ui.page.locator('#temperature [role="slider"]');
    expect(await thumb.count()).to.equal(1);
    await thumb.focus();
    await thumb.press('ArrowLeft');
    expect(await thumb.getAttribute('aria-valuenow')).to.equal('0.4');
    for (let i = 0; i < 30; i++) await thumb.press('ArrowRight');
    expect(await thumb.getAttribute('aria-valuenow')).to.equal('2');
    expect(await thumb.getAttribute('aria-valuemax')).to.equal('2');
    // switch
    const sw = ui.page.locator('#stream');
    expect(await sw.getAttribute('role')).to.equal('switch');
    expect(await sw.getAttribute('aria-checked')).to.equal('true');
    await sw.click();
    expect(await sw.getAttribute('aria-checked')).to.equal('false');
    // text, number, tags, multiselect, checkbox, radio
    await ui.page.locator('#prefix').fill('yo');
    await ui.page.locator('#count').fill('7');
    await ui.page.locator('#labels').fill('c');
    await ui.page.locator('#labels').press('Enter');
    await ui.page.locator('#tools button', { hasText: 'code' }).click();
    await ui.page.locator('#agree').click();
    expect(await ui.page.locator('#agree').getAttribute('data-state')).to.equal('checked');
    await ui.page.locator('#tone [role="radio"]').first().click();
    await modal.getByText('Confirm').click();
    await modal.waitFor({ state: 'detached' });
    // Reopening shows the confirmed values.
    await ui.page.locator('#chat-settings-open-modal').click();
    expect(await ui.page.locator('#model').textContent()).to.contain('gamma');
    expect(await ui.page.locator('#temperature [role="slider"]').getAttribute('aria-valuenow')).to.equal('2');
    expect(await ui.page.locator('#prefix').inputValue()).to.equal('yo');
    expect(await ui.page.locator('#count').inputValue()).to.equal('7');
    expect(await ui.page.locator('#chat-settings .tag').allTextContents()).to.deep.equal(['a', 'b', 'c']);
    expect(await ui.page.locator('#tools [aria-pressed="true"]').allTextContents()).to.deep.equal(['web', 'code']);
  });

  it('Cancel restores the values from when the modal opened; Reset goes back to the initial values', async () => {
    await ui.page.locator('#chat-settings-open-modal').click();
    await ui.page.locator('#prefix').fill('changed');
    await ui.page.locator('#chat-settings').getByText('Cancel').click();
    await ui.page.locator('#chat-settings').waitFor({ state: 'detached' });
    await ui.page.locator('#chat-settings-open-modal').click();
    expect(await ui.page.locator('#prefix').inputValue()).to.equal('hey');
    await ui.page.locator('#prefix').fill('other');
    await ui.page.locator('#chat-settings').getByText('Reset').click();
    expect(await ui.page.locator('#prefix').inputValue()).to.equal('hey');
  });
});
