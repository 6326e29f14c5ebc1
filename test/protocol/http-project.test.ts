import { readFileSync } from 'node:fs';
import { readFile, readdir } from 'node:fs/promises';
import { Writable } from 'node:stream';
import { expect } from 'chai';
import pino from 'pino';
import { definePlugin } from '../../runtime/sdk/plugin.js';
import { BROWSER_COOKIE, startHttp, setCookieValue, type HttpFixture } from '../support/http.js';

const MANIFEST = `
name: Test App
description: settings fixture
project:
  user_env: [OPENAI_API_KEY]
ui:
  default_theme: light
  cot: tool_call
features:
  spontaneous_file_upload:
    enabled: true
    accept: ["text/plain"]
    max_size_mb: 2
session:
  store: memory
  redis_url: redis://:SuperSecretRedisPw@redis.internal:6379
profiles:
  - name: Basic
    default: true
    markdown_description: The basic one
    icon: /public/basic.svg
  - name: Pro
    display_name: Pro mode
    starters:
      - label: Pro starter
        message: hello pro
    config_overrides:
      ui:
        name: Pro Assistant
      features:
        spontaneous_file_upload:
          enabled: false
starters:
  - label: Global starter
    message: hello
    icon: /public/star.svg
starter_categories:
  - label: Writing
    starters:
      - label: Poem
        message: write a poem
`;

async function json(res: Response): Promise<any> {
  return res.json();
}

describe('http: project routes', () => {
  let fx: HttpFixture;
  before(async () => {
    fx = await startHttp({
      manifest: MANIFEST,
      files: {
        // Filled into auth.secret from the environment (setting auth.secret is refused until login exists).
        '.env': 'CHAINLIT_AUTH_SECRET=JwtSigningSecretValue42\n',
        'chainlit.md': '# Welcome',
        'chainlit_fr-FR.md': '# Bienvenue',
        'translations/en-US.json': JSON.stringify({ source: 'app en-US' }),
        'translations/fr.json': JSON.stringify({ source: 'app fr' }),
        'translations/de-AT.json': JSON.stringify({ source: 'app de-AT' }),
        'translations/de-CH.json': JSON.stringify({ source: 'app de-CH' }),
      },
      plugins: [{
        id: 'routes',
        definition: definePlugin({
          routes: {
            'GET /hello/:who': (ctx) => ({ hello: ctx.params.who, q: ctx.query.x }),
            'DELETE /items': (ctx) => ({ received: ctx.body }),
            'GET /plain': (ctx) => {
              ctx.status = 201;
              ctx.setHeader('content-type', 'text/plain');
              ctx.responseBody = 'plain text';
            },
          },
        }),
      }],
    });
  });
  after(() => fx.close());

  describe('GET /project/settings', () => {
    it('returns the settings shape with client-visible config only', async () => {
      const res = await fetch(fx.url('/project/settings?language=en-US'));
      expect(res.status).to.equal(200);
      const body = await json(res);
      expect(body).to.have.all.keys('ui', 'features', 'userEnv', 'maskUserEnv', 'dataPersistence', 'threadResumable',
        'threadSharing', 'markdown', 'chatProfiles', 'starters', 'starterCategories', 'debugUrl');
      expect(body.ui.name).to.equal('Test App');
      expect(body.ui.cot).to.equal('tool_call');
      expect(body.features.spontaneous_file_upload).to.include({ enabled: true, max_size_mb: 2 });
      expect(body.userEnv).to.deep.equal(['OPENAI_API_KEY']);
      expect(body.dataPersistence).to.equal(false);
      expect(body.threadResumable).to.equal(false);
      expect(body.threadSharing).to.equal(false);
      expect(body.debugUrl).to.equal(null);
      expect(body.markdown).to.equal('# Welcome');
      expect(body.starters).to.deep.equal([{ label: 'Global starter', message: 'hello', command: null, icon: '/public/star.svg' }]);
      expect(body.starterCategories).to.deep.equal([
        { label: 'Writing', icon: null, starters: [{ label: 'Poem', message: 'write a poem', command: null, icon: null }] },
      ]);
      expect(body.chatProfiles).to.deep.equal([
        { name: 'Basic', display_name: null, markdown_description: 'The basic one', icon: '/public/basic.svg', default: true, starters: null },
        { name: 'Pro', display_name: 'Pro mode', markdown_description: '', icon: null, default: false,
          starters: [{ label: 'Pro starter', message: 'hello pro', command: null, icon: null }] },
      ]);
    });

    it('applies the selected profile\'s overrides and starters', async () => {
      const body = await json(await fetch(fx.url('/project/settings?language=en-US&chat_profile=Pro')));
      expect(body.ui.name).to.equal('Pro Assistant');
      expect(body.features.spontaneous_file_upload.enabled).to.equal(false);
      expect(body.starters).to.deep.equal([{ label: 'Pro starter', message: 'hello pro', command: null, icon: null }]);
    });

    it('never exposes secrets or server-only sections', async () => {
      expect(fx.services.manifest().config.auth.secret).to.equal('JwtSigningSecretValue42');
      const text = await (await fetch(fx.url('/project/settings?chat_profile=Pro'))).text();
      expect(text).not.to.include('SuperSecretRedisPw');
      expect(text).not.to.include('JwtSigningSecretValue42');
      expect(text).not.to.include('config_overrides');
      expect(text).not.to.include('redis_url');
    });

    it('picks chainlit_<lang>.md for the language', async () => {
      const body = await json(await fetch(fx.url('/project/settings?language=fr-FR')));
      expect(body.markdown).to.equal('# Bienvenue');
    });

    it('rejects a malformed language with a FastAPI-style 422', async () => {
      const res = await fetch(fx.url('/project/settings?language=../../etc'));
      expect(res.status).to.equal(422);
      const body = await json(res);
      expect(body.detail[0]).to.include({ type: 'string_pattern_mismatch' });
      expect(body.detail[0].loc).to.deep.equal(['query', 'language']);
    });
  });

  describe('GET /project/translations', () => {
    const lookup = async (lang: string): Promise<unknown> =>
      (await json(await fetch(fx.url(`/project/translations?language=${lang}`)))).translation;

    it('follows exact → base → regional variant → en-US', async () => {
      const res = await fetch(fx.url('/project/translations?language=fr-CA'));
      expect(res.headers.get('content-language'), 'the file served').to.equal('fr');
      expect((await json(res)).translation).to.deep.equal({ source: 'app fr' });
      expect(await lookup('fr')).to.deep.equal({ source: 'app fr' });
      expect(await lookup('fr-CA')).to.deep.equal({ source: 'app fr' });
      expect(await lookup('de')).to.deep.equal({ source: 'app de-AT' });
      expect(await lookup('de-AT')).to.deep.equal({ source: 'app de-AT' });
      expect(await lookup('sw-KE')).to.deep.equal({ source: 'app en-US' });
      // A closer language of the package beats the app's en-US.
      const italian: unknown = JSON.parse(readFileSync(new URL('../../translations/it.json', import.meta.url), 'utf8'));
      expect(await lookup('it-IT')).to.deep.equal(italian);
    });

    it('defaults to en-US and answers 422 for a bad tag', async () => {
      expect((await json(await fetch(fx.url('/project/translations')))).translation).to.deep.equal({ source: 'app en-US' });
      const res = await fetch(fx.url('/project/translations?language=en_US!'));
      expect(res.status).to.equal(422);
      expect((await json(res)).detail[0].loc).to.deep.equal(['query', 'language']);
    });
  });

  describe('auth and session routes', () => {
    it('GET /auth/config reports login off with the full shape', async () => {
      const body = await json(await fetch(fx.url('/auth/config')));
      expect(body).to.deep.equal({
        requireLogin: false, passwordAuth: false, headerAuth: false, oauthProviders: [], default_theme: 'light',
        ui: { login_page_image: null, login_page_image_filter: null, login_page_image_dark_filter: null },
      });
    });

    it('GET /user answers 200 null when login is off', async () => {
      const res = await fetch(fx.url('/user'));
      expect(res.status).to.equal(200);
      expect(await res.text()).to.equal('null');
    });

    it('POST /set-session-cookie sets the affinity cookie, and 422s without session_id', async () => {
      const res = await fetch(fx.url('/set-session-cookie'), {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ session_id: 'abc' }),
      });
      expect(res.status).to.equal(200);
      expect(await json(res)).to.deep.equal({ message: 'Session cookie set' });
      const line = res.headers.getSetCookie().find((c) => c.startsWith('X-Chainlit-Session-id='));
      expect(line).to.match(/X-Chainlit-Session-id=abc; Path=\/; HttpOnly; SameSite=Lax/);
      const bad = await fetch(fx.url('/set-session-cookie'), { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
      expect(bad.status).to.equal(422);
    });

    it('answers malformed JSON with 422 json_invalid, not 500', async () => {
      const res = await fetch(fx.url('/set-session-cookie'), { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"session_id":' });
      expect(res.status).to.equal(422);
      expect((await json(res)).detail[0].type).to.equal('json_invalid');
    });

    it('sets an httpOnly browser binding cookie once', async () => {
      const res = await fetch(fx.url('/health'));
      const value = setCookieValue(res, BROWSER_COOKIE);
      expect(value).to.match(/^[A-Za-z0-9_-]{43}$/);
      const line = res.headers.getSetCookie().find((c) => c.startsWith(`${BROWSER_COOKIE}=`))!;
      expect(line).to.include('HttpOnly').and.include('SameSite=Lax').and.include('Max-Age=31536000');
      const again = await fetch(fx.url('/health'), { headers: { cookie: `${BROWSER_COOKIE}=${value}` } });
      expect(setCookieValue(again, BROWSER_COOKIE)).to.equal(undefined);
    });
  });

  describe('routing', () => {
    it('serves plugin routes before the SPA fallback', async () => {
      const res = await fetch(fx.url('/hello/ada?x=1'));
      expect(res.status).to.equal(200);
      expect(await json(res)).to.deep.equal({ hello: 'ada', q: '1' });
    });

    it('parses JSON bodies on DELETE and lets a route send its own body', async () => {
      const del = await fetch(fx.url('/items'), { method: 'DELETE', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ id: 7 }) });
      expect(await json(del)).to.deep.equal({ received: { id: 7 } });
      const plain = await fetch(fx.url('/plain'));
      expect(plain.status).to.equal(201);
      expect(plain.headers.get('content-type')).to.match(/^text\/plain/);
      expect(await plain.text()).to.equal('plain text');
    });

    it('answers 405 for non-GET methods on unknown paths', async () => {
      const res = await fetch(fx.url('/nowhere'), { method: 'POST' });
      expect(res.status).to.equal(405);
      expect((await json(res)).detail).to.equal('Method Not Allowed');
    });

    it('serves /health and HEAD /', async () => {
      expect(await json(await fetch(fx.url('/health')))).to.deep.equal({ status: 'ok' });
      const head = await fetch(fx.url('/'), { method: 'HEAD' });
      expect(head.status).to.equal(200);
    });

    it('does not reflect foreign origins by default', async () => {
      const res = await fetch(fx.url('/health'), { headers: { origin: 'https://evil.example' } });
      expect(res.headers.get('access-control-allow-origin')).to.equal(null);
      const pre = await fetch(fx.url('/project/action'), {
        method: 'OPTIONS', headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
      });
      expect(pre.headers.get('access-control-allow-origin')).to.equal(null);
    });
  });
});

describe('http: configured CORS, hooks and failures', () => {
  let fx: HttpFixture;
  const logLines: Array<Record<string, unknown>> = [];
  before(async () => {
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        logLines.push(JSON.parse(chunk.toString('utf8')) as Record<string, unknown>);
        done();
      },
    });
    fx = await startHttp({
      logger: pino({ level: 'error' }, sink),
      manifest: 'name: Hooks\nproject:\n  allow_origins: ["https://app.example"]\n',
      plugins: [{
        id: 'hooks',
        definition: definePlugin({
          setChatProfiles: (_user, language) => [{ name: 'Computed', displayName: `In ${language}`, markdownDescription: 'md', default: true }],
          setStarters: () => [{ label: 'S', message: 'm', command: 'search' }],
          setStarterCategories: () => { throw new Error('database password is hunter2'); },
          onChatResume: () => undefined,
        }),
      }],
    });
  });
  after(() => fx.close());

  it('reflects a listed origin with credentials, never *', async () => {
    const res = await fetch(fx.url('/health'), { headers: { origin: 'https://app.example' } });
    expect(res.headers.get('access-control-allow-origin')).to.equal('https://app.example');
    expect(res.headers.get('access-control-allow-credentials')).to.equal('true');
    const other = await fetch(fx.url('/health'), { headers: { origin: 'https://other.example' } });
    expect(other.headers.get('access-control-allow-origin')).to.equal(null);
  });

  it('falls back to the package\'s own translations when the app has none', async () => {
    const packaged: unknown = JSON.parse(await readFile(new URL('../../translations/en-US.json', import.meta.url), 'utf8'));
    const body = await json(await fetch(fx.url('/project/translations?language=pt-BR')));
    expect(body.translation).to.deep.equal(packaged);
    expect(Object.keys(body.translation as object)).not.to.have.length(0);
  });

  it('hides a throwing hook behind a generic 500 with an error id', async () => {
    const res = await fetch(fx.url('/project/settings'));
    expect(res.status).to.equal(500);
    const body = await json(res);
    expect(body.detail).to.match(/^Internal server error \(id [0-9a-f-]{36}\)$/);
    expect(JSON.stringify(body)).not.to.include('hunter2');
    const errorId = /id ([0-9a-f-]{36})/.exec(body.detail as string)![1];
    const line = logLines.find((l) => l.errorId === errorId);
    expect(line, 'an error log line carries the id').to.not.equal(undefined);
    expect(line!.module).to.equal('http');
    expect(JSON.stringify(line)).to.include('hunter2');
  });
});

describe('http: computed profiles and starters', () => {
  let fx: HttpFixture;
  before(async () => {
    fx = await startHttp({
      manifest: 'name: Hooks\nui:\n  language: fr-FR\n',
      files: { 'translations/fr-FR.json': JSON.stringify({ source: 'app fr-FR' }) },
      plugins: [{
        id: 'hooks',
        definition: definePlugin({
          setChatProfiles: (_user, language) => [{ name: 'Computed', displayName: `In ${language}`, markdownDescription: 'md', default: true }],
          setStarters: () => [{ label: 'S', message: 'm', command: 'search' }],
          onChatResume: () => undefined,
        }),
      }],
    });
  });
  after(() => fx.close());

  it('converts camelCase hook results; ui.language wins over the query', async () => {
    const body = await json(await fetch(fx.url('/project/settings?language=en-US')));
    expect(body.chatProfiles).to.deep.equal([{ name: 'Computed', display_name: 'In fr-FR', markdown_description: 'md', icon: null, default: true, starters: null }]);
    expect(body.starters).to.deep.equal([{ label: 'S', message: 'm', command: 'search', icon: null }]);
    expect(body.starterCategories).to.deep.equal([]);
    expect(body.threadResumable).to.equal(true);
    const res = await fetch(fx.url('/project/translations?language=en-US'));
    expect(res.headers.get('content-language')).to.equal('fr-FR');
    const tr = await json(res);
    expect(tr.translation).to.deep.equal({ source: 'app fr-FR' });
  });
});

describe('http: the package\'s translations', () => {
  let fx: HttpFixture;
  before(async () => {
    fx = await startHttp({ manifest: 'name: Locales\n' });
  });
  after(() => fx.close());

  const folder = new URL('../../translations/', import.meta.url);
  const packaged = async (tag: string): Promise<unknown> => JSON.parse(await readFile(new URL(`${tag}.json`, folder), 'utf8'));
  const served = async (language: string): Promise<{ language: string | null; translation: unknown }> => {
    const res = await fetch(fx.url(`/project/translations?language=${language}`));
    expect(res.status, language).to.equal(200);
    return { language: res.headers.get('content-language'), translation: (await json(res)).translation };
  };

  it('serves every shipped locale under its own tag, naming it in Content-Language', async () => {
    const tags = (await readdir(folder)).filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -'.json'.length));
    expect(tags).to.have.length(23);
    for (const tag of tags) {
      const res = await served(tag);
      expect(res.language, tag).to.equal(tag);
      expect(res.translation, tag).to.deep.equal(await packaged(tag));
    }
  });

  it('falls back as Chainlit does: base language, a regional variant for a bare tag, else en-US', async () => {
    const cases: Array<[asked: string, file: string]> = [
      ['es-MX', 'es'], ['es-419', 'es'], ['ja-JP', 'ja'], ['nl-BE', 'nl'], ['ko-KR', 'ko'], ['hi-IN', 'hi'],
      ['ar', 'ar-SA'], ['he', 'he-IL'], ['pt', 'pt-PT'], ['zh', 'zh-CN'], ['de', 'de-DE'], ['da', 'da-DK'], ['el', 'el-GR'],
      // A tag with a region never borrows another region's file.
      ['pt-BR', 'en-US'], ['de-AT', 'en-US'], ['zh-HK', 'en-US'], ['ar-EG', 'en-US'], ['fr-CA', 'en-US'],
      ['sw-KE', 'en-US'], ['xx', 'en-US'],
    ];
    for (const [asked, file] of cases) {
      const res = await served(asked);
      expect(res.language, asked).to.equal(file);
      expect(res.translation, asked).to.deep.equal(await packaged(file));
    }
  });
});
