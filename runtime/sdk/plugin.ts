import type { IncomingMessage } from './incoming.js';
import type { Action } from './action.js';
import type { ChatProfileDict, FeedbackDict, StarterCategoryDict, StarterDict, ThreadDict, UserDict } from '../wire.js';
import type { DataLayer } from '../data/types.js';
import type { McpConnection } from './mcp.js';
import type { ChatSessionInfo } from './context.js';

/** The user as plugins see it (Chainlit's `cl.User`). */
export type User = UserDict;

/** A chat profile returned by `setChatProfiles` (camelCase; see the manifest for snake_case). */
export interface ChatProfile {
  name: string;
  displayName?: string;
  markdownDescription?: string;
  icon?: string;
  default?: boolean;
  starters?: Starter[];
}

export interface Starter {
  label: string;
  message: string;
  command?: string;
  icon?: string;
}

export interface StarterCategory {
  label: string;
  icon?: string;
  starters: Starter[];
}

/** A thin request/response view handed to plugin routes. */
export interface RouteContext {
  method: string;
  path: string;
  query: Record<string, string | string[] | undefined>;
  headers: Record<string, string | string[] | undefined>;
  params: Record<string, string>;
  body: unknown;
  status: number;
  /** Set to send a non-JSON or explicit body; otherwise the handler's return value is sent as JSON. */
  responseBody?: unknown;
  setHeader(name: string, value: string): void;
}

export type RouteHandler = (ctx: RouteContext) => unknown | Promise<unknown>;

/** What a custom OAuth provider's strategy verifies into (and what `oauthCallback` then receives). */
export interface OAuthProfile {
  /** The provider's access token. */
  token: string;
  /** The user data the provider returned. */
  rawUserData: Record<string, unknown>;
  /** The user to log in unless `oauthCallback` decides otherwise. */
  user: User;
}

/** A passport strategy, seen structurally (any `passport-*` strategy instance fits). */
export interface OAuthStrategy {
  name?: string;
  authenticate(req: unknown, options?: unknown): void;
}

/**
 * A login provider added by a plugin: `strategy` builds a passport strategy whose verify
 * callback calls `done(null, profile)` with an {@link OAuthProfile}. The runtime serves it at
 * `/auth/oauth/<id>` with the same state cookie, callback route and `oauthCallback` as the
 * built-in providers.
 */
export interface OAuthProviderDefinition {
  strategy(options: { callbackURL: string }): OAuthStrategy;
}

export interface ToolDefinition {
  description: string;
  /** JSON Schema of the arguments. */
  parameters?: Record<string, unknown>;
  run(args: Record<string, unknown>): unknown | Promise<unknown>;
}

export type ActionCallback = (action: Action) => unknown | Promise<unknown>;

/** Receives the messages sent with a command whose manifest entry names it as `handler`. */
export type CommandHandler = (message: IncomingMessage) => unknown | Promise<unknown>;

/**
 * Everything a plugin may define. Every hook is optional; names follow Chainlit's
 * decorators in camelCase. Hooks run inside the session's context, so SDK calls such as
 * `new Message({...}).send()` need no session argument.
 */
/** A piece of the user's speech, as `onAudioChunk` receives it (Chainlit's `InputAudioChunk`). */
export interface InputAudioChunk {
  /** True on the first chunk after the microphone opened. */
  isStart: boolean;
  /** `pcm16`: 16-bit little-endian mono PCM. */
  mimeType: string;
  /** Milliseconds since the microphone opened. */
  elapsedTime: number;
  data: Buffer;
  /** Samples per second of `data`: `features.audio.sample_rate` (24000 by default). */
  sampleRate: number;
}

export interface PluginHooks {
  onChatStart?(): unknown | Promise<unknown>;
  onMessage?(message: IncomingMessage): unknown | Promise<unknown>;
  onChatEnd?(): unknown | Promise<unknown>;
  onChatResume?(thread: ThreadDict): unknown | Promise<unknown>;
  onStop?(): unknown | Promise<unknown>;
  onSettingsUpdate?(settings: Record<string, unknown>): unknown | Promise<unknown>;
  onSettingsEdit?(settings: Record<string, unknown>): unknown | Promise<unknown>;
  onAudioStart?(): boolean | Promise<boolean>;
  onAudioChunk?(chunk: InputAudioChunk): unknown | Promise<unknown>;
  onAudioEnd?(): unknown | Promise<unknown>;
  onWindowMessage?(data: unknown): unknown | Promise<unknown>;
  onLogout?(ctx: RouteContext): unknown | Promise<unknown>;
  onFeedback?(feedback: FeedbackDict): unknown | Promise<unknown>;
  /**
   * Whether `user` may read someone else's thread through a share link (Chainlit's
   * `on_shared_thread_view`). A thread the owner shared is readable without it; a true
   * answer also opens threads that were not shared. It may redact `thread` in place.
   */
  onSharedThreadView?(thread: ThreadDict, user: User): boolean | Promise<boolean>;
  /**
   * An MCP server was connected to the session (from the MCP dialog or `mcp.servers`). A
   * throw refuses the connection: it is closed and the client told why.
   */
  onMcpConnect?(connection: McpConnection, session: ChatSessionInfo): unknown | Promise<unknown>;
  /** An MCP server is being disconnected from the session (the dialog's remove, or a reconnect under the same name). */
  onMcpDisconnect?(name: string, session: ChatSessionInfo): unknown | Promise<unknown>;
  onAppStartup?(): unknown | Promise<unknown>;
  onAppShutdown?(): unknown | Promise<unknown>;
  setChatProfiles?(user: User | null, language: string): ChatProfile[] | ChatProfileDict[] | Promise<ChatProfile[] | ChatProfileDict[]>;
  setStarters?(user: User | null, language: string): Starter[] | StarterDict[] | Promise<Starter[] | StarterDict[]>;
  setStarterCategories?(user: User | null, language: string, chatProfile: string | null): StarterCategory[] | StarterCategoryDict[] | Promise<StarterCategory[] | StarterCategoryDict[]>;
  authorRename?(author: string): string | Promise<string>;
  passwordAuth?(username: string, password: string): User | null | undefined | Promise<User | null | undefined>;
  headerAuth?(headers: Record<string, string | string[] | undefined>): User | null | undefined | Promise<User | null | undefined>;
  oauthCallback?(providerId: string, token: string, rawUserData: Record<string, unknown>, defaultUser: User): User | null | undefined | Promise<User | null | undefined>;
  /** Provides the app's data layer instead of the built-in SQL one (see docs/data-layer.md). */
  dataLayer?(): DataLayer | Promise<DataLayer>;
}

export type HookName = keyof PluginHooks;

export interface PluginDefinition extends PluginHooks {
  /** A name for logs and error messages; defaults to the module's file name. */
  name?: string;
  /** Semver range of chainlit-rt this plugin works with. */
  requires?: string;
  /** JSON Schema for the manifest entry's `options`; checked at load time. */
  optionsSchema?: Record<string, unknown>;
  actions?: Record<string, ActionCallback>;
  /** Command handlers, named by `commands[].handler` in the manifest (instead of onMessage). */
  commands?: Record<string, CommandHandler>;
  tools?: Record<string, ToolDefinition>;
  /** Extra HTTP routes, e.g. `'GET /hello': (ctx) => ({ ok: true })`. */
  routes?: Record<string, RouteHandler>;
  /** Extra OAuth login providers by id (shown on the login page, served at `/auth/oauth/<id>`). */
  oauthProviders?: Record<string, OAuthProviderDefinition>;
}

const BRAND = Symbol.for('chainlit-rt.plugin');
const FACTORY = Symbol.for('chainlit-rt.plugin-factory');

export type Plugin = PluginDefinition & { readonly [BRAND]: true };

/** What the loader needs to know about a factory plugin before calling it. */
export interface PluginFactoryMeta {
  name?: string;
  requires?: string;
  /** JSON Schema for the manifest entry's `options`; checked (defaults applied) before the factory runs. */
  optionsSchema?: Record<string, unknown>;
}

/**
 * The factory form: the loader calls it once per manifest entry with that entry's
 * (validated) `options`, so one module can serve several entries with different settings.
 */
export type PluginFactory<O extends Record<string, unknown> = Record<string, unknown>> =
  ((options: O) => PluginDefinition | Promise<PluginDefinition>) & { readonly [FACTORY]: Readonly<PluginFactoryMeta> };

/**
 * Declares a plugin. The default export of a plugin module must be the value this returns.
 *
 * @example
 * ```ts
 * import { definePlugin, Message } from 'chainlit-rt';
 * export default definePlugin({
 *   async onMessage(message) {
 *     await new Message({ content: `You said: ${message.content}` }).send();
 *   },
 * });
 * // or, reading the manifest entry's options:
 * export default definePlugin((options: { greeting: string }) => ({
 *   async onChatStart() { await new Message({ content: options.greeting }).send(); },
 * }), { optionsSchema: { type: 'object', properties: { greeting: { type: 'string' } } } });
 * ```
 */
export function definePlugin<T extends PluginDefinition>(definition: T): T & Plugin;
export function definePlugin<O extends Record<string, unknown> = Record<string, unknown>>(
  factory: (options: O) => PluginDefinition | Promise<PluginDefinition>,
  meta?: PluginFactoryMeta,
): PluginFactory<O>;
export function definePlugin(
  arg: PluginDefinition | ((options: Record<string, unknown>) => PluginDefinition | Promise<PluginDefinition>),
  meta: PluginFactoryMeta = {},
): Plugin | PluginFactory {
  if (typeof arg === 'function') {
    // A wrapper, so branding never mutates the caller's function.
    const factory = (options: Record<string, unknown>) => arg(options);
    Object.defineProperty(factory, FACTORY, { value: Object.freeze({ ...meta }) });
    return factory as PluginFactory;
  }
  return Object.freeze({ ...arg, [BRAND]: true as const });
}

export function isPlugin(value: unknown): value is Plugin {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[BRAND] === true;
}

export function isPluginFactory(value: unknown): value is PluginFactory {
  return typeof value === 'function' && typeof (value as unknown as Record<symbol, unknown>)[FACTORY] === 'object';
}

/** The metadata given as `definePlugin(factory, meta)`'s second argument. */
export function pluginFactoryMeta(factory: PluginFactory): Readonly<PluginFactoryMeta> {
  return factory[FACTORY];
}

/** The hook names a plugin may define, in a fixed order (used by the loader to validate). */
export const HOOK_NAMES: readonly HookName[] = [
  'onChatStart', 'onMessage', 'onChatEnd', 'onChatResume', 'onStop', 'onSettingsUpdate', 'onSettingsEdit',
  'onAudioStart', 'onAudioChunk', 'onAudioEnd', 'onWindowMessage', 'onLogout', 'onFeedback', 'onSharedThreadView', 'onMcpConnect',
  'onMcpDisconnect', 'onAppStartup', 'onAppShutdown', 'setChatProfiles', 'setStarters', 'setStarterCategories',
  'authorRename', 'passwordAuth', 'headerAuth', 'oauthCallback', 'dataLayer',
];

/** Keys of a plugin definition that are not hooks; anything else unknown is a load error. */
export const DEFINITION_KEYS: readonly (keyof PluginDefinition)[] = [
  'name', 'requires', 'optionsSchema', 'actions', 'commands', 'tools', 'routes', 'oauthProviders',
];
