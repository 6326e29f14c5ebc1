/** Rendering options shared by every message of the list. */
import { createContext, useContext } from 'react';

export interface MessageConfig {
  cot: 'full' | 'tool_call' | 'hidden';
  allowHtml: boolean;
  latex: boolean;
  collapse: boolean;
  editable: boolean;
  userMarkdown: boolean;
  avatarBase: string;
  defaultAvatar: string | null;
  /** A thread shown read-only: no feedback, favorites or edits. */
  readOnly: boolean;
  /** Thumbs up/down under answers (a data layer; DOM-CONTRACT §4). */
  feedback: boolean;
  /** Stars on messages (`features.favorites`, a data layer and a login). */
  favorites: boolean;
}

export const MessageConfigContext = createContext<MessageConfig>({
  cot: 'full',
  allowHtml: false,
  latex: false,
  collapse: false,
  editable: true,
  userMarkdown: true,
  avatarBase: '',
  defaultAvatar: null,
  readOnly: false,
  feedback: false,
  favorites: false,
});

export function useMessageConfig(): MessageConfig {
  return useContext(MessageConfigContext);
}

/**
 * Whether a task runs. Kept out of MessageConfig so that task_start / task_end re-render
 * only the step titles and the list, not every message of the thread.
 */
export const LoadingContext = createContext(false);

export function useLoading(): boolean {
  return useContext(LoadingContext);
}

export const RUN_NAMES = ['on_chat_start', 'on_message', 'on_audio_end'];

/** Ids of the answers that show feedback buttons (rows.ts `feedbackTargets`). */
export const FeedbackTargetsContext = createContext<ReadonlySet<string>>(new Set());
