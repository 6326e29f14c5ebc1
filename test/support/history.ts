import { randomUUID } from 'node:crypto';
import { signUserToken } from '../../runtime/auth/jwt.js';
import type { DataLayer } from '../../runtime/data/types.js';
import type { Logger } from '../../runtime/log.js';
import type { PersistedUserDict, StepDict } from '../../runtime/wire.js';
import { SECRET, cookieHeader, login, manifestUsers } from './auth.js';
import { createTestDatabase, type TestDatabase } from './postgres.js';
import { startServer, writeApp, type TestServer } from './server.js';

/** The databases every history test runs on. */
export const BACKENDS = ['sqlite', 'postgres'] as const;
export type Backend = (typeof BACKENDS)[number];

/** Logins of the history tests: identifier → password. */
export const PASSWORDS: Record<string, string> = { alice: 'alice-pass', bob: 'bob-pass' };

export interface HistoryAppOptions {
  /** More manifest YAML (features, profiles, plugins…), appended as is. */
  manifest?: string;
  /** More files of the app (plugins). */
  files?: Record<string, string>;
  /** Password login for alice and bob (default); false: login off. */
  login?: boolean;
  /** false: `data_layer.enabled: false`. */
  dataLayer?: boolean;
  rootPath?: string;
  logger?: Logger;
}

export interface HistoryApp {
  server: TestServer;
  /** The app's own data layer (what its routes read). */
  layer: DataLayer;
  url: string;
  /** Login cookie of each user of PASSWORDS (empty with login off). */
  cookies: Record<string, string>;
  /** A JSON request as a caller: a cookie header value ('' for none) or headers (e.g. bearerFor). */
  call(method: string, path: string, as: string | Record<string, string>, body?: unknown): Promise<Response>;
  stop(): Promise<void>;
}

/**
 * A real server with the built-in data layer on SQLite (its default file in the app folder)
 * or on a fresh PostgreSQL database, password login for alice and bob, and their cookies.
 */
export async function startHistoryApp(ctx: Mocha.Context, backend: Backend, options: HistoryAppOptions = {}): Promise<HistoryApp> {
  let database: TestDatabase | undefined;
  if (backend === 'postgres' && options.dataLayer !== false) database = await createTestDatabase(ctx);
  const users = options.login === false
    ? ''
    : await manifestUsers(Object.entries(PASSWORDS).map(([identifier, password]) => ({ identifier, password })));
  const dataLayer = options.dataLayer === false ? 'data_layer:\n  enabled: false\n' : database ? `data_layer:\n  url: ${database.url}\n` : '';
  const manifest = `name: History\n${dataLayer}${options.manifest ?? ''}\n${users}`;
  const server = await startServer(writeApp({
    'chainlit.yaml': manifest,
    '.env': `CHAINLIT_AUTH_SECRET=${SECRET}\n`,
    ...(options.files ?? {}),
  }), { ...(options.rootPath ? { rootPath: options.rootPath } : {}), ...(options.logger ? { logger: options.logger } : {}) });
  const cookies: Record<string, string> = {};
  if (options.login !== false) {
    for (const [identifier, password] of Object.entries(PASSWORDS)) cookies[identifier] = cookieHeader(await login(server.url, identifier, password));
  }
  const call = (method: string, path: string, as: string | Record<string, string>, body?: unknown) => fetch(`${server.url}${path}`, {
    method,
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(typeof as === 'string' ? (as ? { cookie: as } : {}) : as) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return {
    server,
    layer: server.app.services.dataLayer!,
    url: server.url,
    cookies,
    call,
    stop: async () => {
      await server.stop();
      await database?.drop();
    },
  };
}

/** An `Authorization` header for a user who never logged in (so was never stored). */
export function bearerFor(identifier: string): Record<string, string> {
  return { authorization: `Bearer ${signUserToken({ identifier, metadata: {} }, SECRET, 3600)}` };
}

/**
 * A user of its own for one test: stored in the data layer and carrying a token, so each
 * test lists only what it wrote. (alice and bob log in through the form.)
 */
export async function freshUser(layer: DataLayer, prefix = 'user'): Promise<{ user: PersistedUserDict; auth: Record<string, string> }> {
  const identifier = `${prefix}-${randomUUID().slice(0, 8)}`;
  const user = (await layer.createUser({ identifier, metadata: {} }))!;
  return { user, auth: bearerFor(identifier) };
}

/** A fixed instant plus `seconds`, ISO with Z. */
export function at(seconds: number): string {
  return new Date(Date.UTC(2026, 0, 1) + seconds * 1000).toISOString();
}

export function message(threadId: string, output: string, createdAt: string, fields: Partial<StepDict> = {}): StepDict {
  return {
    id: randomUUID(), threadId, parentId: null, name: 'Assistant', type: 'assistant_message', output,
    createdAt, start: createdAt, end: createdAt, streaming: false, metadata: {}, tags: null, language: null, ...fields,
  };
}

export interface SeededThread {
  threadId: string;
  /** Step ids, in the order of `outputs` (the first one is the user's). */
  stepIds: string[];
}

/**
 * A thread of `owner` written straight into the data layer (not through a chat): a user
 * message, then assistant answers, one second apart from `start` seconds on.
 */
export async function seedThread(layer: DataLayer, owner: PersistedUserDict | null, options: { name?: string; outputs?: string[]; start?: number; metadata?: Record<string, unknown>; threadId?: string } = {}): Promise<SeededThread> {
  const threadId = options.threadId ?? randomUUID();
  const stepIds: string[] = [];
  const outputs = options.outputs ?? ['question', 'answer'];
  // Steps first: the thread row they create is stamped with the first step's time, not the clock's.
  for (const [i, output] of outputs.entries()) {
    const step = message(threadId, output, at((options.start ?? 0) + i), i === 0 ? { type: 'user_message', name: owner?.identifier ?? 'User' } : {});
    await layer.createStep(step);
    stepIds.push(step.id);
  }
  await layer.updateThread(threadId, { ...(options.name !== undefined || !options.threadId ? { name: options.name ?? 'a thread' } : {}), userId: owner?.id ?? null, metadata: options.metadata ?? {} });
  return { threadId, stepIds };
}

/** Stores alice and bob as the data layer would at their login. */
export async function seedUsers(layer: DataLayer): Promise<Record<string, PersistedUserDict>> {
  const out: Record<string, PersistedUserDict> = {};
  for (const identifier of Object.keys(PASSWORDS)) out[identifier] = (await layer.createUser({ identifier, metadata: {} }))!;
  return out;
}
