/**
 * Custom JSX elements in Chromium against a real server (docs/elements.md): the compiled
 * module, the per-instance scope (updateElement, deleteElement, callAction,
 * sendUserMessage, submitElement / cancelElement), the `@/components/ui/*` kit, the
 * Tailwind CSS the server builds for element JSX, compile and runtime errors in place.
 */
import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { literalCandidates } from '../../runtime/elements/tailwind.js';
import { send, startServer, useChatPage, writeApp, type UiServer } from './support.js';

describe('browser: custom elements', function () {
  this.timeout(60_000);
  // The first custom element also loads the lucide and kit chunks: allow for a busy machine.
  const ui = useChatPage('elements/elements.yaml', { page: { timeout: 20_000 } });

  const message = (p: Page, text: string) => p.locator('.step[data-step-type="assistant_message"]', { hasText: text });
  /** The value of a theme colour variable, resolved as a computed colour. */
  const themeColour = (p: Page, name: string) =>
    p.evaluate((v) => {
      const probe = document.createElement('div');
      probe.style.color = `hsl(var(${v}))`;
      document.body.appendChild(probe);
      const c = getComputedStyle(probe).color;
      probe.remove();
      return c;
    }, name);

  it('renders the Linear-style ticket with kit Card/Badge/Button and Tailwind classes, and updates it', async () => {
    await send(ui.page, 'ticket');
    const ticket = message(ui.page, 'Your ticket').locator('.inline-custom #linear-ticket');
    await ticket.waitFor();
    expect(await ui.page.locator('.inline-custom').count()).to.equal(1);
    expect(await ticket.locator('#ticket-status').textContent()).to.equal('In Progress');
    expect(await ticket.locator('#ticket-priority').textContent()).to.equal('High');
    expect(await ticket.locator('#ticket-assignee').textContent()).to.equal('Ada Lovelace');
    // lucide icons from `lucide-react`.
    expect(await ticket.locator('svg.lucide-clock').count()).to.equal(1);

    // Tailwind classes compiled by the server apply: theme colours map to our variables…
    await ui.page.waitForFunction(() => getComputedStyle(document.querySelector('#ticket-status')!).backgroundColor !== 'rgba(0, 0, 0, 0)');
    const badge = await ticket.locator('#ticket-status').evaluate((e) => getComputedStyle(e).backgroundColor);
    expect(badge).to.equal(await themeColour(ui.page, '--primary'));
    const styles = await ticket.evaluate((card) => {
      const title = card.querySelector('.ui-card-title')!;
      const button = card.querySelector('#ticket-done')!;
      const root = getComputedStyle(document.documentElement);
      return {
        titleSize: getComputedStyle(title).fontSize,
        headerDisplay: getComputedStyle(card.querySelector('.ui-card-header')!).display,
        priority: getComputedStyle(card.querySelector('#ticket-priority')!).color,
        radius: getComputedStyle(button).borderTopLeftRadius,
        themeRadius: root.getPropertyValue('--radius').trim(),
        fontSize: parseFloat(root.fontSize),
      };
    });
    expect(styles.titleSize).to.equal('18px'); // text-lg
    expect(styles.headerDisplay).to.equal('flex'); // overrides the kit's own `display: grid`
    expect(styles.priority).to.not.equal(await themeColour(ui.page, '--foreground')); // text-orange-500
    // rounded-md → calc(var(--radius) - 2px), Chainlit's scale
    expect(parseFloat(styles.radius)).to.equal(parseFloat(styles.themeRadius) * (styles.themeRadius.endsWith('rem') ? styles.fontSize : 1) - 2);

    await ticket.locator('#ticket-done').click();
    await ticket.locator('#ticket-status', { hasText: 'Done' }).waitFor();
    expect(await ticket.locator('#ticket-done').isDisabled()).to.equal(true);
  });

  it('keeps Tailwind scoped to custom elements: nothing in the app is restyled', async () => {
    const snapshot = () =>
      ui.page.evaluate(() =>
        ['#chat-input', '#message-composer', 'body', 'header']
          .filter((sel) => document.querySelector(sel))
          .map((sel) => {
            const st = getComputedStyle(document.querySelector(sel)!);
            return [st.display, st.fontSize, st.padding, st.borderRadius, st.backgroundColor, st.color, st.margin].join('|');
          }),
      );
    const before = await snapshot();
    await send(ui.page, 'kit');
    await ui.page.locator('#kit-tour').waitFor();
    await ui.page.waitForFunction(() => document.querySelector('link[data-crt-tailwind]') && document.querySelector('link[data-crt-kit]'));
    const after = await snapshot();
    expect(before.length).to.be.greaterThan(1);
    expect(after).to.deep.equal(before);
    // An app element given a utility class the elements use stays as it was.
    const probe = await ui.page.evaluate(() => {
      const div = document.createElement('div');
      div.className = 'flex gap-3 ring-2 bg-secondary';
      document.body.appendChild(div);
      const s = getComputedStyle(div);
      const out = { display: s.display, background: s.backgroundColor };
      div.remove();
      return out;
    });
    expect(probe).to.deep.equal({ display: 'block', background: 'rgba(0, 0, 0, 0)' });
  });

  it('counts with updateElement and removes itself with deleteElement', async () => {
    await send(ui.page, 'counter');
    const counter = message(ui.page, 'A counter').locator('.inline-custom');
    await counter.locator('#count').waitFor();
    expect(await counter.locator('#count').textContent()).to.equal('0');
    await counter.locator('#increment').click();
    await counter.locator('#count', { hasText: '1' }).waitFor();
    await counter.locator('#increment').click();
    await counter.locator('#count', { hasText: '2' }).waitFor();
    await counter.locator('#remove').click();
    await ui.page.locator('.inline-custom').waitFor({ state: 'detached' });
    expect(await message(ui.page, 'A counter').count()).to.equal(1);
  });

  it('sendUserMessage carries a command to onMessage, or to the handler the manifest names', async () => {
    await send(ui.page, 'commander');
    const el = message(ui.page, 'A commander').locator('.inline-custom');
    // Chainlit's scenario: a command the composer never offered still reaches onMessage.
    await el.locator('#send-undeclared').click();
    await message(ui.page, 'Received command: my_command').waitFor();
    const user = ui.page.locator('.step[data-step-type="user_message"]', { hasText: 'Hello from custom element' });
    expect(await user.locator('.command-span').textContent()).to.equal('my_command');
    await el.locator('#send-declared').click();
    await message(ui.page, 'Bell handler got: Ring the bell (command bell)').waitFor();
    expect(await ui.page.locator('.ai-message-error').count()).to.equal(0);
  });

  it('shows a side custom element in the panel, linked from the message, and updates it there', async () => {
    await send(ui.page, 'sidecounter');
    const msg = message(ui.page, 'Open the Counter');
    await msg.locator('a.element-link', { hasText: 'Counter' }).waitFor();
    expect(await msg.locator('.inline-custom').count()).to.equal(0);
    const side = ui.page.locator('#side-view-content .side-custom');
    await side.locator('#count', { hasText: '5' }).waitFor();
    await side.locator('#increment').click();
    await side.locator('#count', { hasText: '6' }).waitFor();
  });

  it('answers an AskElementMessage with the form values (submitElement)', async () => {
    await send(ui.page, 'ask');
    const ask = message(ui.page, 'Create a ticket');
    await ask.locator('.inline-custom #ticket-title').waitFor();
    expect(await ask.locator('#ticket-title').inputValue()).to.equal('Printer is on fire');
    await ask.locator('#ticket-title').fill('Coffee machine down');
    // A kit Select: its menu is a portal, inside the Tailwind scope.
    await ask.locator('#ticket-priority-select').click();
    const option = ui.page.getByRole('option', { name: 'High' });
    await option.waitFor();
    expect(await option.evaluate((o) => Boolean(o.closest('.cl-tw')))).to.equal(true);
    await option.click();
    await ask.locator('#ticket-submit').click();
    await message(ui.page, 'Ticket created: Coffee machine down (High)').waitFor();
    await ui.page.locator('#ticket-submit').waitFor({ state: 'detached' });
    await message(ui.page, 'Thanks for submitting').waitFor();
  });

  it('cancels an AskElementMessage (cancelElement)', async () => {
    await send(ui.page, 'ask');
    await ui.page.locator('#ticket-cancel').click();
    await message(ui.page, 'No ticket created.').waitFor();
    expect(await ui.page.locator('.inline-custom').count()).to.equal(0);
  });

  it('shows a JSX compile error in the element place, with file and line, and the chat goes on', async () => {
    await send(ui.page, 'broken');
    const error = message(ui.page, 'Broken element').locator('.inline-custom pre.custom-element-error[role="alert"]');
    await error.waitFor();
    const text = (await error.textContent())!;
    expect(text).to.contain('Custom element "Broken" failed to compile');
    expect(text).to.match(/public\/elements\/Broken\.jsx:2:\d+:/);
    await send(ui.page, 'counter');
    await message(ui.page, 'A counter').locator('#count').waitFor();
  });

  it('catches a runtime error in the component and shows it', async () => {
    await send(ui.page, 'crash');
    const error = message(ui.page, 'Crashing element').locator('.inline-custom .custom-element-error[role="alert"]');
    await error.waitFor();
    expect(await error.textContent()).to.match(/Custom element "Crashy" crashed: .*(undefined|map)/);
    // React reports the caught error on the console; the page itself did not fail.
    expect(await ui.page.locator('#chat-input').isEnabled()).to.equal(true);
  });

  it('gives elements the kit, sonner, zod, callAction and sendUserMessage', async () => {
    await send(ui.page, 'kit');
    const tour = message(ui.page, 'Kit tour').locator('#kit-tour');
    await tour.waitFor();
    expect(await tour.locator('#kit-valid').textContent()).to.equal('invalid');
    await tour.locator('#kit-note').fill('long enough');
    expect(await tour.locator('#kit-valid').textContent()).to.equal('valid');

    await tour.locator('#kit-switch').click();
    expect(await tour.locator('#kit-switch').getAttribute('data-state')).to.equal('checked');
    await tour.locator('#kit-accordion').click();
    await tour.locator('#kit-accordion-body').waitFor();

    await tour.locator('#kit-dialog-open').click();
    const dialog = ui.page.locator('#kit-dialog[role="dialog"]');
    await dialog.waitFor();
    // `bg-secondary` given in the JSX applies inside the portal too.
    expect(await dialog.evaluate((d) => getComputedStyle(d).backgroundColor)).to.equal(await themeColour(ui.page, '--secondary'));
    await ui.page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });

    await tour.locator('#kit-toast').click();
    await ui.page.locator('[data-sonner-toast]', { hasText: 'toast from element' }).waitFor();

    await tour.locator('#kit-action').click();
    await message(ui.page, 'action from element: 7').waitFor();

    await tour.locator('#kit-send').click();
    await ui.page.locator('.step[data-step-type="user_message"]', { hasText: 'text' }).waitFor();
    await message(ui.page, 'See source and details').waitFor();
  });

  it('renders an element declared in the manifest, with its Tailwind classes', async () => {
    await send(ui.page, 'declared');
    const el = ui.page.locator('.inline-custom #declared');
    await el.waitFor();
    expect(await el.textContent()).to.equal('declared yes');
    await ui.page.waitForFunction(() => getComputedStyle(document.querySelector('#declared')!).textDecorationLine === 'underline');
    expect(await el.evaluate((e) => getComputedStyle(e).letterSpacing)).to.not.equal('normal'); // tracking-widest
  });
});

describe('http: Tailwind CSS for custom elements', function () {
  this.timeout(60_000);
  let server: UiServer;
  let dir: string;

  before(async () => {
    const manifest = writeApp({
      'chainlit.yaml': 'name: Tailwind\n',
      'public/elements/Card.jsx': 'export default function Card() { return <div className="p-4 bg-primary text-primary-foreground rounded-md hover:bg-accent dark:bg-muted">x</div>; }\n',
    });
    dir = manifest.slice(0, manifest.lastIndexOf('/'));
    server = await startServer(manifest);
  });
  after(async () => {
    await server?.stop();
  });

  const css = () => fetch(server.page('/elements/tailwind.css'));

  it('compiles the classes the JSX uses, scoped, with theme variables and no preflight', async () => {
    const res = await css();
    expect(res.status).to.equal(200);
    expect(res.headers.get('content-type')).to.match(/^text\/css/);
    const body = await res.text();
    expect(body).to.contain('background-color: hsl(var(--primary))');
    expect(body).to.contain('color: hsl(var(--primary-foreground))');
    expect(body).to.match(/\.rounded-md \{\s*border-radius: calc\(var\(--radius\) - 2px\)/);
    expect(body).to.contain(':where(.cl-tw, .cl-tw *) .p-4');
    expect(body).to.contain('.dark\\:bg-muted:where(.dark, .dark *)');
    // No preflight, no variables on :root, and every utility under the scope.
    expect(body).to.not.match(/(^|\n)\s*(html|body|button|:root)\b[^{]*\{/);
    const rules = body.replace(/\/\*[\s\S]*?\*\//g, '');
    const selectors = [...rules.matchAll(/(?:^|[;{}])\s*([^@{};\s][^{};]*)\{/g)].map((m) => m[1]!.trim());
    expect(selectors.length).to.be.greaterThan(5);
    const unscoped = selectors.filter((s) => !s.includes('.cl-tw') && !s.startsWith('*, ::before') && !/^(from|to|\d+%)/.test(s) && !s.startsWith('--'));
    expect(unscoped).to.deep.equal([]);
  });

  it('falls back to string literals for candidates when the Oxide scanner is unavailable', () => {
    const found = literalCandidates('const a = <div className="p-4 hover:bg-primary/90" title={`x ${y} mt-[3px]`} />;');
    expect(found).to.include.members(['p-4', 'hover:bg-primary/90', 'mt-[3px]']);
    expect(found).to.not.include('${y}');
  });

  it('answers 304 to a matching ETag and rebuilds when an element file changes', async () => {
    const first = await css();
    const etag = first.headers.get('etag')!;
    expect(etag).to.match(/^"[0-9a-f]+"$/);
    expect((await fetch(server.page('/elements/tailwind.css'), { headers: { 'If-None-Match': etag } })).status).to.equal(304);
    expect(await first.text()).to.not.contain('bg-fuchsia-700');
    const { writeFile } = await import('node:fs/promises');
    await writeFile(`${dir}/public/elements/Extra.jsx`, 'export default function Extra() { return <p className="bg-fuchsia-700 mt-7">y</p>; }\n');
    const second = await css();
    expect(second.headers.get('etag')).to.not.equal(etag);
    const body = await second.text();
    expect(body).to.contain('.bg-fuchsia-700');
    expect(body).to.contain('.mt-7');
  });
});
