/**
 * UI benchmark: Chromium (playwright-core) against a real chainlit-rt server running the
 * app in bench/ui/app. Measures first render, a long streamed answer and a long thread,
 * and the gzip size of the bundle. Run through `npx tsx bench/run.ts ui`.
 */
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { createApp } from '../../runtime/app.js';
import { createLogger } from '../../runtime/log.js';
import { buildUi } from '../../ui/build.js';
import { REPO } from '../lib/proc.js';
import { fmt, median, table } from '../lib/stats.js';
import { bundleReport } from './bundle.js';
import { firstRender, longThread, streamAnswer, type StreamRun, type ThreadRun } from './scenarios.js';

export interface UiBenchOptions {
  reps: number;
  tokens: number;
  messages: number;
  /** Reuse ui-dist as it is instead of rebuilding it (minified) first. */
  skipBuild?: boolean;
}

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-dev-shm-usage'],
  });
}

const ms = (values: number[]) => `${fmt(median(values), 0)} ms`;
const range = (values: number[]) => `${fmt(Math.min(...values), 0)}–${fmt(Math.max(...values), 0)}`;

export async function uiBench(opts: UiBenchOptions): Promise<string> {
  const outdir = join(REPO, 'ui-dist');
  if (!opts.skipBuild) await buildUi({ outdir, minify: true });
  const app = await createApp({
    manifestPath: join(REPO, 'bench', 'ui', 'app', 'chainlit.yaml'),
    host: '127.0.0.1',
    port: 0,
    logger: createLogger({ silent: true, pretty: false }),
  });
  const url = await app.start();
  const browser = await launch();
  try {
    const cold: number[] = [];
    const warm: number[] = [];
    const streams: StreamRun[] = [];
    const threads: ThreadRun[] = [];
    for (let i = 0; i < opts.reps; i++) {
      const fr = await firstRender(browser, url);
      cold.push(fr.coldMs);
      warm.push(fr.warmMs);
    }
    for (let i = 0; i < opts.reps; i++) streams.push(await streamAnswer(browser, url, opts.tokens));
    for (let i = 0; i < opts.reps; i++) threads.push(await longThread(browser, url, opts.messages));
    const s = (f: (r: StreamRun) => number) => streams.map(f);
    const t = (f: (r: ThreadRun) => number) => threads.map(f);
    const rows = [
      ['first render, empty cache (navigation → composer interactive)', ms(cold), range(cold)],
      ['first render, cached bundle', ms(warm), range(warm)],
      [`stream ${opts.tokens.toLocaleString('en-US')} tokens: emitted by the server`, `${fmt(median(s((r) => r.sentPerSec)), 0)} tok/s`, range(s((r) => r.sentPerSec))],
      ['  handled by the page\'s WebSocket (message events)', `${fmt(median(s((r) => r.receivedPerSec)), 0)} tok/s`, range(s((r) => r.receivedPerSec))],
      ['  rendered by the page', `${fmt(median(s((r) => r.renderedPerSec)), 0)} tok/s`, range(s((r) => r.renderedPerSec))],
      ['  backlog: last token on screen − last emitted', ms(s((r) => r.wireLagMs + r.pageLagMs)), range(s((r) => r.wireLagMs + r.pageLagMs))],
      ['  render backlog: last token on screen − last WebSocket event', ms(s((r) => r.pageLagMs)), range(s((r) => r.pageLagMs))],
      ['  send → last token on screen', ms(s((r) => r.totalMs)), range(s((r) => r.totalMs))],
      ['  longest frame while streaming', ms(s((r) => r.frames.maxMs)), range(s((r) => r.frames.maxMs))],
      ['  p95 frame while streaming', ms(s((r) => r.frames.p95Ms)), range(s((r) => r.frames.p95Ms))],
      [`thread ${opts.messages.toLocaleString('en-US')} messages: server sending them`, ms(t((r) => r.serverMs)), range(t((r) => r.serverMs))],
      ['  send → all shown and composer echoes a key (time to interactive)', ms(t((r) => r.interactiveMs)), range(t((r) => r.interactiveMs))],
      ['  last message sent → composer echoes a key', ms(t((r) => r.afterServerMs)), range(t((r) => r.afterServerMs))],
      ['  longest frame while receiving', ms(t((r) => r.receiveMaxFrameMs)), range(t((r) => r.receiveMaxFrameMs))],
      ['  scroll bottom → top, 500 px/frame: duration', ms(t((r) => r.scroll.ms)), range(t((r) => r.scroll.ms))],
      ['  scroll: longest frame', ms(t((r) => r.scroll.maxMs)), range(t((r) => r.scroll.maxMs))],
      ['  scroll: p95 frame', ms(t((r) => r.scroll.p95Ms)), range(t((r) => r.scroll.p95Ms))],
      ['  scroll: frames > 50 ms', fmt(median(t((r) => r.scroll.over50)), 0), range(t((r) => r.scroll.over50))],
    ];
    return [
      `## UI (Chromium ${browser.version()}, headless, 1200×800; medians of ${opts.reps} runs)`,
      '',
      table(['measure', 'median', 'range'], rows),
      '',
      await bundleReport(outdir),
    ].join('\n');
  } finally {
    await browser.close();
    await app.stop();
  }
}
