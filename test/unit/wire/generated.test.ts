import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import { WIRE_TYPES_FILE, readWireSchemas, renderWireTypes } from '../../../scripts/wire-types.js';
import { CLIENT_EVENT_CHECKS, isPayload, payloadProblem, type PayloadKind } from '../../../runtime/realtime/validate.js';

type SchemaNode = Record<string, unknown>;

const schemas = readWireSchemas();
const client = schemas['client-events.schema.json']!;
const server = schemas['server-events.schema.json']!;

function properties(schema: SchemaNode): Record<string, SchemaNode> {
  return schema.properties as Record<string, SchemaNode>;
}

/** Names of the interface's members in the generated file, in order. */
function members(text: string, name: string): string[] {
  const body = new RegExp(`export interface ${name} \\{\\n([\\s\\S]*?)\\n\\}`).exec(text)?.[1] ?? '';
  return [...body.matchAll(/^ {2}(\w+): /gm)].map((m) => m[1]!);
}

describe('wire: schemas and generated types', () => {
  it('wire.gen.ts matches the schemas (run `npx tsx scripts/gen-types.ts`)', async () => {
    expect(readFileSync(WIRE_TYPES_FILE, 'utf8') === (await renderWireTypes()), 'schemas/wire/wire.gen.ts is stale').to.equal(true);
  });

  it('has one event-map entry per event of each schema, with acks where the schema gives one', () => {
    const text = readFileSync(WIRE_TYPES_FILE, 'utf8');
    expect(members(text, 'ServerToClientEvents')).to.deep.equal(Object.keys(properties(server)));
    expect(members(text, 'ClientToServerEvents')).to.deep.equal(Object.keys(properties(client)));
    expect(text).to.include("ask: (payload: ServerToClientPayloads['ask'], ack: (answer: ServerToClientAcks['ask']) => void) => void;");
    expect(text).to.include("call_fn: (payload: ServerToClientPayloads['call_fn'], ack: (answer: ServerToClientAcks['call_fn']) => void) => void;");
    expect(text).to.include('stop: () => void;');
    // Shared shapes keep their titles as type names.
    for (const name of ['StepDict', 'ElementDict', 'ActionDict', 'AskSpec', 'CommandDict', 'ModeDict', 'InputWidgetDict', 'ThreadDict', 'UserStepDict']) {
      expect(text).to.match(new RegExp(`export (interface|type) ${name}\\b`));
    }
  });

  it('changing a schema changes the generated types', async () => {
    const changed = structuredClone(schemas);
    const toast = (changed['server-events.schema.json']!.definitions as Record<string, SchemaNode>).toast!;
    (toast.properties as Record<string, SchemaNode>).message = { type: 'number' };
    const text = await renderWireTypes(changed);
    expect(text).to.match(/export interface ToastPayload \{\n {2}message: number;/);
    expect(await renderWireTypes(schemas)).to.match(/export interface ToastPayload \{\n {2}message: string;/);
  });
});

describe('wire: inbound payloads are checked against the schemas the types come from', () => {
  it('each client event is checked against the definition its schema property refers to', () => {
    const expected: Record<string, string | null> = {};
    for (const [event, payload] of Object.entries(properties(client))) {
      const ref = typeof payload.$ref === 'string' ? /^#\/definitions\/(\w+)$/.exec(payload.$ref)?.[1] : undefined;
      expected[event] = ref ?? null;
    }
    expect(CLIENT_EVENT_CHECKS).to.deep.equal(expected);
  });

  it('accepts what the types describe and refuses what they do not', () => {
    const message = { id: '0b5d6a3e-4f1c-4c2b-9d7e-1a2b3c4d5e6f', output: 'hello', name: 'User', type: 'user_message', metadata: { location: 'x' } };
    const cases: Array<[PayloadKind, unknown, string | null]> = [
      ['client_message', { message, fileReferences: [{ id: 'f' }] }, null],
      ['client_message', { message: { ...message, output: 5 } }, 'client_message/message/output must be string'],
      ['client_message', { message, fileReferences: [{}] }, "client_message/fileReferences/0 must have required property 'id'"],
      ['edit_message', { message: { output: 'x' } }, "edit_message/message must have required property 'id'"],
      ['settings', { temperature: 1 }, null],
      ['audio_chunk', { isStart: true }, "audio_chunk must have required property 'data'"],
      ['handshake', { sessionId: 'a b', clientType: 'webapp' }, 'handshake/sessionId must match pattern "^[A-Za-z0-9_-]+$"'],
      ['user_step', message, null],
      ['user_step', { ...message, metadata: 'x' }, 'user_step/metadata must be object,null'],
    ];
    for (const [kind, payload, problem] of cases) {
      expect(payloadProblem(kind, payload), `${kind} ${JSON.stringify(payload)}`).to.equal(problem);
      expect(isPayload(kind, payload)).to.equal(problem === null);
    }
  });

});
