/** What a ChatSession is given and what its send methods take (client/session.ts). */
import type { Api } from './api.js';
import type { HandshakeAuth, ToastType } from './types.js';

export interface SessionOptions {
  api: Api;
  clientType?: string;
  userEnv: () => Record<string, string>;
  chatProfile: () => string | null;
  onToast: (message: string, type: ToastType | 'neutral') => void;
  onFirstInteraction?: (threadId: string) => void;
  onResumeError?: (message: string) => void;
  /** Socket transports from window.transports (§1.2). */
  transports?: string[];
  /** Whether the socket sends cookies (false for the copilot, which sends its token instead). */
  withCredentials?: boolean;
  /** More handshake fields: the copilot's `accessToken` and `clientKey`. */
  handshake?: () => Partial<HandshakeAuth>;
  /**
   * Where server window messages go and which page messages reach the server: `parent`
   * (the web app, maybe framed by a host page) or `self` (the copilot, which lives in the
   * host page itself).
   */
  windowMessages?: 'parent' | 'self';
}

export interface SendOptions {
  command?: string | null;
  modes?: Record<string, string> | null;
  fileReferences?: { id: string }[];
  author?: string;
  /** The custom element sending the message (`sendUserMessage`), as `metadata.fromElement`. */
  fromElement?: string;
}

/** Where the server's audio events go (the voice conversation, client/audio/voice.ts). */
export interface AudioSink {
  connection(state: 'on' | 'off'): void | Promise<void>;
  play(track: string, data: ArrayBuffer | ArrayBufferView): void;
  interrupt(): void;
}
