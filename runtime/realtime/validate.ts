import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Ajv, ValidateFunction } from 'ajv';
import { packagePath } from '../paths.js';
import type {
  AudioChunkPayload,
  ClientMessagePayload,
  ClientToServerEvents,
  ClientToServerPayloads,
  EditMessagePayload,
  HandshakeAuth,
  MessageFavoritePayload,
  UserStepDict,
} from '../wire.js';

/** What each checked payload is once it passed: the generated type of the schema it is checked against. */
interface Checked {
  handshake: HandshakeAuth;
  client_message: ClientMessagePayload;
  edit_message: EditMessagePayload;
  settings: ClientToServerPayloads['chat_settings_change'];
  audio_chunk: AudioChunkPayload;
  message_favorite: MessageFavoritePayload;
  /** The answer to a text ask: a user message, like the one in `client_message`. */
  user_step: UserStepDict;
}

export type PayloadKind = keyof Checked;

const SCHEMA_OF: Record<PayloadKind, string> = {
  handshake: 'client-events.schema.json#/definitions/handshake',
  client_message: 'client-events.schema.json#/definitions/client_message',
  edit_message: 'client-events.schema.json#/definitions/edit_message',
  settings: 'client-events.schema.json#/definitions/settings',
  audio_chunk: 'client-events.schema.json#/definitions/audio_chunk',
  message_favorite: 'client-events.schema.json#/definitions/message_favorite',
  user_step: 'shapes.schema.json#/definitions/user_step',
};

function wireSchema(file: string): { $id: string } {
  return JSON.parse(readFileSync(packagePath('schemas', 'wire', file), 'utf8')) as { $id: string };
}

// The same schemas the wire types are generated from (schemas/wire/wire.gen.ts): what the
// types promise about an inbound payload is what is checked here. Set up on the first
// inbound payload, not at start-up (ajv and the schemas cost start-up time); synchronous,
// since every check is.
let wire: { ajv: Ajv; base: string } | undefined;

function wireAjv(): { ajv: Ajv; base: string } {
  if (wire) return wire;
  const { Ajv: AjvClass } = createRequire(import.meta.url)('ajv') as typeof import('ajv');
  const shapes = wireSchema('shapes.schema.json');
  // Not strict: the schemas carry the generator's `tsType` keyword.
  const ajv = new AjvClass({ allErrors: false, strict: false });
  ajv.addSchema(shapes);
  ajv.addSchema(wireSchema('client-events.schema.json'));
  wire = { ajv, base: shapes.$id.slice(0, shapes.$id.lastIndexOf('/') + 1) };
  return wire;
}

/** Ajv compiles each schema once and keeps it under its ref. */
function validator<K extends PayloadKind>(kind: K): ValidateFunction<Checked[K]> {
  const { ajv, base } = wireAjv();
  const validate = ajv.getSchema<Checked[K]>(`${base}${SCHEMA_OF[kind]}`);
  if (!validate) throw new Error(`no wire schema for ${kind}`);
  return validate;
}

/** Checks an inbound payload; returns a reason when it is malformed, null when it is fine. */
export function payloadProblem(kind: PayloadKind, payload: unknown): string | null {
  const validate = validator(kind);
  if (validate(payload)) return null;
  const [first] = validate.errors ?? [];
  return first ? `${kind}${first.instancePath || ''} ${first.message ?? 'is invalid'}` : `${kind} is invalid`;
}

/** Whether a payload fits its schema, narrowing it to the generated type. */
export function isPayload<K extends PayloadKind>(kind: K, payload: unknown): payload is Checked[K] {
  return validator(kind)(payload);
}

/**
 * The schema definition each client event's payload is checked against (null: nothing to
 * check). Every event of the wire is listed, so a client event added to the schema does not
 * compile until it is decided here.
 */
export const CLIENT_EVENT_CHECKS: { readonly [E in keyof ClientToServerEvents]: PayloadKind | null } = {
  connection_successful: null,
  client_message: 'client_message',
  edit_message: 'edit_message',
  stop: null,
  clear_session: null,
  window_message: null,
  chat_settings_change: 'settings',
  chat_settings_edit: 'settings',
  audio_start: null,
  audio_chunk: 'audio_chunk',
  audio_end: null,
  fetch_favorites: null,
  message_favorite: 'message_favorite',
};
