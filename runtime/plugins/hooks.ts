import type { HookName } from '../sdk/plugin.js';

/**
 * Hooks whose result is the answer (a reply, a user, a list of profiles…). Two global
 * plugins defining one of these is a load error: "which one wins" must never depend on
 * manifest order silently, as it did with Chainlit's last-decorator-wins slots.
 */
export const EXCLUSIVE_HOOKS = [
  'onMessage', 'onChatResume', 'onAudioStart', 'onAudioChunk', 'onAudioEnd', 'setChatProfiles', 'setStarters',
  'setStarterCategories', 'authorRename', 'passwordAuth', 'headerAuth', 'oauthCallback', 'dataLayer', 'onLogout',
  'onSharedThreadView',
] as const satisfies readonly HookName[];

/** Hooks that only tell plugins something happened: every plugin's handler runs, in manifest order. */
export const NOTIFICATION_HOOKS = [
  'onChatStart', 'onChatEnd', 'onStop', 'onSettingsUpdate', 'onSettingsEdit', 'onWindowMessage', 'onFeedback',
  'onMcpConnect', 'onMcpDisconnect', 'onAppStartup', 'onAppShutdown',
] as const satisfies readonly HookName[];

export type ExclusiveHook = (typeof EXCLUSIVE_HOOKS)[number];
export type NotificationHook = (typeof NOTIFICATION_HOOKS)[number];

/**
 * Hooks called where no chat profile is known (login, the data layer, the profile list
 * itself). A profile plugin defining one would never be asked, so the loader warns.
 */
export const PROFILELESS_HOOKS: readonly HookName[] = [
  'setChatProfiles', 'passwordAuth', 'headerAuth', 'oauthCallback', 'dataLayer', 'onLogout',
];

const exclusive: ReadonlySet<HookName> = new Set(EXCLUSIVE_HOOKS);

export function isExclusiveHook(hook: HookName): hook is ExclusiveHook {
  return exclusive.has(hook);
}
