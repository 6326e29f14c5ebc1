import { readdir, readFile } from 'node:fs/promises';
import { expect } from 'chai';
import { ChainlitRtError, type HttpError } from '../../runtime/errors.js';
import { definePlugin } from '../../runtime/sdk/plugin.js';
import { createLocalStorage } from '../../runtime/storage/local.js';
import { BROWSER_COOKIE, TEST_USER_HEADER, startHttp, tempTree, type HttpFixture } from '../support/http.js';

const MANIFEST = `
name: Files
features:
  spontaneous_file_upload:
    enabled: true
    accept: ["text/plain", "image/*"]
    max_size_mb: 1
profiles:
  - name: NoUpload
    config_overrides:
      features:
        spontaneous_file_upload:
          enabled: false
`;

const ANON = 'aaaaaaaa-0000-4000-8000-000000000001';
const BOUND = 'aaaaaaaa-0000-4000-8000-000000000002';
const ALICE = 'aaaaaaaa-0000-4000-8000-000000000003';
const NO_UPLOAD = 'aaaaaaaa-0000-4000-8000-000000000004';
const BROWSER_KEY = 'browser-key-of-the-owner';

function form(content: string | Buffer, name: string, type: string): FormData {
  const data = new FormData();
  data.append('file', new Blob([typeof content === 'string' ? content : new Uint8Array(content)], { type }), name);
  return data;
}

async function detail(res: Response): Promise<unknown> {
  return ((await res.json()) as { detail: unknown }).detail;
}

describe('http: file upload and download', () => {
  let fx: HttpFixture;
  before(async () => {
    fx = await startHttp({
      manifest: MANIFEST,
      sessions: [
        { id: ANON },
        { id: BOUND, browserKey: BROWSER_KEY },
        { id: ALICE, user: { identifier: 'alice', metadata: {} } },
        { id: NO_UPLOAD, chatProfile: 'NoUpload' },
        {
          id: 'aaaaaaaa-0000-4000-8000-000000000005',
          fileSpecs: { 'parent-1': { type: 'file', step_id: 's1', timeout: 60, accept: { 'application/pdf': ['.pdf'] }, max_size_mb: 1, max_files: 1 } },
        },
      ],
    });
  });
  after(() => fx.close());

  const upload = (query: string, body: FormData, headers: Record<string, string> = {}): Promise<Response> =>
    fetch(fx.url(`/project/file?${query}`), { method: 'POST', body, headers });

  it('accepts an allowed file, stores it under a generated name and serves it back', async () => {
    const res = await upload(`session_id=${ANON}`, form('hello file', '../../evil name.txt', 'text/plain'));
    expect(res.status).to.equal(200);
    const { id } = (await res.json()) as { id: string };
    expect(id).to.match(/^[0-9a-f-]{36}$/);

    const record = fx.sessions.get(ANON)!.files.get(id)!;
    expect(record).to.include({ id, name: '../../evil name.txt', size: 10, type: 'text/plain' });
    expect(record.path.startsWith(fx.storageDir)).to.equal(true);
    expect(await readdir(`${fx.storageDir}/${ANON}`)).to.deep.equal([`${id}.txt`]);
    expect(await readFile(record.path, 'utf8')).to.equal('hello file');

    const down = await fetch(fx.url(`/project/file/${id}?session_id=${ANON}`));
    expect(down.status).to.equal(200);
    expect(down.headers.get('content-type')).to.equal('text/plain');
    expect(down.headers.get('x-content-type-options')).to.equal('nosniff');
    expect(down.headers.get('content-disposition')).to.equal("inline; filename*=UTF-8''..%2F..%2Fevil%20name.txt");
    expect(await down.text()).to.equal('hello file');
  });

  it('rejects a file that is too large while it streams in', async () => {
    const big = Buffer.alloc(1024 * 1024 + 10, 97);
    const res = await upload(`session_id=${ANON}`, form(big, 'big.txt', 'text/plain'));
    expect(res.status).to.equal(400);
    expect(await detail(res)).to.equal('File size too large');
    expect(fx.sessions.get(ANON)!.files.size).to.equal(1);
    expect(await readdir(`${fx.storageDir}/${ANON}`)).to.have.length(1);
  });

  it('rejects a type outside the accept list', async () => {
    const res = await upload(`session_id=${ANON}`, form('<html>', 'x.html', 'text/html'));
    expect(res.status).to.equal(400);
    expect(await detail(res)).to.equal('File type not allowed');
  });

  it('accepts image/* by glob', async () => {
    const res = await upload(`session_id=${ANON}`, form(Buffer.from([0x89, 0x50, 0x4e, 0x47]), 'a.png', 'image/png'));
    expect(res.status).to.equal(200);
  });

  it('uses the ask spec named by ask_parent_id (MIME map with extensions)', async () => {
    const sid = 'aaaaaaaa-0000-4000-8000-000000000005';
    const wrongExt = await upload(`session_id=${sid}&ask_parent_id=parent-1`, form('%PDF', 'doc.txt', 'application/pdf'));
    expect(wrongExt.status).to.equal(400);
    expect(await detail(wrongExt)).to.equal('File type not allowed');
    const ok = await upload(`session_id=${sid}&ask_parent_id=parent-1`, form('%PDF', 'doc.PDF', 'application/pdf'));
    expect(ok.status).to.equal(200);
    const missingParent = await upload(`session_id=${sid}&ask_parent_id=nope`, form('%PDF', 'doc.pdf', 'application/pdf'));
    expect(missingParent.status).to.equal(404);
    expect(await detail(missingParent)).to.equal('Parent message not found');
  });

  it('honours the profile override that disables uploads', async () => {
    const res = await upload(`session_id=${NO_UPLOAD}`, form('x', 'a.txt', 'text/plain'));
    expect(res.status).to.equal(400);
    expect(await detail(res)).to.equal('File upload is not enabled');
  });

  it('answers 404 for an unknown session and 422 without session_id or file part', async () => {
    const unknown = await upload('session_id=does-not-exist', form('x', 'a.txt', 'text/plain'));
    expect(unknown.status).to.equal(404);
    expect(await detail(unknown)).to.equal('Session not found');
    const noQuery = await fetch(fx.url('/project/file'), { method: 'POST', body: form('x', 'a.txt', 'text/plain') });
    expect(noQuery.status).to.equal(422);
    expect(((await detail(noQuery)) as Array<{ loc: string[] }>)[0]!.loc).to.deep.equal(['query', 'session_id']);
    const noPart = new FormData();
    noPart.append('other', 'value');
    const res = await upload(`session_id=${ANON}`, noPart);
    expect(res.status).to.equal(422);
    const json = await fetch(fx.url(`/project/file?session_id=${ANON}`), {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ file: 'x' }),
    });
    expect(json.status).to.equal(422);
    expect(((await detail(json)) as Array<{ loc: string[] }>)[0]!.loc).to.deep.equal(['body', 'file']);
  });

  // Someone else's session answers exactly like a missing one (404), so ids cannot be probed.
  it('requires the session owner: user identifier or browser binding cookie', async () => {
    const asBob = await upload(`session_id=${ALICE}`, form('x', 'a.txt', 'text/plain'), { [TEST_USER_HEADER]: 'bob' });
    expect(asBob.status).to.equal(404);
    expect(await detail(asBob)).to.equal('Session not found');
    const anonymous = await upload(`session_id=${ALICE}`, form('x', 'a.txt', 'text/plain'));
    expect(anonymous.status).to.equal(404);
    const asAlice = await upload(`session_id=${ALICE}`, form('x', 'a.txt', 'text/plain'), { [TEST_USER_HEADER]: 'alice' });
    expect(asAlice.status).to.equal(200);

    const noCookie = await upload(`session_id=${BOUND}`, form('x', 'a.txt', 'text/plain'));
    expect(noCookie.status).to.equal(404);
    const wrongCookie = await upload(`session_id=${BOUND}`, form('x', 'a.txt', 'text/plain'), { cookie: `${BROWSER_COOKIE}=someone-else` });
    expect(wrongCookie.status).to.equal(404);
    const owner = await upload(`session_id=${BOUND}`, form('x', 'a.txt', 'text/plain'), { cookie: `${BROWSER_COOKIE}=${BROWSER_KEY}` });
    expect(owner.status).to.equal(200);
    const { id } = (await owner.json()) as { id: string };

    const stolen = await fetch(fx.url(`/project/file/${id}?session_id=${BOUND}`));
    expect(stolen.status).to.equal(404);
    expect(await detail(stolen)).to.equal('File not found');
    const mine = await fetch(fx.url(`/project/file/${id}?session_id=${BOUND}`), { headers: { cookie: `${BROWSER_COOKIE}=${BROWSER_KEY}` } });
    expect(mine.status).to.equal(200);
  });

  it('download: unknown session 404 (as a foreign one), unknown or traversing file id 404, missing session_id 422', async () => {
    const unknown = await fetch(fx.url('/project/file/x?session_id=nope'));
    expect(unknown.status).to.equal(404);
    expect(await detail(unknown)).to.equal('File not found');
    const missing = await fetch(fx.url(`/project/file/..%2F..%2Fapp.yaml?session_id=${ANON}`));
    expect(missing.status).to.equal(404);
    expect(await detail(missing)).to.equal('File not found');
    const noSession = await fetch(fx.url('/project/file/x'));
    expect(noSession.status).to.equal(422);
  });
});

describe('http: POST /project/action', () => {
  let fx: HttpFixture;
  before(async () => {
    fx = await startHttp({
      manifest: 'name: Actions\n',
      sessions: [{ id: ANON }, { id: BOUND, browserKey: BROWSER_KEY }],
      plugins: [{ id: 'acts', definition: definePlugin({ actions: { like: () => 'liked' } }) }],
    });
  });
  after(() => fx.close());

  const post = (body: unknown, headers: Record<string, string> = {}): Promise<Response> =>
    fetch(fx.url('/project/action'), { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

  const action = (name: string) => ({ id: 'a1', name, payload: { n: 1 }, label: 'Like', tooltip: '', icon: null, forId: 'm1', extra: 'ignored' });

  it('runs a known action through runAction and returns its response', async () => {
    const res = await post({ sessionId: ANON, action: action('like') });
    expect(res.status).to.equal(200);
    expect(await res.json()).to.deep.equal({ success: true, response: { handled: 'like' } });
    expect(fx.actionCalls).to.have.length(1);
    expect(fx.actionCalls[0]!.sessionId).to.equal(ANON);
    expect(fx.actionCalls[0]!.action).to.deep.equal({ id: 'a1', name: 'like', payload: { n: 1 }, label: 'Like', tooltip: '', icon: null, forId: 'm1' });
  });

  it('404s for an unknown session or action and without the binding cookie, 422s on a bad body', async () => {
    const noSession = await post({ sessionId: 'nope', action: action('like') });
    expect(noSession.status).to.equal(404);
    expect(await detail(noSession)).to.equal('Session not found');
    const noCallback = await post({ sessionId: ANON, action: action('dislike') });
    expect(noCallback.status).to.equal(404);
    expect(await detail(noCallback)).to.equal('No callback found for action dislike');
    const notOwner = await post({ sessionId: BOUND, action: action('like') });
    expect(notOwner.status).to.equal(404);
    expect(await detail(notOwner)).to.equal('Session not found');
    const bad = await post({ sessionId: ANON });
    expect(bad.status).to.equal(422);
    expect(fx.actionCalls).to.have.length(1);
  });
});

describe('local file storage', () => {
  it('stores by session, refuses unsafe ids and paths outside, and deletes a session folder', async () => {
    const dir = await tempTree({ 'outside.txt': 'nope' }, 'crt-store-');
    const storage = createLocalStorage(`${dir}/files`);
    const stored = await storage.put('sess-1', 'file-1', Buffer.from('abc'), { name: 'x', mime: 'application/json' });
    expect(stored).to.deep.equal({ path: `${dir}/files/sess-1/file-1.json`, size: 3 });
    let text = '';
    for await (const chunk of await storage.read(stored.path)) text += String(chunk);
    expect(text).to.equal('abc');

    for (const [sid, fid] of [['../x', 'f'], ['s', '../../outside'], ['s/t', 'f'], ['', 'f']] as const) {
      const err = await storage.put(sid, fid, Buffer.from('x'), { name: 'x', mime: 'text/plain' }).then(() => null, (e: unknown) => e);
      expect(err, `${sid}/${fid}`).to.be.instanceOf(ChainlitRtError);
    }
    const outside = await storage.read(`${dir}/outside.txt`).then(() => null, (e: unknown) => e);
    expect((outside as HttpError).status).to.equal(404);

    await storage.deleteSession('sess-1');
    const gone = await readdir(`${dir}/files`);
    expect(gone).to.deep.equal([]);
  });
});
