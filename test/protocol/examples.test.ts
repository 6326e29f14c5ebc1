import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadManifest } from '../../runtime/manifest/index.js';
import { connectClient, type TestClient } from '../support/client.js';
import { REPO, startServer, type TestServer } from '../support/server.js';

/*
 * Every runnable example under manifests/ (found at run time, so a new example is covered
 * without touching this file) must load, start, and get through its chat start without an
 * error message; the ones listed in SCRIPTS also play a short conversation.
 */

const MANIFESTS = readdirSync(join(REPO, 'manifests')).filter((f) => /\.ya?ml$/.test(f)).sort();

interface Msg { id: string; type: string; name: string; output: string; isError?: boolean; waitForAnswer?: boolean; parentId: string | null }
interface Ask { msg: Msg; spec: { type: string } & Record<string, unknown> }
interface Upload { name: string; content: string; type: string }
interface Io { client: TestClient; upload(file: Upload, askParentId?: string): Promise<string> }
interface StarterDict { label: string; message: string; command: string | null; icon: string | null }
interface Settings {
  ui: Record<string, unknown>;
  features: Record<string, unknown>;
  chatProfiles: Array<{ name: string; display_name: string | null; markdown_description: string; icon: string | null; default: boolean; starters: StarterDict[] | null }>;
  starters: StarterDict[];
  starterCategories: Array<{ label: string; icon: string | null; starters: StarterDict[] }>;
}

interface Turn {
  /** A user message (with `command` selected and `files` attached, when given)... */
  send?: string;
  command?: string;
  files?: Upload[];
  /** ...or a raw client event. */
  emit?: { event: string; payload: unknown };
  /** A substring of a message the app sends in answer. */
  expect: string;
}

interface Script {
  chatProfile?: string;
  /** Environment of the app (e.g. the auth secret), over process.env. */
  env?: Record<string, string>;
  /** Logs in with POST /login first; the socket then carries the login cookie. */
  login?: { username: string; password: string };
  /** Answers `ask` events (default: a text ask gets "Ada", others time out). */
  answer?(ask: Ask, io: Io): unknown;
  /** Answers `call_fn` events. */
  callFn?(call: { name: string; args: Record<string, unknown> }): unknown;
  /** Checked against GET /project/settings?<query>. */
  settings?: { query: string; check(body: Settings): void };
  turns: Turn[];
  /** Extra checks on everything the client received. */
  after?(client: TestClient): void;
}

const textAnswer = (output: string) => ({ id: randomUUID(), output, name: 'User', type: 'user_message', createdAt: new Date().toISOString() });

const SCRIPTS: Record<string, Script> = {
  'app.yaml': { turns: [{ send: 'hello world', expect: 'You asked: **hello world**' }] },
  'mcp.yaml': { turns: [{ send: 'add 2 3', expect: '2 + 3 = 5' }, { send: 'tools', expect: '**calculator** (stdio): `add`, `greet`' }] },
  'auth.yaml': {
    env: { CHAINLIT_AUTH_SECRET: 'examples-test-secret-0123456789abcdef' },
    login: { username: 'alice', password: 'wonderland' },
    settings: { query: 'language=en-US', check: (body) => expect(body.starters.map((s) => s.label)).to.deep.equal(['Who am I?', 'Admin tips']) },
    turns: [{ send: 'Who am I?', expect: 'You are **alice**, logged in with credentials.' }],
    after: (client) => expect(outputs(client)).to.include('Welcome, Alice (admin).'),
  },
  'hello.yaml': {
    turns: [{ send: 'hi', expect: 'You said: hi' }],
    after: (client) => expect(outputs(client)).to.include('Hello Ada! Nice to meet you.'),
  },
  'ask.yaml': {
    async answer(ask, io) {
      if (ask.spec.type === 'text') return textAnswer('Ada');
      if (ask.spec.type === 'file') return [{ id: await io.upload({ name: 'notes.txt', content: 'first\nsecond', type: 'text/plain' }, String(ask.msg.parentId)) }];
      return io.client.of<{ forId: string; name: string }>('action').find((a) => a.forId === ask.msg.id && a.name === 'coffee');
    },
    turns: [
      { send: 'name', expect: 'Nice to meet you, Ada!' },
      { send: 'file', expect: '- **notes.txt** (text/plain, 12 bytes): 2 line(s)' },
      { send: 'choice', expect: 'One coffee coming up.' },
    ],
    after(client) {
      const specs = client.of<Ask>('ask').map((a) => a.spec);
      expect(specs.map((s) => s.type)).to.deep.equal(['text', 'file', 'action']);
      expect(specs[1]).to.deep.include({ accept: { 'text/plain': ['.txt', '.md'], 'text/csv': ['.csv'] }, max_size_mb: 1, max_files: 2 });
    },
  },
  'chat-settings.yaml': {
    turns: [
      { send: 'settings', expect: '"model": "gpt-4o-mini"' },
      { emit: { event: 'chat_settings_change', payload: { temperature: 1.2, tone: 'formal' } }, expect: 'Settings updated: temperature = 1.2, tone = "formal"' },
      { send: 'settings', expect: '"tone": "formal"' },
      { send: 'image', expect: '"size": "512x512"' },
    ],
    after(client) {
      const [manifestPanel, codePanel] = client.of<Array<{ type: string }>>('chat_settings');
      const everyType = ['select', 'radio', 'multiselect', 'slider', 'switch', 'checkbox', 'tags', 'textinput', 'numberinput', 'datepicker'];
      expect(manifestPanel!.map((w) => w.type)).to.deep.equal(everyType);
      expect(codePanel!.map((w) => w.type)).to.deep.equal(everyType);
    },
  },
  'profiles.yaml': {
    chatProfile: 'Pirate',
    settings: {
      query: 'chat_profile=Analyst',
      check(body) {
        expect(body.chatProfiles.map((p) => [p.name, p.icon, p.default])).to.deep.equal([
          ['Assistant', '/public/icons/sparkles.svg', true], ['Analyst', '/public/icons/chart.svg', false], ['Pirate', '/public/icons/anchor.svg', false],
        ]);
        expect(body.starters.map((s) => s.label)).to.deep.equal(['Analyse a sentence']);
        expect(body.ui.name).to.equal('Analyst');
        expect(body.features.spontaneous_file_upload).to.deep.include({ accept: ['text/csv'], max_files: 1 });
        expect(JSON.stringify(body)).to.not.contain('Black Pearl');
      },
    },
    turns: [{ send: 'hello', expect: 'Ahoy, matey! Ye said: hello' }],
    after(client) {
      expect(outputs(client)).to.include('Ahoy! Welcome aboard The Black Pearl.');
      expect(client.of<Msg>('new_message').find((m) => m.output.startsWith('Ahoy, matey'))!.name).to.equal('Captain');
    },
  },
  'profiles-dynamic.yaml': {
    chatProfile: 'detailed',
    settings: {
      query: 'language=fr-FR',
      check(body) {
        expect(body.chatProfiles.map((p) => [p.name, p.display_name])).to.deep.equal([['brief', 'Bref'], ['detailed', 'Détaillé']]);
        expect(body.starters.map((s) => s.label)).to.deep.equal(['Dis bonjour', 'Raconte-moi une blague']);
      },
    },
    turns: [{ send: 'hi', expect: '(en) A detailed answer to "hi"' }],
  },
  'starters.yaml': {
    settings: {
      query: '',
      check(body) {
        expect(body.starters.map((s) => s.command)).to.deep.equal([null, 'translate', 'explain']);
        expect(body.starterCategories.map((c) => [c.label, c.starters.length])).to.deep.equal([['Learn', 2], ['Write', 1]]);
      },
    },
    turns: [
      { send: 'Good morning, how are you?', command: 'translate', expect: 'In French: Bonjour, comment allez-vous ?' },
      { send: 'Tell me a fact about space.', expect: 'You started with: Tell me a fact about space.' },
    ],
  },
  'commands.yaml': {
    turns: [
      { send: 'cats', command: 'search', expect: 'Searching the web for "cats"' },
      { send: 'First one. Second one.', command: 'summarize', expect: 'Summary (2 sentence(s)): First one.' },
      { send: 'more', expect: 'Unlocked **/shout**.' },
      { send: 'hey', command: 'shout', expect: 'HEY!' },
    ],
    after(client) {
      const lists = client.of<Array<{ id: string; button?: boolean; persistent?: boolean }>>('set_commands');
      expect(lists[0]!.map((c) => c.id)).to.deep.equal(['search', 'picture', 'summarize']);
      expect(lists[0]![0]).to.include({ button: true });
      expect(lists[0]![1]).to.include({ persistent: true });
      expect(lists.at(-1)!.map((c) => c.id)).to.include('shout');
    },
  },
  'files.yaml': {
    turns: [{
      send: 'what are these?',
      files: [{ name: 'notes.md', content: '# Title\nbody\n', type: 'text/markdown' }, { name: 'data.json', content: '{"a": 1}', type: 'application/json' }],
      expect: 'You sent 2 file(s):\n- **notes.md** (text/markdown, 13 bytes): 2 line(s), starting with "# Title"\n- **data.json** (application/json, 8 bytes)',
    }],
  },
  'copilot-functions.yaml': {
    callFn: ({ name }) => (name === 'get_page_color' ? 'rgb(255, 255, 255)' : true),
    turns: [
      { send: 'color', expect: 'The host page says its colour is "rgb(255, 255, 255)".' },
      { send: 'paint blue', expect: 'Painted the page blue.' },
      { emit: { event: 'window_message', payload: { type: 'ping' } }, expect: 'The host page sent: {"type":"ping"}' },
      { send: 'hello', expect: 'Sent "hello" to the host page' },
    ],
    after(client) {
      expect(client.of<{ name: string; args: unknown }>('call_fn')).to.deep.equal([
        { name: 'get_page_color', args: { element: 'body' } }, { name: 'set_page_color', args: { color: 'blue' } },
      ]);
      expect(client.of('window_message')).to.deep.equal([{ type: 'echo', text: 'hello' }]);
    },
  },
  'make-async.yaml': {
    turns: [{ send: '200000', expect: 'There are 17,984 primes below 200,000.' }],
    after(client) {
      const answer = client.of<Msg>('new_message').find((m) => m.output.startsWith('There are'))!;
      expect(client.of<Msg>('stream_start').map((m) => m.id)).to.include(answer.id);
    },
  },
};

function outputs(client: TestClient): string[] {
  return client.received.filter((r) => r.event === 'new_message' || r.event === 'update_message').map((r) => (r.payload as Msg).output);
}

function errorsIn(client: TestClient): string[] {
  return client.received.filter((r) => r.event === 'new_message' && (r.payload as Msg).isError).map((r) => (r.payload as Msg).output);
}

/** Waits for a message whose text contains `text`; an error message ends the wait early. */
function replyContaining(client: TestClient, since: number, text: string, timeoutMs = 10_000): Promise<Msg> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const poll = () => {
      const hit = client.received.slice(since).find((r) => {
        if (r.event !== 'new_message' && r.event !== 'update_message') return false;
        const m = r.payload as Msg;
        return m.isError || (m.output.includes(text) && !m.waitForAnswer);
      });
      if (hit) return resolve(hit.payload as Msg);
      if (Date.now() - started > timeoutMs) return reject(new Error(`no message containing ${JSON.stringify(text)}; got: ${JSON.stringify(outputs(client).slice(-5))}`));
      setTimeout(poll, 20);
    };
    poll();
  });
}

async function upload(server: TestServer, client: TestClient, file: Upload, askParentId?: string): Promise<string> {
  const form = new FormData();
  form.append('file', new Blob([file.content], { type: file.type }), file.name);
  const query = new URLSearchParams({ session_id: client.sessionId, ...(askParentId ? { ask_parent_id: askParentId } : {}) });
  const res = await fetch(`${server.url}/project/file?${query}`, { method: 'POST', body: form, headers: { cookie: `chainlit_rt_browser=${client.browserKey}` } });
  if (res.status !== 200) throw new Error(`upload of ${file.name} failed: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { id: string }).id;
}

/** Every `/public/...` icon of profiles, starters and categories. */
function iconsOf(body: Settings): string[] {
  const starters = [...body.starters, ...body.chatProfiles.flatMap((p) => p.starters ?? []), ...body.starterCategories.flatMap((c) => c.starters)];
  const icons = [...body.chatProfiles.map((p) => p.icon), ...body.starterCategories.map((c) => c.icon), ...starters.map((s) => s.icon)];
  return [...new Set(icons.filter((i): i is string => typeof i === 'string' && i.startsWith('/public/')))];
}

describe('example apps (manifests/*.yaml)', () => {
  it('has an example per feature area, and every script names an existing manifest', () => {
    for (const area of ['ask', 'chat-settings', 'profiles', 'profiles-dynamic', 'starters', 'commands', 'files', 'copilot-functions', 'make-async']) {
      expect(MANIFESTS, area).to.include(`${area}.yaml`);
    }
    expect(Object.keys(SCRIPTS).filter((name) => !MANIFESTS.includes(name))).to.deep.equal([]);
  });

  for (const file of MANIFESTS) {
    describe(file, () => {
      const path = join(REPO, 'manifests', file);
      const script = SCRIPTS[file];
      let server: TestServer;
      let client: TestClient | undefined;
      const problems: string[] = [];

      let cookie: string | undefined;
      before(async () => {
        server = await startServer(path, script?.env ? { env: { ...process.env, ...script.env } } : {});
        if (script?.login) {
          const form = new FormData();
          form.set('username', script.login.username);
          form.set('password', script.login.password);
          const res = await fetch(`${server.url}/login`, { method: 'POST', body: form });
          expect(res.status, 'login').to.equal(200);
          cookie = res.headers.getSetCookie().map((l) => l.split(';')[0]!).join('; ');
        }
      });
      after(() => server?.stop());
      afterEach(() => client?.close());

      async function open(): Promise<TestClient> {
        const io: Io = { get client() { return client!; }, upload: (f, parent) => upload(server, client!, f, parent) };
        const answer = script?.answer ?? ((ask: Ask) => (ask.spec.type === 'text' ? textAnswer('Ada') : undefined));
        client = await connectClient(server.url, {
          cookie,
          chatProfile: script?.chatProfile,
          onAsk: (ask) => Promise.resolve(answer(ask as unknown as Ask, io)).catch((err: unknown) => void problems.push(String(err))),
          onCallFn: script?.callFn,
        });
        const profile = script?.chatProfile ?? null;
        if (server.app.services.plugins().has('onChatStart', profile)) {
          await client.waitFor<Msg>('update_message', (m) => m.name === 'on_chat_start', { timeoutMs: 10_000 });
          const at = client.received.findIndex((r) => r.event === 'update_message' && (r.payload as Msg).name === 'on_chat_start');
          await client.waitFor('task_end', () => true, { since: at });
        }
        return client;
      }

      it('validates', async () => {
        const manifest = await loadManifest(path);
        expect(manifest.plugins.length + manifest.config.profiles.length).to.be.greaterThan(0);
        for (const plugin of manifest.plugins) expect(existsSync(plugin.module), plugin.module).to.equal(true);
      });

      it('starts; a client connects and the chat starts without an error message; its icons exist', async () => {
        const c = await open();
        expect(errorsIn(c)).to.deep.equal([]);
        const body = (await (await fetch(`${server.url}/project/settings`, { headers: cookie ? { cookie } : {} })).json()) as Settings;
        for (const icon of iconsOf(body)) expect((await fetch(`${server.url}${icon}`)).status, icon).to.equal(200);
      });

      if (!script) return;

      it('plays its scripted exchange', async () => {
        if (script.settings) {
          const res = await fetch(`${server.url}/project/settings?${script.settings.query}`, { headers: cookie ? { cookie } : {} });
          expect(res.status).to.equal(200);
          script.settings.check((await res.json()) as Settings);
        }
        const c = await open();
        for (const turn of script.turns) {
          const since = c.received.length;
          if (turn.emit) {
            c.socket.emit(turn.emit.event, turn.emit.payload);
          } else {
            const fileReferences = await Promise.all((turn.files ?? []).map(async (f) => ({ id: await upload(server, c, f) })));
            c.socket.emit('client_message', {
              message: { threadId: '', id: randomUUID(), name: 'User', type: 'user_message', output: turn.send ?? '', command: turn.command, createdAt: new Date().toISOString(), metadata: {} },
              fileReferences,
            });
          }
          const reply = await replyContaining(c, since, turn.expect);
          expect(reply.isError, `error message: ${reply.output}; ${problems.join('; ')}`).to.not.equal(true);
          expect(reply.output).to.contain(turn.expect);
        }
        expect(errorsIn(c)).to.deep.equal([]);
        expect(problems).to.deep.equal([]);
        script.after?.(c);
      });
    });
  }
});

describe('user guide (docs/guide)', () => {
  const GUIDE = join(REPO, 'docs', 'guide');
  const pages = readdirSync(GUIDE).filter((f) => f.endsWith('.md')).sort();
  const read = (page: string) => readFileSync(join(GUIDE, page), 'utf8');

  it('has a page per feature area, and README.md links every page', () => {
    for (const page of ['asks.md', 'chat-settings.md', 'profiles.md', 'starters.md', 'commands.md', 'files.md', 'copilot-functions.md', 'make-async.md']) expect(pages).to.include(page);
    const index = read('README.md');
    expect(pages.filter((p) => p !== 'README.md' && !index.includes(`](${p})`))).to.deep.equal([]);
  });

  it('quotes example files verbatim: a ```yaml/```ts block starting with "# from X" / "// from X" appears in X', () => {
    const mismatches: string[] = [];
    const quoted = new Map<string, number>();
    for (const page of pages) {
      for (const [, body] of read(page).matchAll(/```(?:yaml|ts)\n([\s\S]*?)```/g)) {
        const [first, ...rest] = body!.split('\n');
        const source = /^(?:#|\/\/) from (\S+)\s*$/.exec(first!)?.[1];
        if (!source) continue;
        quoted.set(page, (quoted.get(page) ?? 0) + 1);
        const file = join(REPO, source);
        const snippet = rest.join('\n').trimEnd();
        if (!existsSync(file)) mismatches.push(`${page}: ${source} does not exist`);
        else if (!readFileSync(file, 'utf8').includes(snippet)) mismatches.push(`${page}: a snippet is not in ${source}:\n${snippet.split('\n').slice(0, 3).join('\n')}`);
      }
    }
    expect(mismatches, mismatches.join('\n\n')).to.deep.equal([]);
    expect(pages.filter((p) => p !== 'README.md' && !quoted.get(p))).to.deep.equal([]);
  });

  it('every manifest a page tells you to serve exists', () => {
    const named = pages.flatMap((p) => [...read(p).matchAll(/serve (manifests\/[\w.-]+\.yaml)/g)].map((m) => m[1]!));
    expect(named.length).to.be.greaterThan(0);
    expect(named.filter((m) => !existsSync(join(REPO, m)))).to.deep.equal([]);
  });
});
