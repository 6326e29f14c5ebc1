import type { KoaLike, MountedChainlit, MountOptions } from '../mount.js';

/**
 * Mounts a whole chainlit-rt app under `path` of an existing Koa application (Chainlit's
 * `mount_chainlit`). Pass the host's HTTP server to `attach` for WebSockets.
 *
 * @example
 * ```ts
 * const chat = await mountChainlit(app, { manifest: 'chainlit.yaml', path: '/chat' });
 * chat.attach(app.listen(3000));
 * ```
 */
export async function mountChainlit(koaApp: KoaLike, options: MountOptions): Promise<MountedChainlit> {
  // Loaded on use: plugins import this module, and the runtime must not load itself through them.
  const { mountChainlit: mount } = await import('../mount.js');
  return mount(koaApp, options);
}
