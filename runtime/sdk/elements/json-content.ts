import { ChainlitRtError } from '../../errors.js';

/** JSON text of element content; bigint becomes a string, non-finite numbers null (as JSON does). */
export function jsonText(value: unknown, what: string): string {
  try {
    return JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? v.toString() : v)) ?? 'null';
  } catch (err) {
    throw new ChainlitRtError('CRT_ELEMENT_INVALID', `${what} is not JSON-serialisable: ${(err as Error).message}`, { expose: true, cause: err });
  }
}
