import { contextFor, runInContext } from '../context.js';
import type { Logger } from '../log.js';
import { Action } from '../sdk/action.js';
import type { HookName } from '../sdk/plugin.js';
import type { RuntimeServices } from '../services.js';
import type { SessionRegistry } from '../session/registry.js';
import { Session, type SessionRuntime } from '../session/session.js';
import type { SessionRecord } from '../session/types.js';
import { HttpError, isCancellation } from '../errors.js';
import type { ActionDict } from '../wire.js';
import { SessionChannel } from './channel.js';
import type { Cluster } from './cluster.js';
import type { Persistence } from '../persistence/index.js';
import { SessionEmitter } from './emitter.js';
import { callHook } from './invoke.js';
import { runTask } from './tasks.js';

/** Builds live sessions and runs what spans a session's life: first interaction, end, app hooks. */
export function createSessionRuntime(services: RuntimeServices, registry: () => SessionRegistry, logger: Logger, cluster: Pick<Cluster, 'out' | 'shipper'> | null = null, persistence: Persistence | null = null) {
  const firstInteraction = (session: Session, interaction: string) => {
    if (session.hasFirstInteraction) return;
    session.hasFirstInteraction = true;
    // Thread rows and deferred persistence arrive with the data-layer issue.
    session.emitter.firstInteraction(interaction);
    session.recorder?.firstInteraction(interaction);
    void registry().saveReliably(session, 'first interaction');
  };

  return {
    hydrate(record: SessionRecord): Session {
      // The runtime reads the session's profile lazily: it is bound once the session exists.
      let session!: Session;
      const runtime: SessionRuntime = {
        config: () => services.manifest().effective(session.chatProfile),
        plugins: services.plugins,
        logger,
        storage: services.storage,
        appRoot: () => services.manifest().root,
        firstInteraction,
      };
      const capacity = services.manifest().config.session.replay_log.max_entries;
      session = new Session(record, {
        runtime,
        output: (s) => SessionEmitter.create(s, new SessionChannel(s.id, capacity, cluster?.out ?? null, cluster?.shipper ?? null), logger, () => runtime.config().ui.cot),
        recorder: (s) => persistence?.recorder(s) ?? null,
      });
      return session;
    },

    /** The session really ended: onChatEnd once, then its files go. */
    async end(session: Session): Promise<void> {
      try {
        await runInContext(contextFor(session), () => callHook(session, 'onChatEnd'));
      } catch (err) {
        if (!isCancellation(err)) logger.error({ err, sessionId: session.id }, 'onChatEnd failed');
      }
      session.recorder?.saveMetadata();
      // Child processes and remote MCP sessions end with the session.
      await session.mcp.closeAll();
      // Element writes read their bytes from the session's files: let them finish first
      // (bounded: with the database away, the files go and those writes fail, logged).
      if (persistence) await Promise.race([persistence.queue.drain(session.threadId), new Promise((resolve) => setTimeout(resolve, 10_000).unref())]);
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
 * POST /project/action: the callback runs as side work of the session — after the chat
 * start, beside a running answer, without task events (as Chainlit) — and `stop` aborts it.
 * A throw is shown in the chat and the response is null.
 */
export async function runAction(registry: SessionRegistry, sessionId: string, dict: ActionDict): Promise<unknown> {
  const session = registry.get(sessionId);
  if (!session) throw new HttpError(404, 'Session not found');
  const callback = session.runtime.plugins().action(dict.name, session.chatProfile);
  if (!callback) throw new HttpError(404, `No callback found for action ${dict.name}`);
  session.runtime.firstInteraction(session, dict.name);
  const result = await runTask(session, `action ${dict.name}`, { kind: 'side', visible: false }, async () => callback.fn(Action.fromDict(dict)));
  return result ?? null;
}
