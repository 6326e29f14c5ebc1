/**
 * Wire shapes as the browser sees them (PROTOCOL.md §5). The UI keeps its own copy on
 * purpose: it shares no code with runtime/, only the protocol.
 */
export type StepKind =
  | 'user_message'
  | 'assistant_message'
  | 'system_message'
  | 'run'
  | 'tool'
  | 'llm'
  | 'embedding'
  | 'retrieval'
  | 'rerank'
  | 'undefined';

export interface IStep {
  id: string;
  threadId?: string | null;
  parentId?: string | null;
  name: string;
  type: StepKind | string;
  input?: string | null;
  output: string;
  createdAt?: string | null;
  start?: string | null;
  end?: string | null;
  streaming?: boolean;
  isError?: boolean | null;
  waitForAnswer?: boolean | null;
  metadata?: Record<string, unknown> | null;
  tags?: string[] | null;
  language?: string | null;
  command?: string | null;
  modes?: Record<string, string> | null;
  showInput?: boolean | string | null;
  defaultOpen?: boolean | null;
  autoCollapse?: boolean | null;
  indent?: number | null;
  /** Children, built on the client from `parentId`. */
  steps?: IStep[];
}

export type ElementKind =
  | 'image'
  | 'text'
  | 'pdf'
  | 'tasklist'
  | 'audio'
  | 'video'
  | 'file'
  | 'plotly'
  | 'dataframe'
  | 'custom';

export interface IElement {
  id: string;
  threadId?: string | null;
  type: ElementKind | string;
  name: string;
  display?: 'inline' | 'side' | 'page' | null;
  forId?: string | null;
  url?: string | null;
  chainlitKey?: string | null;
  mime?: string | null;
  size?: 'small' | 'medium' | 'large' | null;
  language?: string | null;
  page?: number | null;
  autoPlay?: boolean | null;
  props?: Record<string, unknown> | null;
}

export interface IAction {
  id: string;
  name: string;
  payload: Record<string, unknown>;
  label?: string | null;
  tooltip?: string | null;
  icon?: string | null;
  forId?: string | null;
}

export type AskSpec =
  | { type: 'text'; step_id: string; timeout: number }
  | {
      type: 'file';
      step_id: string;
      timeout: number;
      accept?: string[] | Record<string, string[]> | null;
      max_size_mb?: number | null;
      max_files?: number | null;
    }
  | { type: 'action'; step_id: string; timeout: number; keys: string[] }
  | { type: 'element'; step_id: string; timeout: number; element_id: string };

export interface PendingAsk {
  msg: IStep;
  spec: AskSpec;
  /** Socket.IO ack: the first argument is the answer. */
  answer: (value: unknown) => void;
}

export interface PendingCallFn {
  name: string;
  args: Record<string, unknown>;
  answer: (value: unknown) => void;
}

export interface ICommand {
  id: string;
  description: string;
  icon: string;
  button?: boolean;
  persistent?: boolean;
  selected?: boolean;
}

export interface IModeOption {
  id: string;
  name: string;
  description?: string | null;
  icon?: string | null;
  default?: boolean;
}

export interface IMode {
  id: string;
  name: string;
  options: IModeOption[];
}

export interface IStarter {
  label: string;
  message: string;
  command?: string | null;
  icon?: string | null;
}

export interface IStarterCategory {
  label: string;
  icon?: string | null;
  starters: IStarter[];
}

export interface IChatProfile {
  name: string;
  display_name?: string | null;
  markdown_description: string;
  icon?: string | null;
  default: boolean;
  starters?: IStarter[] | null;
}

export interface SelectItem {
  label: string;
  value: string;
}

export interface InputWidget {
  type:
    | 'switch'
    | 'checkbox'
    | 'slider'
    | 'numberinput'
    | 'textinput'
    | 'select'
    | 'radio'
    | 'multiselect'
    | 'tags'
    | 'datepicker';
  id: string;
  label: string;
  initial?: unknown;
  tooltip?: string | null;
  description?: string | null;
  disabled?: boolean | null;
  min?: number;
  max?: number;
  step?: number;
  placeholder?: string | null;
  multiline?: boolean;
  items?: SelectItem[];
}

/** A tab groups widgets (HEAD backend); it has no `type`. */
export interface InputTab {
  id: string;
  label: string;
  inputs: InputWidget[];
}

export interface HeaderLink {
  name: string;
  display_name?: string | null;
  icon_url: string;
  url: string;
  target?: '_blank' | '_self' | '_parent' | '_top' | null;
}

export interface UploadSettings {
  enabled?: boolean;
  accept?: string[] | Record<string, string[]> | null;
  max_files?: number | null;
  max_size_mb?: number | null;
}

export interface UiConfig {
  name: string;
  description?: string;
  cot: 'full' | 'tool_call' | 'hidden';
  default_theme?: 'light' | 'dark' | 'system' | null;
  language?: string | null;
  layout?: 'default' | 'wide' | null;
  default_sidebar_state?: 'open' | 'closed' | 'hidden' | null;
  chat_settings_location?: 'message_composer' | 'sidebar' | null;
  default_chat_settings_open?: boolean | null;
  confirm_new_chat?: boolean | null;
  github?: string | null;
  default_collapse_content?: boolean | null;
  logo_file_url?: string | null;
  default_avatar_file_url?: string | null;
  avatar_size?: number | null;
  header_links?: HeaderLink[] | null;
  [key: string]: unknown;
}

export interface FeaturesConfig {
  spontaneous_file_upload?: UploadSettings | null;
  latex?: boolean;
  unsafe_allow_html?: boolean;
  edit_message?: boolean;
  user_message_markdown?: boolean;
  user_message_autoscroll?: boolean;
  assistant_message_autoscroll?: boolean;
  [key: string]: unknown;
}

export interface ProjectSettings {
  ui: UiConfig;
  features: FeaturesConfig;
  userEnv: string[] | null;
  maskUserEnv?: boolean | null;
  dataPersistence: boolean;
  threadResumable: boolean;
  threadSharing?: boolean;
  markdown: string | null;
  chatProfiles: IChatProfile[];
  starters: IStarter[];
  starterCategories?: IStarterCategory[];
  debugUrl?: string | null;
}

export interface AuthConfig {
  requireLogin: boolean;
  passwordAuth: boolean;
  headerAuth: boolean;
  oauthProviders: string[];
  default_theme?: 'light' | 'dark' | null;
  ui?: {
    login_page_image?: string | null;
    login_page_image_filter?: string | null;
    login_page_image_dark_filter?: string | null;
  };
}

export interface IUser {
  identifier: string;
  display_name?: string | null;
  metadata: Record<string, unknown>;
}

export interface IThread {
  id: string;
  createdAt: string;
  name?: string | null;
  metadata?: Record<string, unknown> | null;
  steps: IStep[];
  elements?: IElement[] | null;
}

export interface ITask {
  title: string;
  status: 'ready' | 'running' | 'done' | 'failed';
  forId?: string | null;
}

export interface ITaskList {
  status: string;
  tasks: ITask[];
}

export type ToastType = 'info' | 'success' | 'warning' | 'error';

export interface Attachment {
  /** Local id for the row in the composer. */
  key: string;
  name: string;
  size: number;
  type: string;
  /** Object URL for image previews. */
  previewUrl?: string;
  progress: number;
  /** Server file id once uploaded. */
  serverId?: string;
  error?: string;
  cancel?: () => void;
}
