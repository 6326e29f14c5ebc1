import path from 'node:path';
import { PluginError } from '../errors.js';
import type { Logger } from '../log.js';
import {
  HOOK_NAMES,
  type ActionCallback,
  type CommandHandler,
  type HookName,
  type OAuthProviderDefinition,
  type PluginDefinition,
  type PluginHooks,
  type RouteHandler,
  type ToolDefinition,
} from '../sdk/plugin.js';
import { PROFILELESS_HOOKS, isExclusiveHook } from './hooks.js';
import { parseRouteKey } from './validate.js';

export interface LoadedPlugin {
  readonly id: string;
  /** Absolute path of the plugin's source module. */
  readonly file: string;
  readonly definition: PluginDefinition;
  /** The manifest entry's options, validated, with schema defaults applied. */
  readonly options: Record<string, unknown>;
  readonly logger: Logger;
  /** The chat profile this plugin serves; null for a global plugin. */
  readonly profile: string | null;
  /** The profile's `config` object ({} for a global plugin). */
  readonly config: Record<string, unknown>;
  /** Every local source file bundled into the plugin (for the dev watcher). */
  readonly inputs: readonly string[];
  /** URL of the compiled bundle that was imported. */
  readonly url: string;
}

export interface HookHandler<K extends HookName> {
  plugin: LoadedPlugin;
  fn: NonNullable<PluginHooks[K]>;
}

export interface PluginRoute {
  method: string;
  path: string;
  plugin: LoadedPlugin;
  handler: RouteHandler;
}

type AnyHandler = HookHandler<HookName>;

/** Handlers, actions and tools claimed within one scope: the global one, or one profile. */
interface Scope {
  hooks: Map<HookName, AnyHandler[]>;
  actions: Map<string, { plugin: LoadedPlugin; fn: ActionCallback }>;
  commands: Map<string, { plugin: LoadedPlugin; fn: CommandHandler }>;
  tools: Map<string, { plugin: LoadedPlugin; tool: ToolDefinition }>;
}

/**
 * The hooks, actions, tools and routes of a set of loaded plugins. Immutable: hot reload
 * builds a new registry and swaps it, so a request never sees half of a reload. The
 * constructor throws CRT_PLUGIN_CONFLICT when two plugins claim the same exclusive hook,
 * action, tool or route within one scope.
 */
export class PluginRegistry {
  readonly plugins: readonly LoadedPlugin[];
  private readonly global: Scope = emptyScope();
  private readonly profiles = new Map<string, Scope>();
  private readonly routeList: PluginRoute[] = [];
  private readonly providers = new Map<string, { plugin: LoadedPlugin; provider: OAuthProviderDefinition }>();
  private readonly root: string;

  constructor(plugins: readonly LoadedPlugin[], opts: { root?: string } = {}) {
    this.plugins = Object.freeze([...plugins]);
    this.root = opts.root ?? process.cwd();
    const routeOwners = new Map<string, LoadedPlugin>();
    for (const plugin of this.plugins) {
      const scope = plugin.profile === null ? this.global : this.profileScope(plugin.profile);
      this.addHooks(scope, plugin);
      this.addNamed(scope.actions, plugin, 'action', plugin.definition.actions, (fn) => ({ plugin, fn }));
      this.addNamed(scope.commands, plugin, 'command handler', plugin.definition.commands, (fn) => ({ plugin, fn }));
      this.addNamed(scope.tools, plugin, 'tool', plugin.definition.tools, (tool) => ({ plugin, tool }));
      for (const [key, handler] of Object.entries(plugin.definition.routes ?? {})) {
        const parsed = parseRouteKey(key);
        if (!parsed) continue;
        const routeKey = `${parsed.method} ${parsed.path}`;
        const owner = routeOwners.get(routeKey);
        if (owner) throw this.conflict(owner, plugin, `the route "${routeKey}"`, null);
        routeOwners.set(routeKey, plugin);
        this.routeList.push({ ...parsed, plugin, handler });
      }
      // Login happens before any profile is chosen: providers are global whoever declares them.
      this.addNamed(this.providers, plugin, 'OAuth provider', plugin.definition.oauthProviders, (provider) => ({ plugin, provider }));
      if (plugin.profile !== null) warnProfileless(plugin);
    }
  }

  /**
   * Handlers for a hook, for a session on `profile`: when the profile's plugin defines the
   * hook, its handler replaces the global one(s). Exclusive hooks give 0 or 1 entry;
   * notification hooks give every handler, in manifest order.
   */
  handlers<K extends HookName>(hook: K, profile?: string | null): HookHandler<K>[] {
    const own = profile != null ? this.profiles.get(profile)?.hooks.get(hook) : undefined;
    const list = own && own.length > 0 ? own : (this.global.hooks.get(hook) ?? []);
    return [...list] as unknown as HookHandler<K>[];
  }

  /** Every plugin's handler, global and per-profile, in manifest order (for onAppStartup / onAppShutdown). */
  appHandlers<K extends HookName>(hook: K): HookHandler<K>[] {
    return this.plugins.filter((p) => typeof p.definition[hook] === 'function').map((p) => handlerOf(p, hook));
  }

  has(hook: HookName, profile?: string | null): boolean {
    return this.handlers(hook, profile).length > 0;
  }

  action(name: string, profile?: string | null): { plugin: LoadedPlugin; fn: ActionCallback } | undefined {
    return (profile != null ? this.profiles.get(profile)?.actions.get(name) : undefined) ?? this.global.actions.get(name);
  }

  /** The handler named by a manifest command's `handler`, for a session on `profile`. */
  command(name: string, profile?: string | null): { plugin: LoadedPlugin; fn: CommandHandler } | undefined {
    return (profile != null ? this.profiles.get(profile)?.commands.get(name) : undefined) ?? this.global.commands.get(name);
  }

  tools(profile?: string | null): Map<string, { plugin: LoadedPlugin; tool: ToolDefinition }> {
    const merged = new Map(this.global.tools);
    const own = profile != null ? this.profiles.get(profile) : undefined;
    for (const [name, entry] of own?.tools ?? []) merged.set(name, entry);
    return merged;
  }

  routes(): Array<{ method: string; path: string; plugin: LoadedPlugin; handler: RouteHandler }> {
    return [...this.routeList];
  }

  /** OAuth providers added by plugins, by id. */
  oauthProviders(): Map<string, { plugin: LoadedPlugin; provider: OAuthProviderDefinition }> {
    return new Map(this.providers);
  }

  /** The plugin bound to a profile (its `config` is what hooks see as context.config). */
  profilePlugin(profile: string | null | undefined): LoadedPlugin | undefined {
    if (profile == null) return undefined;
    return this.plugins.find((p) => p.profile === profile);
  }

  /** Every local source file of every plugin, for the dev watcher. */
  files(): string[] {
    return [...new Set(this.plugins.flatMap((p) => p.inputs))];
  }

  private profileScope(profile: string): Scope {
    let scope = this.profiles.get(profile);
    if (!scope) this.profiles.set(profile, (scope = emptyScope()));
    return scope;
  }

  private addHooks(scope: Scope, plugin: LoadedPlugin): void {
    for (const hook of HOOK_NAMES) {
      if (typeof plugin.definition[hook] !== 'function') continue;
      const list = scope.hooks.get(hook) ?? [];
      const first = list[0];
      if (first && isExclusiveHook(hook)) throw this.conflict(first.plugin, plugin, `the hook "${hook}"`, plugin.profile);
      list.push(handlerOf(plugin, hook));
      scope.hooks.set(hook, list);
    }
  }

  private addNamed<V, E extends { plugin: LoadedPlugin }>(
    into: Map<string, E>,
    plugin: LoadedPlugin,
    kind: string,
    defs: Record<string, V> | undefined,
    make: (value: V) => E,
  ): void {
    for (const [name, value] of Object.entries(defs ?? {})) {
      const owner = into.get(name);
      if (owner) throw this.conflict(owner.plugin, plugin, `the ${kind} "${name}"`, plugin.profile);
      into.set(name, make(value));
    }
  }

  private conflict(first: LoadedPlugin, second: LoadedPlugin, what: string, profile: string | null): PluginError {
    const scope = profile === null ? 'globally' : `for profile "${profile}"`;
    const message =
      `${this.show(first.file)} (plugin "${first.id}") and ${this.show(second.file)} (plugin "${second.id}") ` +
      `both define ${what} ${scope}; only one plugin may. Remove one, or bind one of them to a chat profile.`;
    return new PluginError('CRT_PLUGIN_CONFLICT', second.file, message);
  }

  private show(file: string): string {
    const rel = path.relative(this.root, file);
    return rel && !rel.startsWith('..') ? rel.split(path.sep).join('/') : file;
  }
}

function emptyScope(): Scope {
  return { hooks: new Map(), actions: new Map(), commands: new Map(), tools: new Map() };
}

/** Bound to its definition, so a hook written as a method keeps `this`. */
function handlerOf<K extends HookName>(plugin: LoadedPlugin, hook: K): HookHandler<K> {
  const fn = plugin.definition[hook] as (...args: unknown[]) => unknown;
  return { plugin, fn: fn.bind(plugin.definition) as NonNullable<PluginHooks[K]> };
}

function warnProfileless(plugin: LoadedPlugin): void {
  const unused = PROFILELESS_HOOKS.filter((hook) => typeof plugin.definition[hook] === 'function');
  if (unused.length > 0) {
    plugin.logger.warn({ hooks: unused, profile: plugin.profile }, 'profile plugin defines hooks that run without a profile; they are ignored');
  }
}
