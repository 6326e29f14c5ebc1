/**
 * Collects stream tokens between two frames and hands them over as one string per
 * message. Applying each token to the immutable message tree cost a tree copy and
 * garbage per token; at 10,000+ tokens a second that kept the main thread busy for most
 * of every frame. What reaches the screen is the same: rendering was already per frame.
 */
export interface StreamToken {
  id: string;
  token: string;
  isSequence?: boolean;
  isInput?: boolean;
}

interface Pending {
  id: string;
  isInput: boolean;
  /** A sequence token replaces the text so far instead of extending it. */
  replace: boolean;
  parts: string[];
}

export class TokenBuffer {
  private pending: Pending[] = [];

  get empty(): boolean {
    return this.pending.length === 0;
  }

  push(t: StreamToken): void {
    const isInput = Boolean(t.isInput);
    let last = this.pending[this.pending.length - 1];
    if (!last || last.id !== t.id || last.isInput !== isInput) {
      last = { id: t.id, isInput, replace: false, parts: [] };
      this.pending.push(last);
    }
    if (t.isSequence) {
      last.replace = true;
      last.parts = [t.token];
    } else {
      last.parts.push(t.token);
    }
  }

  /** The buffered tokens, merged, in arrival order; the buffer is left empty. */
  take(): StreamToken[] {
    const out = this.pending.map((p) => ({ id: p.id, token: p.parts.join(''), isSequence: p.replace, isInput: p.isInput }));
    this.pending = [];
    return out;
  }
}
