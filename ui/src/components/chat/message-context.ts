/** Rendering options shared by every message of the list. */
import { createContext, useContext } from 'react';

export interface MessageConfig {
  cot: 'full' | 'tool_call' | 'hidden';
  allowHtml: boolean;
  latex: boolean;
  collapse: boolean;
  editable: boolean;
  userMarkdown: boolean;
  loading: boolean;
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
  loading: false,
  avatarBase: '',
  defaultAvatar: null,
});

export function useMessageConfig(): MessageConfig {
  return useContext(MessageConfigContext);
}

export const RUN_NAMES = ['on_chat_start', 'on_message', 'on_audio_end'];
