import type { Server } from 'socket.io';
import { runInContext } from '../context.js';
import type { Logger } from '../log.js';
import { Action } from '../sdk/action.js';
import type { HookName } from '../sdk/plugin.js';
import type { RuntimeServices } from '../services.js';
import type { SessionRegistry } from '../session/registry.js';
import { Session } from '../session/session.js';
import type { SessionRecord } from '../session/types.js';
import { HttpError, isCancellation } from '../errors.js';
import type { ActionDict } from '../wire.js';
import { SessionEmitter } from './emitter.js';
import { callHook } from './invoke.js';
import { contextFor, reportError } from './tasks.js';

/** Builds live sessions and runs what spans a session's life: first interaction, end, app hooks. */
export function createSessionRuntime(services: RuntimeServices, registry: () => SessionRegistry, logger: Logger) {
  const firstInteraction = (session: Session, interaction: string) => {
    if (session.hasFirstInteraction) return;
    session.hasFirstInteraction = true;
    // Thread rows and deferred persistence arrive with the data-layer issue.
    session.emitter.firstInteraction(interaction);
    void registry().save(session).catch((err: unknown) => logger.warn({ err, sessionId: session.id }, 'could not save the session'));
  };

  return {
    hydrate(io: Server, record: SessionRecord): Session {
      const session = new Session(record);
      session.runtime = {
        config: () => services.manifest().effective(session.chatProfile),
        plugins: services.plugins,
        logger,
        storage: services.storage,
        appRoot: () => services.manifest().root,
        firstInteraction,
      };
      session.emitter = new SessionEmitter(io, session, logger, () => session.runtime.config().ui.cot);
      return session;
    },

    /** The session really ended: onChatEnd once, then its files go. */
    async end(session: Session): Promise<void> {
      try {
        await runInContext(contextFor(session), () => callHook(session, 'onChatEnd'));
      } catch (err) {
        if (!isCancellation(err)) logger.error({ err, sessionId: session.id }, 'onChatEnd failed');
      }
      await services.storage.deleteSession(session.id).catch((err: unknown) => logger.warn({ err, sessionId: session.id }, 'could not delete session files'));
    },

    async appHook(hook: Extract<HookName, 'onAppStartup' | 'onAppShutdown'>): Promise<void> {
      for (const { plugin, fn } of services.plugins().appHandlers(hook)) {
        try {
          await fn();
        } catch (err) {
          logger.error({ err, plugin: plugin.id }, `${hook} failed`);
        }
      }
    },
  };
}

/**
 * POST /project/action: the callback runs in the session's context, without task events
 * (as Chainlit); a throw is shown in the chat and the response is null.
 */
export async function runAction(registry: SessionRegistry, sessionId: string, dict: ActionDict): Promise<unknown> {
  const session = registry.get(sessionId);
  if (!session) throw new HttpError(404, 'Session not found');
  const callback = session.runtime.plugins().action(dict.name, session.chatProfile);
  if (!callback) throw new HttpError(404, `No callback found for action ${dict.name}`);
  session.runtime.firstInteraction(session, dict.name);
  try {
    return (await runInContext(contextFor(session), () => callback.fn(Action.fromDict(dict)))) ?? null;
  } catch (err) {
    if (!isCancellation(err)) await reportError(session, err, `action ${dict.name}`);
    return null;
  }
}
