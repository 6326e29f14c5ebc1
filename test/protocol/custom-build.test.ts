import { expect } from 'chai';
import { startHttp, type HttpFixture } from '../support/http.js';
import { startServer, writeApp } from '../support/server.js';

const CUSTOM_INDEX = `<!doctype html>
<html>
  <head>
    <!-- TAG INJECTION PLACEHOLDER -->
    <!-- CSS INJECTION PLACEHOLDER -->
    <script type="module" src="/assets/custom-app.js"></script>
  </head>
  <body><div id="custom-root">my own frontend</div><!-- JS INJECTION PLACEHOLDER --></body>
</html>`;

const BUNDLED_INDEX = `<!doctype html><html><head><!-- TAG INJECTION PLACEHOLDER --></head><body>bundled ui</body></html>`;

const MANIFEST = `
name: My "Custom" App
project:
  transports: ["websocket"]
ui:
  custom_build: ./frontend/dist
  custom_js: /public/extra.js
`;

/**
 * `ui.custom_build`: UI routes serve the app's own build (index.html with the same metas
 * and injections, /assets from that build) instead of the bundled UI.
 */
describe('http: ui.custom_build', () => {
  let fx: HttpFixture;
  before(async () => {
    fx = await startHttp({
      manifest: MANIFEST,
      rootPath: '/chat',
      files: {
        'frontend/dist/index.html': CUSTOM_INDEX,
        'frontend/dist/assets/custom-app.js': 'console.log("custom")',
        'frontend/dist/favicon.svg': '<svg id="custom-favicon"/>',
        'frontend/dist/assets/logo_dark-1.svg': '<svg id="custom-logo"/>',
      },
      uiDist: {
        'index.html': BUNDLED_INDEX,
        'assets/index.js': 'console.log("bundled")',
        'copilot/index.js': 'console.log("copilot")',
        'favicon.svg': '<svg id="bundled-favicon"/>',
      },
    });
  });
  after(() => fx.close());

  it('serves the custom index.html for UI routes, with the metas, globals and custom JS injected', async () => {
    for (const route of ['/chat/', '/chat/thread/abc', '/chat/element/x', '/chat/login']) {
      const res = await fetch(fx.url(route));
      expect(res.status, route).to.equal(200);
      expect(res.headers.get('content-type'), route).to.match(/^text\/html/);
      const html = await res.text();
      expect(html, route).to.include('my own frontend');
      expect(html, route).not.to.include('bundled ui');
      expect(html).to.include('<title>My &quot;Custom&quot; App</title>');
      expect(html).to.include('<meta property="og:root_path" content="/chat" />');
      expect(html).to.include('window.transports = ["websocket"];');
      expect(html).to.include('<script src="/chat/public/extra.js" defer></script>');
      expect(html).to.include('src="/chat/assets/custom-app.js"');
    }
  });

  it("serves /assets from the custom build, and not the bundled UI's", async () => {
    const own = await fetch(fx.url('/chat/assets/custom-app.js'));
    expect(own.status).to.equal(200);
    expect(await own.text()).to.equal('console.log("custom")');
    expect((await fetch(fx.url('/chat/assets/index.js'))).status).to.equal(404);
  });

  it('takes the favicon and logo from the custom build before the bundled ones; the copilot stays bundled', async () => {
    expect(await (await fetch(fx.url('/chat/favicon'))).text()).to.equal('<svg id="custom-favicon"/>');
    expect(await (await fetch(fx.url('/chat/logo?theme=dark'))).text()).to.equal('<svg id="custom-logo"/>');
    const copilot = await fetch(fx.url('/chat/copilot/index.js'));
    expect(copilot.status).to.equal(200);
    expect(await copilot.text()).to.equal('console.log("copilot")');
  });

  it('leaves the API alone', async () => {
    const res = await fetch(fx.url('/chat/project/settings'));
    expect(res.status).to.equal(200);
    const settings = (await res.json()) as { ui: { custom_build?: string } };
    expect(settings.ui.custom_build).to.equal('./frontend/dist');
  });
});

describe('app: ui.custom_build is checked at start', () => {
  const start = async (build: string, files: Record<string, string>) => {
    const manifest = writeApp({ 'chainlit.yaml': `name: Custom build\nui:\n  custom_build: ${build}\n`, ...files });
    const server = await startServer(manifest).catch((err: unknown) => err as Error);
    if (!(server instanceof Error)) {
      await server.stop();
      throw new Error(`the app started with custom_build ${build}`);
    }
    return server;
  };

  it('refuses a folder that does not exist, with the manifest line', async () => {
    const err = await start('./nowhere', {});
    expect(err.message).to.match(/chainlit\.yaml:3:\d+ ui\.custom_build/);
    expect(err.message).to.include('./nowhere');
    expect(err.message).to.match(/not found/);
  });

  it('refuses a folder without index.html', async () => {
    const err = await start('./dist', { 'dist/app.js': '' });
    expect(err.message).to.match(/ui\.custom_build/);
    expect(err.message).to.match(/index\.html/);
  });

  it('refuses a folder outside the app root', async () => {
    const err = await start('../..', {});
    expect(err.message).to.match(/ui\.custom_build/);
    expect(err.message).to.match(/inside the app folder/);
  });

  it('refuses it in a chat profile (the page is served before a profile is chosen)', async () => {
    const err = await start('build', {
      'build/index.html': '<html></html>',
      'chainlit.yaml': [
        'name: Custom build',
        'ui:',
        '  custom_build: build',
        'profiles:',
        '  - name: other',
        '    markdown_description: Other',
        '    config_overrides:',
        '      ui:',
        '        custom_build: build',
      ].join('\n') + '\n',
    });
    expect(err.message).to.match(/chainlit\.yaml:9:\d+ profiles\[0\]\.config_overrides\.ui\.custom_build/);
    expect(err.message).to.match(/cannot change the frontend build/);
  });

  it('serves the app that has one', async () => {
    const manifest = writeApp({
      'chainlit.yaml': 'name: Custom build\nui:\n  custom_build: build\n',
      'build/index.html': '<html><head><!-- TAG INJECTION PLACEHOLDER --></head><body>own build</body></html>',
    });
    const server = await startServer(manifest);
    try {
      const html = await (await fetch(server.url)).text();
      expect(html).to.include('own build');
      expect(html).to.include('<title>Custom build</title>');
    } finally {
      await server.stop();
    }
  });
});
