import type { RuntimeServices } from '../services.js';
import type { ThreadDict, UserDict } from '../wire.js';

/** Metadata that describes the owner's session, never shown to whoever reads a shared thread. */
const PRIVATE_METADATA = ['chat_profile', 'chat_settings', 'env'];

/** The chat profile the thread was written under (its features apply to it). */
export function threadProfile(thread: ThreadDict): string | null {
  const profile = thread.metadata?.chat_profile;
  return typeof profile === 'string' && profile !== '' ? profile : null;
}

/** `features.allow_thread_sharing` as the thread's chat profile has it. */
export function sharingEnabled(services: RuntimeServices, thread: ThreadDict): boolean {
  return services.manifest().effective(threadProfile(thread)).features.allow_thread_sharing === true;
}

/**
 * Whether `user` may read the thread through a share link: sharing is on for the thread's
 * profile, and the app's `onSharedThreadView` says yes or the owner shared the thread
 * (`metadata.is_shared`). The hook runs first, on every view, and may redact the thread
 * in place (as Chainlit's `on_shared_thread_view`); a hook that throws counts as "no"
 * and is logged.
 */
export async function maySeeShared(services: RuntimeServices, thread: ThreadDict, user: UserDict): Promise<boolean> {
  if (!sharingEnabled(services, thread)) return false;
  const hook = services.plugins().handlers('onSharedThreadView', threadProfile(thread))[0];
  if (hook) {
    try {
      if (await hook.fn(thread, user)) return true;
    } catch (err) {
      hook.plugin.logger.error({ err, threadId: thread.id }, 'onSharedThreadView failed; the thread is not shown');
    }
  }
  return thread.metadata?.is_shared === true;
}

/** The thread as a share link shows it: without the owner's profile, settings and environment. */
export function sharedView(thread: ThreadDict): ThreadDict {
  const metadata = { ...(thread.metadata ?? {}) };
  for (const key of PRIVATE_METADATA) delete metadata[key];
  return { ...thread, metadata };
}
