import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { readWireSchemas, renderWireTypes } from '../../../scripts/wire-types.js';
import { REPO } from '../docs/support.js';

/**
 * A wrong event or payload is a compile error where it matters: in the runtime's emitter and
 * typed Socket.IO server, in the UI's socket and session; and a change of a wire schema
 * reaches both sides through the generated file. TypeScript 7 has no in-process compiler API,
 * so fixtures are written to a temp folder and checked by the repo's own `tsc` (one run).
 *
 * A line ending in `// ✗` must have a diagnostic; every other line of the fixtures must not.
 */

/** Against the real runtime modules. */
function serverFixture(runtime: string): string {
  return `import type { SessionOutput } from '${runtime}/session/output.js';
import type { WireServer, WireSocket } from '${runtime}/realtime/wire-io.js';
import type { StepDict } from '${runtime}/wire.js';
import { emitterStub } from './stub.js';

declare const io: WireServer;
declare const socket: WireSocket;
declare const step: StepDict;
const out: SessionOutput = emitterStub();

out.emit('new_message', step);
out.emit('toast', { message: 'hi', type: 'info' });
out.emit('task_end', {});
out.emit('set_modes', [{ id: 'm', name: 'Mode', options: [{ id: 'o', name: 'O', default: true }] }]);
void out.emitWithAck('ask', { msg: step, spec: { type: 'text', step_id: step.id, timeout: 60 } }, 60).then((answer) => answer);
io.emit('reload', {});
io.to('room').emit('stream_token', { id: step.id, token: 'a', isSequence: false, isInput: false });
socket.on('client_message', (payload) => payload.message.output.toUpperCase());
socket.on('stop', () => undefined);

out.emit('toast', { message: 'hi', type: 'loud' }); // ✗
out.emit('new_message', { id: 'x', output: 'partial' }); // ✗
out.emit('no_such_event', {}); // ✗
out.emit('ask', { msg: step, spec: { type: 'text', step_id: 'q', timeout: 60 } }); // ✗
out.emit('task_start'); // ✗
out.emit('task_start', { busy: true }); // ✗
out.emit('set_modes', [{ id: 'm', name: 'Mode', options: [{ id: 'o', name: 'O' }] }]); // ✗
void out.emitWithAck('call_fn', { name: 'f' }, 10); // ✗
void out.emitWithAck('toast', { message: 'hi', type: 'info' }, 10); // ✗
io.emit('update_message', 'text'); // ✗
io.to('room').emit('stream_token', { id: 'x', token: 't' }); // ✗
socket.emit('first_interaction', { interaction: 'hi' }); // ✗
socket.on('edit_message', (payload: { message: { id: number } }) => payload); // ✗
socket.on('client_message', (payload) => payload.message.content); // ✗
`;
}

function stubFixture(runtime: string): string {
  return `import type { SessionOutput } from '${runtime}/session/output.js';
export function emitterStub(): SessionOutput {
  throw new Error('types only');
}
`;
}

/** Against the real UI client. */
function clientFixture(client: string): string {
  return `import type { Socket } from 'socket.io-client';
import type { ChatSession } from '${client}/session.js';
import type { ClientToServerEvents, IStep, ServerToClientEvents } from '${client}/types.js';

declare const socket: Socket<ServerToClientEvents, ClientToServerEvents>;
declare const session: ChatSession;
declare const mine: IStep;

socket.on('new_message', (m) => m.output.length);
socket.on('ask', (p, ack) => ack({ id: p.spec.step_id, output: 'answer' }));
socket.on('call_fn', (p, ack) => ack({ called: p.name }));
socket.emit('client_message', { message: mine, fileReferences: [] });
socket.emit('stop');
session.answerAsk([{ id: 'file' }]);
session.answerAsk({ submitted: false });
session.emit('chat_settings_change', { temperature: 1 });

socket.on('new_message', (m: { output: number }) => m); // ✗
socket.on('ask', (p, ack) => ack(42)); // ✗
socket.on('toast', (p) => p.kind); // ✗
socket.on('no_such_event', () => undefined); // ✗
socket.emit('client_message', { message: { output: 'no id' } }); // ✗
socket.emit('stop', {}); // ✗
socket.emit('chat_settings_change'); // ✗
session.answerAsk(42); // ✗
session.emit('edit_message', { message: { id: 1, output: 'x' } }); // ✗
`;
}

/** A Socket.IO server typed by a generated file next to it (the one built from a changed schema). */
const MIRROR_SERVER = `import { Server } from 'socket.io';
import type { ClientToServerEvents, ServerToClientEvents, StepDict } from './schemas/wire/wire.gen.js';

const io = new Server<ClientToServerEvents, ServerToClientEvents>();
const step: StepDict = { id: 's', threadId: '', parentId: null, name: 'Assistant', type: 'assistant_message', output: 'hi', createdAt: null, start: null, end: null, streaming: false, metadata: {}, tags: null, language: null };
io.emit('new_message', step);
io.on('connection', (socket) => socket.on('client_message', (payload) => payload.message.output));
`;

interface Diagnostic {
  file: string;
  line: number;
  text: string;
}

function marked(text: string): number[] {
  return text.split('\n').flatMap((l, i) => (l.trimEnd().endsWith('// ✗') ? [i + 1] : []));
}

describe('wire: a change of the wire is a compile error where it matters', () => {
  let dir = '';
  after(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('rejects wrong events and payloads on both sides, and a renamed schema field breaks both', async function () {
    this.timeout(120_000);
    mkdirSync(join(REPO, 'test', '.tmp'), { recursive: true });
    dir = mkdtempSync(join(REPO, 'test', '.tmp', 'wire-compile-'));
    const rel = (path: string) => relative(dir, join(REPO, path)).split('\\').join('/');
    const fixtures: Record<string, string> = {
      'server.ts': serverFixture(rel('runtime')),
      'stub.ts': stubFixture(rel('runtime')),
      'client.ts': clientFixture(rel('ui/src/client')),
    };
    for (const [name, text] of Object.entries(fixtures)) writeFileSync(join(dir, name), text);

    // The mirror: a copy of the UI client and a typed server, over types generated from a
    // schema in which a step's `output` is called `content`.
    const changed = readWireSchemas();
    const defs = changed['shapes.schema.json']!.definitions as Record<string, { properties: Record<string, unknown>; required: string[] }>;
    for (const def of [defs.step!, defs.user_step!]) {
      def.properties.content = def.properties.output;
      delete def.properties.output;
      def.required = def.required.map((k) => (k === 'output' ? 'content' : k));
    }
    const mirror = join(dir, 'mirror');
    mkdirSync(join(mirror, 'schemas', 'wire'), { recursive: true });
    mkdirSync(join(mirror, 'ui', 'src', 'client'), { recursive: true });
    writeFileSync(join(mirror, 'schemas', 'wire', 'wire.gen.ts'), await renderWireTypes(changed));
    for (const name of readdirSync(join(REPO, 'ui', 'src', 'client')).filter((n) => n.endsWith('.ts'))) {
      copyFileSync(join(REPO, 'ui', 'src', 'client', name), join(mirror, 'ui', 'src', 'client', name));
    }
    writeFileSync(join(mirror, 'server.ts'), MIRROR_SERVER);

    writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({
      extends: join(REPO, 'tsconfig.json'),
      compilerOptions: { noEmit: true, types: ['node'] },
      include: ['*.ts', 'mirror/**/*.ts'],
      exclude: [],
    }, null, 2));

    const tsc = spawnSync(process.execPath, [join(REPO, 'node_modules/typescript/bin/tsc'), '-p', join(dir, 'tsconfig.json'), '--pretty', 'false'], { cwd: REPO, encoding: 'utf8', timeout: 110_000 });
    const output = `${tsc.stdout}${tsc.stderr}`;
    expect(tsc.error, String(tsc.error)).to.equal(undefined);
    const lines = output.split('\n').filter((l) => /error TS\d+/.test(l));
    const unplaced = lines.filter((l) => !/^\S.*\(\d+,\d+\): error/.test(l));
    expect(unplaced, `tsc could not run the check:\n${unplaced.join('\n')}`).to.deep.equal([]);
    const diagnostics: Diagnostic[] = lines.map((l) => {
      const [, file, line, text] = /^(.*)\((\d+),\d+\): (.*)$/.exec(l)!;
      return { file: relative(dir, resolve(REPO, file!)).split('\\').join('/'), line: Number(line), text: text! };
    });
    const linesOf = (file: string) => [...new Set(diagnostics.filter((d) => d.file === file).map((d) => d.line))].sort((a, b) => a - b);

    // Wrong events and payloads, against the real runtime and UI client; nothing else errs.
    expect(linesOf('server.ts'), output).to.deep.equal(marked(fixtures['server.ts']!));
    expect(linesOf('client.ts'), output).to.deep.equal(marked(fixtures['client.ts']!));
    expect(diagnostics.filter((d) => !d.file.startsWith('mirror/') && d.file !== 'server.ts' && d.file !== 'client.ts'), output).to.deep.equal([]);

    // The renamed field: the typed server and the UI client no longer compile where they use it.
    expect(linesOf('mirror/server.ts'), output).to.deep.equal([5, 7]);
    const uiFiles = new Set(diagnostics.filter((d) => d.file.startsWith('mirror/ui/')).map((d) => d.file));
    expect([...uiFiles].sort(), output).to.include.members(['mirror/ui/src/client/session.ts', 'mirror/ui/src/client/types.ts']);
    expect(diagnostics.some((d) => d.file === 'mirror/ui/src/client/types.ts' && d.text.includes('"output"')), output).to.equal(true);
  });
});
