/**
 * Wire shapes as the browser sees them (PROTOCOL.md §5). The shapes and the Socket.IO event
 * maps are generated from schemas/wire into schemas/wire/wire.gen.ts, which the server uses
 * too: a change of the wire is a compile error here where it matters. The UI adds only what
 * it keeps for itself (the children of a step) and tolerates what a server may leave out.
 */
import type {
  ActionDict,
  AskAnswer,
  AskSpec as WireAskSpec,
  CallFnAnswer,
  ChatProfileDict,
  CommandDict,
  ElementDict,
  ElementType,
  InputTabDict,
  InputWidgetDict,
  ModeDict,
  ModeOptionDict,
  SelectItem as WireSelectItem,
  StarterCategoryDict,
  StarterDict,
  StepDict,
  StepType,
  ThreadDict,
  ToastType as WireToastType,
  UserDict,
} from '../../../schemas/wire/wire.gen.js';

export type {
  AskAnswer,
  ClientToServerEvents,
  ElementAskAnswer,
  HandshakeAuth,
  ServerToClientEvents,
} from '../../../schemas/wire/wire.gen.js';

export type StepKind = StepType;

/**
 * A node of the message tree: a step as the server sends it, or the user's own message
 * before the server has it (so only its identity and content are sure to be there).
 * Picked from the wire type rather than restated, so a renamed field breaks the build here.
 */
export type IStep = Partial<StepDict> &
  Pick<StepDict, 'id' | 'name' | 'type' | 'output'> & {
    /** Children, built on the client from `parentId`. */
    steps?: IStep[];
  };

export type ElementKind = ElementType;

/** An element; stored threads may lack the fields a live `element` event always has. */
export type IElement = Partial<ElementDict> & Pick<ElementDict, 'id' | 'type' | 'name'>;

export type IAction = ActionDict;

export type AskSpec = WireAskSpec;

export interface PendingAsk {
  msg: IStep;
  spec: AskSpec;
  /** Socket.IO ack: the answer, of the kind `spec.type` asks for. */
  answer: (value: AskAnswer) => void;
}

export interface PendingCallFn {
  name: string;
  args: Record<string, unknown>;
  answer: (value: CallFnAnswer) => void;
}

export type ICommand = CommandDict;
export type IModeOption = ModeOptionDict;
export type IMode = ModeDict;
export type IStarter = StarterDict;
export type IStarterCategory = StarterCategoryDict;
export type IChatProfile = ChatProfileDict;
export type SelectItem = WireSelectItem;
/** A settings widget; older servers leave out some keys (`disabled`, `initial`, ...). */
export type InputWidget = Partial<InputWidgetDict> & Pick<InputWidgetDict, 'type' | 'id' | 'label'>;
/** A tab groups widgets (HEAD backend); it has no `type`. */
export type InputTab = Omit<InputTabDict, 'inputs'> & { inputs: InputWidget[] };

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
  audio?: { enabled?: boolean; sample_rate?: number } | null;
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

export type IUser = UserDict;

export type IThread = Partial<Omit<ThreadDict, 'steps' | 'elements'>> &
  Pick<ThreadDict, 'id' | 'createdAt'> & {
    steps: IStep[];
    elements?: IElement[] | null;
  };

export interface ITask {
  title: string;
  status: 'ready' | 'running' | 'done' | 'failed';
  forId?: string | null;
}

export interface ITaskList {
  status: string;
  tasks: ITask[];
}

export type ToastType = WireToastType;

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
