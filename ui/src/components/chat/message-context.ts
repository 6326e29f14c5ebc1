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
