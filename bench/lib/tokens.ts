/**
 * The streamed text, shared by the chainlit-rt plugin and the bare server so both sides put
 * byte-identical tokens on the wire. Four characters each, like a typical LLM token.
 */
export function tokenAt(i: number): string {
  return ` w${(i % 100).toString().padStart(2, '0')}`.slice(0, 4);
}

/** The user message that asks a server to stream `k` tokens. */
export function streamRequest(k: number): string {
  return `stream ${k}`;
}

export function parseStreamRequest(text: string): number {
  const match = /^stream (\d+)$/.exec(text);
  return match ? Math.min(Number(match[1]), 1_000_000) : 0;
}
