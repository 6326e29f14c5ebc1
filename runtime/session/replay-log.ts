/**
 * What a session was sent, kept so a client that reconnects receives what it missed: in
 * order, without duplicates. Each event gets an offset; Socket.IO clients (4.6+) keep the
 * last offset they received when the server gives them a private id (`pid`) at connect,
 * and send it back in the handshake of their next connection (`auth.offset`).
 *
 * Offsets are `<writer>.<n>`: the writer is one live copy of the session (an instance
 * incarnation), `n` counts its events. The log is bounded by a number of entries; the
 * tokens of one stream are kept as one entry (their pieces), so a long answer costs about
 * its text, not an entry per token.
 */

/** One entry: events n0..n1 of a writer. Several only for consecutive tokens of one stream. */
export interface LogEntry {
  w: string;
  n0: number;
  n1: number;
  event: string;
  payload: unknown;
  /** The tokens of a coalesced `stream_token` run, one per offset. */
  pieces?: string[];
}

/** An event to send again: [offset, event, payload]. */
export type Replayed = [offset: string, event: string, payload: unknown];

export interface ReplayResult {
  events: Replayed[];
  /** The client's offset was not (or no longer) in the log: it may have missed more. */
  gap: boolean;
}

interface TokenPayload {
  id: string;
  token: string;
  isSequence: boolean;
  isInput: boolean;
}

function parseOffset(offset: string): { w: string; n: number } | null {
  const dot = offset.lastIndexOf('.');
  if (dot <= 0) return null;
  const n = Number(offset.slice(dot + 1));
  return Number.isSafeInteger(n) ? { w: offset.slice(0, dot), n } : null;
}

/** The events of entries, from event `fromN` of the first one on. */
function expand(entries: readonly LogEntry[], fromN?: number): Replayed[] {
  const out: Replayed[] = [];
  entries.forEach((entry, i) => {
    const start = i === 0 && fromN !== undefined ? fromN : entry.n0;
    if (!entry.pieces) {
      out.push([`${entry.w}.${entry.n1}`, entry.event, entry.payload]);
      return;
    }
    const token = entry.pieces.slice(start - entry.n0).join('');
    out.push([`${entry.w}.${entry.n1}`, entry.event, { ...(entry.payload as TokenPayload), token }]);
  });
  return out;
}

/**
 * The events logged after `offset`, in log order. When the offset is not in the log:
 * older than what is kept → everything kept, with `gap`; newer than anything its writer
 * logged (that writer died before logging it) → what others logged after that writer's
 * last entry, with `gap`; a writer the log does not know → nothing, with `gap`.
 */
export function eventsAfter(log: readonly LogEntry[], offset: string | null | undefined): ReplayResult {
  if (!offset) return { events: [], gap: false };
  const wanted = parseOffset(offset);
  if (!wanted) return { events: [], gap: true };
  let first = -1;
  let last = -1;
  for (let i = 0; i < log.length; i += 1) {
    const entry = log[i]!;
    if (entry.w !== wanted.w) continue;
    if (entry.n0 <= wanted.n && wanted.n <= entry.n1) {
      // Inside a run of tokens: the rest of the run, then everything after it.
      if (wanted.n < entry.n1) return { events: expand(log.slice(i), wanted.n + 1), gap: false };
      return { events: expand(log.slice(i + 1)), gap: false };
    }
    if (first < 0) first = i;
    last = i;
  }
  if (first < 0) return { events: [], gap: true };
  if (wanted.n < log[first]!.n0) return { events: expand(log), gap: true };
  return { events: expand(log.slice(last + 1)), gap: true };
}

/** The in-process log of one live session: a bounded list of entries. */
export class ReplayLog {
  private readonly entries: LogEntry[] = [];
  private n = 0;
  readonly writer: string = crypto.randomUUID().slice(0, 8);

  constructor(private readonly capacity: number) {}

  /** Logs an event and returns its offset. */
  append(event: string, payload: unknown): string {
    const n = (this.n += 1);
    const tail = this.entries.at(-1);
    if (event === 'stream_token' && tail?.pieces && tail.n1 === n - 1 && sameRun(tail.payload as TokenPayload, payload as TokenPayload)) {
      tail.pieces.push((payload as TokenPayload).token);
      tail.n1 = n;
    } else {
      const run = event === 'stream_token' && !(payload as TokenPayload).isSequence;
      this.entries.push(run ? { w: this.writer, n0: n, n1: n, event, payload, pieces: [(payload as TokenPayload).token] } : { w: this.writer, n0: n, n1: n, event, payload });
      // Trim in chunks, not one shift per event.
      if (this.entries.length > this.capacity + 64) this.entries.splice(0, this.entries.length - this.capacity);
    }
    return `${this.writer}.${n}`;
  }

  after(offset: string | null | undefined): ReplayResult {
    return eventsAfter(this.entries.length > this.capacity ? this.entries.slice(-this.capacity) : this.entries, offset);
  }

  /**
   * This writer's events from `n` on, as entries (for the shared store): a run of tokens
   * that began before `n` is cut there, so each token is written once however long the
   * run grows.
   */
  since(n: number): LogEntry[] {
    const at = this.entries.findIndex((e) => e.w === this.writer && e.n1 >= n);
    if (at < 0) return [];
    // Copies: a run still growing must not change what was handed out.
    return this.entries.slice(at).map((e) => (e.pieces ? { ...e, n0: Math.max(e.n0, n), pieces: e.pieces.slice(Math.max(0, n - e.n0)) } : e));
  }

  /** The last event number of this writer. */
  get count(): number {
    return this.n;
  }

  /** Takes over what a previous live copy logged (restored from the shared store). */
  seed(entries: readonly LogEntry[]): void {
    this.entries.unshift(...entries.slice(-this.capacity));
  }
}

function sameRun(a: TokenPayload, b: TokenPayload): boolean {
  return a.id === b.id && !b.isSequence && a.isInput === b.isInput;
}
