/**
 * The microphone end to end in Chromium, fed by its fake media stream with a WAV file this
 * test writes (a 440 Hz tone): the voice example (manifests/voice.yaml) records it, shows
 * the recording as an audio player and answers out loud; the pitch it reports proves the
 * chunks arrived complete, in order and at the configured sample rate (24 kHz, and 16 kHz
 * for a manifest that sets it). Playback per track and its interrupt, in the web app, and
 * the microphone in the copilot widget on another site.
 */
import { expect } from 'chai';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { chromium } from 'playwright-core';
import { REPO, writeApp } from '../support/server.js';
import { CHROMIUM, requireChromium, send, startServer, type UiServer } from './support.js';
import { copilotApp, launchProfile, mountWidget, openWidget, startHostPage, type HostPage, type Profile } from './copilot-support.js';

const TONE_HZ = 440;

/** A 16-bit mono WAV of a sine: what the fake microphone plays, in a loop. */
function toneWav(hz: number, seconds: number, rate = 48_000): Buffer {
  const n = Math.round(rate * seconds);
  const pcm = Buffer.alloc(n * 2);
  for (let i = 0; i < n; i++) pcm.writeInt16LE(Math.round(Math.sin((2 * Math.PI * hz * i) / rate) * 0.5 * 0x7fff), i * 2);
  const h = Buffer.alloc(44);
  h.write('RIFF', 0);
  h.writeUInt32LE(36 + pcm.length, 4);
  h.write('WAVEfmt ', 8);
  h.writeUInt32LE(16, 16);
  h.writeUInt16LE(1, 20);
  h.writeUInt16LE(1, 22);
  h.writeUInt32LE(rate, 24);
  h.writeUInt32LE(rate * 2, 28);
  h.writeUInt16LE(2, 32);
  h.writeUInt16LE(16, 34);
  h.write('data', 36);
  h.writeUInt32LE(pcm.length, 40);
  return Buffer.concat([h, pcm]);
}

const dir = mkdtempSync(join(tmpdir(), 'crt-voice-'));
const WAV = join(dir, 'tone.wav');
const MEDIA_FLAGS = ['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', `--use-file-for-fake-audio-capture=${WAV}`];
const DEMO_PLUGIN = join(REPO, 'plugins', 'examples', 'voice', 'index.ts');

interface Frames {
  readonly count: number;
  /** Resolves once `n` more binary frames than `from` were sent. */
  reach(n: number): Promise<void>;
}

/** Counts the binary frames (the audio chunks' PCM) the page sends on its WebSocket. */
function countBinaryFrames(page: Page): Frames {
  let count = 0;
  const waiting = new Set<{ n: number; done: () => void }>();
  page.on('websocket', (ws) => ws.on('framesent', (f) => {
    if (typeof f.payload === 'string') return;
    count++;
    for (const w of [...waiting]) if (count >= w.n) { waiting.delete(w); w.done(); }
  }));
  return {
    get count() { return count; },
    reach: (n) => new Promise<void>((done) => (count >= n ? done() : void waiting.add({ n, done }))),
  };
}

/** Records with the fake microphone until `chunks` chunks went out, then stops; returns the reply. */
async function record(page: Page, root: string, frames: Frames, chunks: number): Promise<string> {
  const button = page.locator(`${root} #voice-button`);
  await button.click();
  await page.locator(`${root} #voice-button[data-state="on"]`).waitFor();
  await page.locator(`${root} .audio-presence[data-speaker="user"][role="status"]`).waitFor();
  await frames.reach(frames.count + chunks);
  await button.click();
  await page.locator(`${root} #voice-button[data-state="off"]`).waitFor();
  expect(await page.locator(`${root} .audio-presence[data-speaker="user"]`).count(), 'the indicator goes with the recording').to.equal(0);
  const reply = page.locator(`${root} .step`, { hasText: /^I heard \d/ });
  await reply.waitFor({ timeout: 30_000 });
  return (await reply.textContent())!.trim();
}

/** Which engine the example speaks with here: espeak-ng when installed (CI installs it). */
const ENGINE = (() => {
  try {
    execFileSync('espeak-ng', ['--version'], { stdio: 'ignore' });
    return 'espeak-ng';
  } catch {
    return 'tone';
  }
})();

function checkReply(reply: string): void {
  const m = /I heard ([\d.]+) seconds of sound, with a pitch of about (\d+) Hz\. \(spoken by (espeak-ng|tone)\)/.exec(reply);
  expect(m, reply).to.not.equal(null);
  expect(m![3]).to.equal(ENGINE);
  expect(Number(m![1])).to.be.greaterThan(0.5);
  expect(Number(m![2])).to.be.closeTo(TONE_HZ, TONE_HZ * 0.05);
}

describe('browser: microphone and speech', function () {
  this.timeout(120_000);
  let browser: Browser;
  let server: UiServer;

  before(async function () {
    requireChromium(this);
    writeFileSync(WAV, toneWav(TONE_HZ, 2));
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', ...MEDIA_FLAGS] });
    server = await startServer(join(REPO, 'manifests', 'voice.yaml'));
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  async function openApp(url: string): Promise<{ page: Page; frames: Frames; errors: string[]; close(): Promise<void> }> {
    const context = await browser.newContext({ viewport: { width: 1200, height: 800 } });
    await context.grantPermissions(['microphone'], { origin: new URL(url).origin });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const frames = countBinaryFrames(page);
    await page.goto(url);
    await page.locator('#message-composer[data-connection="connected"]').waitFor();
    return { page, frames, errors, close: () => context.close() };
  }

  it('records the microphone, shows the recording and answers out loud (the voice example)', async () => {
    const { page, frames, errors, close } = await openApp(server.page('/'));
    try {
      await page.locator('.step', { hasText: 'Press the microphone button' }).waitFor();
      expect(await page.locator('#voice-button').getAttribute('aria-label')).to.equal('Start recording');
      const reply = await record(page, '', frames, 8);
      checkReply(reply);
      // The recording, as the user's message with a player whose file plays.
      const audio = page.locator('.step[data-step-type="user_message"] .inline-audio audio');
      await audio.waitFor();
      const duration = await audio.evaluate(async (el: HTMLAudioElement) => {
        if (el.readyState < 1) await new Promise((r) => el.addEventListener('loadedmetadata', r, { once: true }));
        return el.duration;
      });
      expect(duration).to.be.closeTo(Number(/I heard ([\d.]+)/.exec(reply)![1]), 0.1);
      // The answer is spoken: the player shows its track while it plays, and stops after it.
      await page.locator('.audio-presence[data-speaker="assistant"]').waitFor({ state: 'detached', timeout: 30_000 });
      expect(errors).to.deep.equal([]);
    } finally {
      await close();
    }
  });

  it('records at features.audio.sample_rate (16 kHz here)', async () => {
    const manifest = writeApp({ 'chainlit.yaml': `name: Voice 16k\nplugins: [${JSON.stringify(DEMO_PLUGIN)}]\nfeatures:\n  audio:\n    enabled: true\n    sample_rate: 16000\n` });
    const at16k = await startServer(manifest);
    const { page, frames, errors, close } = await openApp(at16k.page('/'));
    try {
      // 4096-sample chunks at 16 kHz: 8 of them are 2 s.
      checkReply(await record(page, '', frames, 8));
      expect(errors).to.deep.equal([]);
    } finally {
      await close();
      await at16k.stop();
    }
  });

  it('plays the app\'s speech per track, and an interrupt drops the rest of the track', async () => {
    const playback = await startServer(writeApp({
      'chainlit.yaml': 'name: Playback\nplugins: [plugin.ts]\nfeatures:\n  audio:\n    enabled: true\n',
      'plugin.ts': (await import('node:fs')).readFileSync(join(REPO, 'test', 'fixtures', 'ui', 'voice', 'plugin.ts'), 'utf8'),
    }));
    const { page, errors, close } = await openApp(playback.page('/'));
    const speaking = page.locator('.audio-presence[data-speaker="assistant"]');
    try {
      await send(page, 'speak first');
      await page.locator('.step', { hasText: 'speaking first' }).waitFor();
      expect(await speaking.getAttribute('data-track')).to.equal('first');
      await send(page, 'hush first');
      await page.locator('.step', { hasText: 'hushed first' }).waitFor();
      // Four seconds of "first" were playing: the interrupt stopped them, and the two
      // seconds sent after it were dropped.
      expect(await speaking.count()).to.equal(0);
      await send(page, 'speak second');
      await page.locator('.step', { hasText: 'speaking second' }).waitFor();
      expect(await speaking.getAttribute('data-track')).to.equal('second');
      expect(errors).to.deep.equal([]);
    } finally {
      await close();
      await playback.stop();
    }
  });

  describe('in the copilot widget on another site', () => {
    let host: HostPage;
    let app: UiServer;
    let profile: Profile;
    before(async () => {
      host = await startHostPage();
      app = await startServer(copilotApp(`project:\n  allow_origins: ["${host.origin}"]\nfeatures:\n  audio:\n    enabled: true\n`, {
        'plugin.ts': `export { default } from ${JSON.stringify(DEMO_PLUGIN)};\n`,
      }));
      host.serve(app.url);
      profile = await launchProfile({ thirdPartyCookies: 'block', args: MEDIA_FLAGS });
      await profile.context.grantPermissions(['microphone'], { origin: host.origin });
    });
    after(async () => {
      await profile?.close();
      await app?.stop();
      await host?.stop();
    });

    it('records and answers through the widget', async () => {
      const page = await profile.context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      const frames = countBinaryFrames(page);
      try {
        await page.goto(host.url);
        await mountWidget(page, app.url);
        await openWidget(page);
        checkReply(await record(page, '#chainlit-copilot-chat', frames, 8));
        expect(errors).to.deep.equal([]);
      } finally {
        await page.close();
      }
    });
  });
});
