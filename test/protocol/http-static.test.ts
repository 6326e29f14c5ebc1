import { expect } from 'chai';
import { rawRequest, startHttp, type HttpFixture } from '../support/http.js';

const TEMPLATE = `<!doctype html>
<html>
  <head>
    <!-- TAG INJECTION PLACEHOLDER -->
    <!-- FONT START --><link rel="stylesheet" href="https://fonts.example/inter.css" /><!-- FONT END -->
    <!-- CSS INJECTION PLACEHOLDER -->
    <script type="module" src="/assets/index-abc.js"></script>
    <link rel="preconnect" href="//cdn.example" />
  </head>
  <body><div id="root"></div><!-- JS INJECTION PLACEHOLDER --></body>
</html>`;

const MANIFEST = `
name: <Evil> & "Co"
description: "it's <b>bold</b>"
project:
  transports: ["websocket"]
ui:
  custom_css: /public/style.css
  custom_css_attributes: media="screen"
  custom_js: /public/app.js
  custom_js_attributes: type="module"
`;

const APP_FILES = {
  'public/style.css': 'body { color: red }',
  'public/favicon.ico': 'ICO',
  'public/logo_dark.png': 'PNGDARK',
  'public/avatars/my_bot.png': 'AVATAR',
  'public/theme.json': JSON.stringify({
    variables: { light: { '--primary': '0 100% 50%</script><script>alert(1)' } },
    custom_fonts: ['https://fonts.example/custom.css'],
  }),
  'secret.txt': 'top secret',
};

describe('http: static files and SPA under a root path', () => {
  let fx: HttpFixture;
  before(async () => {
    fx = await startHttp({
      manifest: MANIFEST,
      files: APP_FILES,
      rootPath: '/chat',
      uiDist: { 'index.html': TEMPLATE, 'assets/index-abc.js': 'console.log(1)', 'assets/logo_light-123.svg': '<svg id="built"/>' },
    });
  });
  after(() => fx.close());

  it('mounts everything under the root path and nothing at /', async () => {
    expect((await fetch(fx.url('/chat/health'))).status).to.equal(200);
    for (const p of ['/health', '/', '/project/settings', '/public/style.css', '/chatty/health']) {
      const res = await fetch(fx.url(p));
      expect(res.status, p).to.equal(404);
    }
  });

  it('injects escaped metas, og:root_path, theme, transports, custom css/js and fonts', async () => {
    const res = await fetch(fx.url('/chat/thread/123'));
    expect(res.status).to.equal(200);
    expect(res.headers.get('content-type')).to.match(/^text\/html/);
    const html = await res.text();
    expect(html).to.include('<title>&lt;Evil&gt; &amp; &quot;Co&quot;</title>');
    expect(html).to.include('<meta name="description" content="it&#39;s &lt;b&gt;bold&lt;/b&gt;" />');
    expect(html).to.include('<meta property="og:root_path" content="/chat" />');
    expect(html).not.to.include('<Evil>');
    expect(html).to.include('window.transports = ["websocket"];');
    expect(html).to.include('window.theme = {"light":{"--primary":"0 100% 50%\\u003c/script\\u003e\\u003cscript\\u003ealert(1)"}};');
    expect(html).not.to.include('</script><script>alert(1)');
    expect(html).to.include('<link rel="stylesheet" type="text/css" href="/chat/public/style.css" media="screen">');
    expect(html).to.include('<script src="/chat/public/app.js" type="module"></script>');
    expect(html).to.include('<link rel="stylesheet" href="https://fonts.example/custom.css" />');
    expect(html).not.to.include('inter.css');
    expect(html).to.include('src="/chat/assets/index-abc.js"');
    expect(html).to.include('<link rel="icon" href="/chat/favicon" />');
    expect(html).to.include('href="//cdn.example"');
  });

  it('never serves the SPA on the socket path', async () => {
    const res = await fetch(fx.url('/chat/ws/socket.io/?EIO=4&transport=polling'));
    expect(res.status).to.equal(404);
    expect(res.headers.get('content-type')).to.match(/json/);
  });

  it('serves /public, and refuses traversal with 400 Invalid filename', async () => {
    const css = await fetch(fx.url('/chat/public/style.css'));
    expect(css.status).to.equal(200);
    expect(css.headers.get('content-type')).to.match(/^text\/css/);
    expect(await css.text()).to.equal('body { color: red }');
    expect((await fetch(fx.url('/chat/public/none.css'))).status).to.equal(404);
    for (const p of ['/chat/public/../secret.txt', '/chat/public/..%2fsecret.txt', '/chat/public/%2e%2e%2fsecret.txt', '/chat/public/..%5csecret.txt']) {
      const res = await rawRequest(fx.port, 'GET', p);
      expect(res.status, p).to.equal(400);
      expect(JSON.parse(res.body), p).to.deep.equal({ detail: 'Invalid filename' });
    }
  });

  it('serves /assets from the UI build with the same rules', async () => {
    expect(await (await fetch(fx.url('/chat/assets/index-abc.js'))).text()).to.equal('console.log(1)');
    const res = await rawRequest(fx.port, 'GET', '/chat/assets/..%2findex.html');
    expect(res.status).to.equal(400);
    expect((await fetch(fx.url('/chat/assets/nope.js'))).status).to.equal(404);
  });

  it('serves avatars by normalised name, falls back to the favicon, rejects bad ids', async () => {
    expect(await (await fetch(fx.url('/chat/avatars/My%20Bot'))).text()).to.equal('AVATAR');
    expect(await (await fetch(fx.url('/chat/avatars/someone'))).text()).to.equal('ICO');
    const bad = await fetch(fx.url('/chat/avatars/..%2f..%2fsecret'));
    expect(bad.status).to.equal(400);
    expect(await bad.json()).to.deep.equal({ detail: 'Invalid avatar_id' });
  });

  it('serves /logo by theme: app file, then UI build, and 422s an unknown theme', async () => {
    expect(await (await fetch(fx.url('/chat/logo?theme=dark'))).text()).to.equal('PNGDARK');
    expect(await (await fetch(fx.url('/chat/logo'))).text()).to.equal('<svg id="built"/>');
    const bad = await fetch(fx.url('/chat/logo?theme=blue'));
    expect(bad.status).to.equal(422);
    const fav = await fetch(fx.url('/chat/favicon'));
    expect(await fav.text()).to.equal('ICO');
  });
});

describe('http: SPA placeholder when the UI is not built', () => {
  let fx: HttpFixture;
  before(async () => {
    fx = await startHttp({ manifest: 'name: Bare\n' });
  });
  after(() => fx.close());

  it('serves a 200 page that says how to build, with the metas', async () => {
    const res = await fetch(fx.url('/'));
    expect(res.status).to.equal(200);
    expect(res.headers.get('content-type')).to.match(/^text\/html/);
    const html = await res.text();
    expect(html).to.include('npm run build');
    expect(html).to.include('<meta property="og:root_path" content="" />');
    expect(html).to.include('<title>Bare</title>');
  });

  it('falls back to packaged logo and favicon', async () => {
    const logo = await fetch(fx.url('/logo?theme=dark'));
    expect(logo.status).to.equal(200);
    expect(logo.headers.get('content-type')).to.match(/^image\/svg\+xml/);
    expect(await logo.text()).to.include('<svg');
    const fav = await fetch(fx.url('/favicon'));
    expect(fav.headers.get('content-type')).to.match(/^image\/svg\+xml/);
  });
});
