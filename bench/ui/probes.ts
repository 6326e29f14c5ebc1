/**
 * Code the benchmark runs inside the page. Written as strings: tsx's helpers (e.g. the
 * one that keeps function names) do not exist in the page, so functions cannot be passed.
 */
import type { Page } from 'playwright-core';

export interface FrameStats {
  frames: number;
  maxMs: number;
  p95Ms: number;
  /** Frames longer than 50 ms (a user notices those as a stutter). */
  over50: number;
}

/** Starts recording the gap between consecutive animation frames. */
export async function startFrames(page: Page): Promise<void> {
  await page.evaluate(`(() => {
    const f = (window.__frames = { gaps: [], stop: false });
    let last = performance.now();
    const tick = (now) => {
      f.gaps.push(now - last);
      last = now;
      if (!f.stop) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  })()`);
}

export async function stopFrames(page: Page): Promise<FrameStats> {
  const gaps = await page.evaluate<number[]>(`(() => {
    window.__frames.stop = true;
    return window.__frames.gaps;
  })()`);
  const sorted = [...gaps].sort((a, b) => a - b);
  return {
    frames: gaps.length,
    maxMs: sorted[sorted.length - 1] ?? 0,
    p95Ms: sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.95) - 1)] ?? 0,
    over50: gaps.filter((g) => g > 50).length,
  };
}

/**
 * Records, once per frame, the highest `wordN` token visible at the end of the streaming
 * answer, as [epoch ms, N] pairs whenever it changes. Only the answer's last text node is
 * read, so the probe costs microseconds even when the answer is 400 KB long.
 */
export async function startTokenProbe(page: Page): Promise<void> {
  await page.evaluate(`(() => {
    const p = (window.__tokens = { samples: [], stop: false });
    let lastN = -1;
    const read = () => {
      const steps = document.querySelectorAll('.step[data-step-type="assistant_message"] .message-content');
      let mc = steps[steps.length - 1];
      // Skip the final "bench done" message (its first paragraph is short to read).
      if (mc && (mc.querySelector('p')?.textContent || '').startsWith('bench done')) mc = steps[steps.length - 2];
      if (!mc) return -1;
      let n = mc;
      while (n.lastChild) n = n.lastChild;
      let m = /word(\\d+)\\s*$/.exec(n.textContent || '');
      if (!m) m = /word(\\d+)\\**\\s*$/.exec(mc.textContent || '');
      return m ? Number(m[1]) : -1;
    };
    const tick = () => {
      const n = read();
      if (n > lastN) {
        lastN = n;
        p.samples.push([performance.timeOrigin + performance.now(), n]);
      }
      if (!p.stop) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  })()`);
}

export async function stopTokenProbe(page: Page): Promise<Array<[number, number]>> {
  return page.evaluate<Array<[number, number]>>(`(() => {
    window.__tokens.stop = true;
    return window.__tokens.samples;
  })()`);
}

/** Epoch ms (page clock, same machine as the server) once `expr` is true, checked per frame. */
export async function epochWhen(page: Page, expr: string, timeout = 120_000): Promise<number> {
  const handle = await page.waitForFunction(`(${expr}) ? performance.timeOrigin + performance.now() : 0`, undefined, {
    timeout,
    polling: 'raf',
  });
  return (await handle.jsonValue()) as number;
}

/** The composer is usable: the textarea is there, enabled, and the socket is connected. */
export const COMPOSER_READY =
  "!!document.querySelector('#chat-input:not([disabled])') && !document.querySelector('.connection-banner')";

const LAST_ASSISTANT_P =
  "[...document.querySelectorAll('.step[data-step-type=\"assistant_message\"]')].pop()?.querySelector('p')?.textContent ?? ''";

/**
 * Waits for the app's final "bench done first=… last=…" message and returns the server's
 * timestamps it carries. Reads one paragraph per frame: Playwright's text locators scan
 * the whole document, which costs more than the page's own work on a 400 KB answer.
 */
export async function serverTimes(page: Page): Promise<{ first: number; last: number }> {
  await epochWhen(page, `(${LAST_ASSISTANT_P}).startsWith('bench done')`);
  const text = await page.evaluate<string>(LAST_ASSISTANT_P);
  const m = /first=(\d+) last=(\d+)/.exec(text);
  if (!m) throw new Error(`no server times in "${text}"`);
  return { first: Number(m[1]), last: Number(m[2]) };
}

/**
 * Counts WebSocket frames carrying stream tokens as they reach the page, before the app
 * sees them, so a slow server (or socket) can be told apart from a slow page.
 */
export const WS_PROBE = `(() => {
  const Native = window.WebSocket;
  const w = (window.__ws = { tokens: 0, first: 0, last: 0 });
  window.WebSocket = class extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', (e) => {
        if (typeof e.data !== 'string' || !e.data.includes('"stream_token"')) return;
        const t = performance.timeOrigin + performance.now();
        if (!w.first) w.first = t;
        w.last = t;
        w.tokens++;
      });
    }
  };
})()`;

export async function wsTokens(page: Page): Promise<{ tokens: number; first: number; last: number }> {
  return page.evaluate<{ tokens: number; first: number; last: number }>('window.__ws');
}
