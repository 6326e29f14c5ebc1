/** The three UI measurements, each one run (the caller repeats them and takes medians). */
import type { Browser, Page } from 'playwright-core';
import {
  COMPOSER_READY,
  epochWhen,
  serverTimes,
  startFrames,
  startTokenProbe,
  stopFrames,
  stopTokenProbe,
  WS_PROBE,
  wsTokens,
  type FrameStats,
} from './probes.js';

const VIEWPORT = { width: 1200, height: 800 };

async function newPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ viewport: VIEWPORT, colorScheme: 'dark', locale: 'en-US' });
  await context.addInitScript(WS_PROBE);
  const page = await context.newPage();
  page.setDefaultTimeout(120_000);
  return page;
}

async function openChat(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await epochWhen(page, COMPOSER_READY);
}

async function send(page: Page, text: string): Promise<number> {
  await page.locator('#chat-input').fill(text);
  const sentAt = await page.evaluate<number>('performance.timeOrigin + performance.now()');
  await page.locator('#chat-input').press('Enter');
  return sentAt;
}

export interface FirstRender {
  /** Navigation start → composer interactive, fresh browser context (empty HTTP cache). */
  coldMs: number;
  /** Same, reloading in a context that has the bundle cached (a returning visitor). */
  warmMs: number;
}

export async function firstRender(browser: Browser, url: string): Promise<FirstRender> {
  const page = await newPage(browser);
  try {
    await page.goto(url);
    const coldMs = (await epochWhen(page, COMPOSER_READY)) - (await page.evaluate<number>('performance.timeOrigin'));
    await page.goto(url);
    const warmMs = (await epochWhen(page, COMPOSER_READY)) - (await page.evaluate<number>('performance.timeOrigin'));
    return { coldMs, warmMs };
  } finally {
    await page.context().close();
  }
}

export interface StreamRun {
  tokens: number;
  /** Tokens per second the server handed to socket.io (first → last streamToken). */
  sentPerSec: number;
  /**
   * Tokens per second of WebSocket message events handled by the page. Events wait in
   * the browser while the page is busy, so a slow page lowers this rate too.
   */
  receivedPerSec: number;
  /** Tokens per second that reached the screen (first → last token rendered). */
  renderedPerSec: number;
  /** Last token's WebSocket event − last token emitted by the server. */
  wireLagMs: number;
  /** Last token on screen − last token's WebSocket event: work left after the last event. */
  pageLagMs: number;
  /** Send → final token on screen. */
  totalMs: number;
  frames: FrameStats;
}

export async function streamAnswer(browser: Browser, url: string, tokens: number): Promise<StreamRun> {
  const page = await newPage(browser);
  try {
    await openChat(page, url);
    await startFrames(page);
    await startTokenProbe(page);
    const sentAt = await send(page, `stream ${tokens}`);
    const lastWord = tokens - 1 - ((tokens - 1) % 200 === 199 ? 1 : 0);
    const shownAt = await epochWhen(page, `window.__tokens.samples.some((s) => s[1] >= ${lastWord})`);
    const samples = await stopTokenProbe(page);
    const frames = await stopFrames(page);
    const server = await serverTimes(page);
    const ws = await wsTokens(page);
    if (ws.tokens !== tokens - 1) throw new Error(`expected ${tokens - 1} token frames, saw ${ws.tokens}`);
    const [firstAt, firstN] = samples[0]!;
    const [lastAt, lastN] = samples[samples.length - 1]!;
    return {
      tokens,
      sentPerSec: tokens / ((server.last - server.first) / 1000),
      receivedPerSec: ws.tokens / ((ws.last - ws.first) / 1000),
      renderedPerSec: lastAt > firstAt ? (lastN - firstN) / ((lastAt - firstAt) / 1000) : Number.NaN,
      wireLagMs: ws.last - server.last,
      pageLagMs: shownAt - ws.last,
      totalMs: shownAt - sentAt,
      frames,
    };
  } finally {
    await page.context().close();
  }
}

export interface ThreadRun {
  messages: number;
  /** Time the server took to send them all (first → last message). */
  serverMs: number;
  /** Send → every message received and shown, and the composer echoes a keystroke. */
  interactiveMs: number;
  /** Last message sent by the server → composer echoes a keystroke. */
  afterServerMs: number;
  /** Longest frame while the messages arrived. */
  receiveMaxFrameMs: number;
  /** Scrolling from the bottom to the very top of the thread, 500 px per frame. */
  scroll: FrameStats & { ms: number };
}

const SCROLL_TO_TOP = `new Promise((resolve) => {
  const el = document.querySelector('.message-scroll');
  const t0 = performance.now();
  let still = 0;
  const tick = () => {
    if (el.scrollTop > 0) { el.scrollTop = Math.max(0, el.scrollTop - 500); still = 0; }
    else still++;
    // At the top for 10 frames in a row: nothing more was loaded above.
    if (still >= 10 || performance.now() - t0 > 60000) resolve(performance.now() - t0);
    else requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
})`;

export async function longThread(browser: Browser, url: string, messages: number): Promise<ThreadRun> {
  const page = await newPage(browser);
  try {
    await openChat(page, url);
    await startFrames(page);
    const sentAt = await send(page, `thread ${messages}`);
    const server = await serverTimes(page);
    await page.locator('#chat-input').focus();
    await page.keyboard.type('x');
    const readyAt = await epochWhen(page, `document.querySelector('#chat-input').value === 'x'`);
    const receive = await stopFrames(page);
    await startFrames(page);
    const scrollMs = await page.evaluate<number>(SCROLL_TO_TOP);
    const scroll = await stopFrames(page);
    const top = (await page.locator('.step').first().textContent()) ?? '';
    if (!top.includes(`thread ${messages}`)) throw new Error(`scrolling up did not reach the first message: "${top}"`);
    return {
      messages,
      serverMs: server.last - server.first,
      interactiveMs: readyAt - sentAt,
      afterServerMs: readyAt - server.last,
      receiveMaxFrameMs: receive.maxMs,
      scroll: { ...scroll, ms: scrollMs - 10 * 16.7 },
    };
  } finally {
    await page.context().close();
  }
}
