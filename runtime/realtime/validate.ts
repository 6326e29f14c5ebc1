import { readFileSync } from 'node:fs';
import { Ajv, type ValidateFunction } from 'ajv';
import { packagePath } from '../paths.js';

export type PayloadKind = 'handshake' | 'client_message' | 'edit_message' | 'settings' | 'audio_chunk' | 'message_favorite';

const schema = JSON.parse(readFileSync(packagePath('schemas', 'wire', 'client-events.schema.json'), 'utf8')) as { $id: string };
const ajv = new Ajv({ allErrors: false, strict: false });
ajv.addSchema(schema);
const validators = new Map<PayloadKind, ValidateFunction>();

/** Checks an inbound payload; returns a reason when it is malformed, null when it is fine. */
export function payloadProblem(kind: PayloadKind, payload: unknown): string | null {
  let validate = validators.get(kind);
  if (!validate) {
    validate = ajv.getSchema(`${schema.$id}#/definitions/${kind}`)!;
    validators.set(kind, validate);
  }
  if (validate(payload)) return null;
  const [first] = validate.errors ?? [];
  return first ? `${kind}${first.instancePath || ''} ${first.message ?? 'is invalid'}` : `${kind} is invalid`;
}
