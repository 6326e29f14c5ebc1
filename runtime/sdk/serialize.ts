/** Step input/output as Chainlit shows them: objects as 4-space JSON, bytes stripped. */
export function stringifyValue(value: unknown): { text: string; isJson: boolean } {
  if (value === undefined || value === null) return { text: '', isJson: false };
  if (typeof value === 'string') return { text: value, isJson: false };
  if (Buffer.isBuffer(value) || value instanceof Uint8Array) return { text: 'STRIPPED_BINARY_DATA', isJson: false };
  try {
    return { text: JSON.stringify(value, (_k, v: unknown) => (Buffer.isBuffer(v) || v instanceof Uint8Array ? 'STRIPPED_BINARY_DATA' : v), 4), isJson: true };
  } catch {
    return { text: String(value), isJson: false };
  }
}
