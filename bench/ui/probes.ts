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

/** The server timestamps carried by the app's final "bench done first=… last=…" message. */
export async function serverTimes(page: Page): Promise<{ first: number; last: number }> {
  const text = (await page.getByText(/^bench done first=/).last().textContent()) ?? '';
  const m = /first=(\d+) last=(\d+)/.exec(text);
  if (!m) throw new Error(`no server times in "${text}"`);
  return { first: Number(m[1]), last: Number(m[2]) };
}
