/**
 * JSON shapes exchanged with Chainlit clients (PROTOCOL.md §5). They are generated from
 * schemas/wire/*.schema.json into schemas/wire/wire.gen.ts, which the UI imports too: change
 * the schema and run `npx tsx scripts/gen-types.ts`. Keys keep the wire's case exactly:
 * camelCase on steps/elements/threads, snake_case inside specs and config.
 */
export type * from '../schemas/wire/wire.gen.js';

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

/** Uploaded-file record kept per session (PROTOCOL.md §5.7); on the wire only its id travels. */
export interface FileRecord {
  id: string;
  name: string;
  path: string;
  size: number;
  type: string;
}

/** Server-side time stamp, ISO-8601 UTC with Z. */
export function utcNow(): string {
  return new Date().toISOString();
}
