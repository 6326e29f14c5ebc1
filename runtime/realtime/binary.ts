/**
 * Binary payloads (audio PCM) after a trip through JSON: events relayed between instances
 * and replay logs kept in Redis are JSON, where a Buffer becomes `{type: 'Buffer', data:
 * [bytes]}`. Socket.IO only sends a Buffer as binary, and clients need binary.
 */

/** The bytes of a binary value, whether it is still binary or came back from JSON; null for anything else. */
export function binaryData(data: unknown): Buffer | null {
  if (Buffer.isBuffer(data)) return data;
  if (data instanceof ArrayBuffer) return Buffer.from(data);
  if (ArrayBuffer.isView(data)) return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  const json = data as { type?: unknown; data?: unknown } | null;
  if (json && typeof json === 'object' && json.type === 'Buffer' && Array.isArray(json.data) && json.data.every((b) => Number.isInteger(b) && b >= 0 && b <= 255)) {
    return Buffer.from(json.data as number[]);
  }
  return null;
}

/** An event's payload ready for Socket.IO: `audio_chunk`'s `data` is made binary again. */
export function revive(event: string, payload: unknown): unknown {
  if (event !== 'audio_chunk' || !payload || typeof payload !== 'object') return payload;
  const chunk = payload as { data?: unknown };
  if (Buffer.isBuffer(chunk.data)) return payload;
  const data = binaryData(chunk.data);
  return data ? { ...chunk, data } : payload;
}
