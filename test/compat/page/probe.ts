/** What the compat page records on `window.__compat` for the test to read back. */
export interface StepSnapshot {
  id: string;
  parentId: string | null;
  type: string;
  name: string;
  output: string;
  streaming: boolean;
  /** Nesting level in useChatMessages' tree (0 = top level). */
  depth: number;
}

export interface CompatProbe {
  /** The flattened message tree after every change of useChatMessages().messages. */
  snapshots: StepSnapshot[][];
  /** Every distinct value useChatData().loading took, in order. */
  loading: boolean[];
  /** Uncaught page errors and REST failures reported through ChainlitAPI's onError. */
  errors: string[];
}
