import knexFactory, { type Knex } from 'knex';
import type { Logger } from '../../log.js';
import type { ObjectStorage } from '../../storage/types.js';
import { migrateLatest, migrationStatus, type MigrationStatus } from '../migrate.js';
import type { DataLayer } from '../types.js';
import { knexConfig, parseDatabaseUrl, redactUrl } from './connect.js';
import type { Db } from './db.js';
import * as elements from './elements.js';
import * as feedback from './feedback.js';
import { listThreads } from './list-threads.js';
import * as steps from './steps.js';
import * as threads from './threads.js';
import { ChainlitRtError } from '../../errors.js';
import { DATA_LAYER_METHODS } from '../types.js';
import { isTransientDbError } from './transient.js';
import * as users from './users.js';

export interface KnexDataLayerOptions {
  /** `sqlite://<absolute path>`, `sqlite://:memory:` or `postgres://…`. */
  url: string;
  /** Where element files go; null keeps element rows only. */
  storage: ObjectStorage | null;
  logger: Logger;
  /** Run pending migrations on open (the default; `chainlit-rt migrate` does it on demand). */
  migrate?: boolean;
}

/** The built-in SQL data layer, plus what only it has (its knex, its migrations). */
export interface KnexDataLayer extends DataLayer {
  readonly knex: Knex;
  readonly dialect: Db['dialect'];
  migrate(): Promise<string[]>;
  migrationStatus(): Promise<MigrationStatus>;
}

/** Opens the database named by `url` (creating a SQLite file and its folder) and migrates it. */
export async function createKnexDataLayer(options: KnexDataLayerOptions): Promise<KnexDataLayer> {
  const target = parseDatabaseUrl(options.url);
  const log = options.logger;
  const knex = knexFactory({
    ...(await knexConfig(target)),
    // knex prints to the console by default; its connection errors belong in our log.
    log: {
      warn: (message: unknown) => log.warn({ knex: message }, 'knex warning'),
      error: (message: unknown) => log.warn({ knex: message }, 'database connection error'),
      deprecate: (method: string, alternative: string) => log.warn({ method, alternative }, 'knex deprecation'),
      debug: (message: unknown) => log.debug({ knex: message }, 'knex'),
    },
  });
  const db: Db = { knex, dialect: target.dialect, storage: options.storage, logger: options.logger };
  const layer: KnexDataLayer = {
    knex,
    dialect: db.dialect,
    migrate: () => migrateLatest(knex, options.logger),
    migrationStatus: () => migrationStatus(knex),

    getUser: (identifier) => users.getUser(db, identifier),
    createUser: (user) => users.createUser(db, user),
    upsertFeedback: (f) => feedback.upsertFeedback(db, f),
    deleteFeedback: (id) => feedback.deleteFeedback(db, id),
    getFeedback: (id) => feedback.getFeedback(db, id),
    createElement: (element, content) => elements.upsertElement(db, element, content),
    getElement: (threadId, elementId) => elements.getElement(db, threadId, elementId),
    deleteElement: (elementId, threadId) => elements.deleteElement(db, elementId, threadId),
    readElementContent: (element) => elements.readElementContent(db, element),
    createStep: (step) => steps.upsertStep(db, step),
    updateStep: (step) => steps.upsertStep(db, step),
    deleteStep: (stepId) => steps.deleteStep(db, stepId),
    getFavoriteSteps: (userId) => steps.favoriteSteps(db, userId),
    getThreadAuthor: (threadId) => threads.getThreadAuthor(db, threadId),
    getThread: (threadId) => threads.getThread(db, threadId),
    listThreads: (pagination, filter) => listThreads(db, pagination, filter),
    updateThread: (threadId, update) => threads.updateThread(db, threadId, update),
    deleteThread: (threadId) => threads.deleteThread(db, threadId),
    // Nothing is kept per session: sessions live in the session store.
    deleteUserSession: async () => true,
    buildDebugUrl: async () => '',
    isTransientError: isTransientDbError,
    // The storage belongs to whoever passed it in (the app closes it).
    close: () => knex.destroy(),
  };
  guardMethods(layer);
  try {
    if (options.migrate !== false) await layer.migrate();
  } catch (err) {
    await knex.destroy().catch(() => undefined);
    throw err;
  }
  options.logger.debug({ url: redactUrl(options.url) }, 'data layer open');
  return layer;
}

/**
 * An unreachable database surfaces as CRT_DATA_UNAVAILABLE (503, a message people may
 * read) rather than a driver error; the original stays as its cause, and the write queue
 * still sees it as transient.
 */
function guardMethods(layer: KnexDataLayer): void {
  const target = layer as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>;
  for (const name of [...DATA_LAYER_METHODS, 'readElementContent', 'getFeedback'] as const) {
    const method = target[name]!;
    target[name] = async (...args: unknown[]) => {
      try {
        return await method(...args);
      } catch (err) {
        if (!(err instanceof ChainlitRtError) && isTransientDbError(err)) {
          throw new ChainlitRtError('CRT_DATA_UNAVAILABLE', 'The database cannot be reached right now; try again in a moment.', { expose: true, status: 503, cause: err });
        }
        throw err;
      }
    };
  }
}
