import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { AuthService } from '../../runtime/auth/service.js';
import { createHttpApp } from '../../runtime/http/app.js';
import { createLogger, type Logger } from '../../runtime/log.js';
import { loadManifest } from '../../runtime/manifest/index.js';
import { PluginRegistry, type LoadedPlugin } from '../../runtime/plugins/registry.js';
import type { PluginDefinition } from '../../runtime/sdk/plugin.js';
import type { RuntimeServices } from '../../runtime/services.js';
import type { SessionHandle } from '../../runtime/session/types.js';
import { createLocalObjectStorage, createLocalStorage } from '../../runtime/storage/local.js';
import type { ActionDict, AskSpec, FileRecord, UserDict } from '../../runtime/wire.js';

export const BROWSER_COOKIE = 'crt_browser';
/** Tests name the logged-in user with this header until the auth layer exists. */
export const TEST_USER_HEADER = 'x-test-user';

export type FileTree = Record<string, string | Buffer>;

/** Writes files (paths relative to a new temp folder) and returns the folder. */
export async function tempTree(files: FileTree = {}, prefix = 'crt-http-'): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), prefix));
  for (const [rel, content] of Object.entries(files)) {
    const full = path.join(dir, rel);
    await mkdir(path.dirname(full), { recursive: true });
    await writeFile(full, content);
  }
  return dir;
}

export interface SessionInit {
  id: string;
  user?: UserDict | null;
  browserKey?: string | null;
  chatProfile?: string | null;
  fileSpecs?: Record<string, Extract<AskSpec, { type: 'file' }>>;
}

export function makeSession(init: SessionInit): SessionHandle {
  return {
    id: init.id,
    user: init.user ?? null,
    browserKey: init.browserKey ?? null,
    chatProfile: init.chatProfile ?? null,
    files: new Map<string, FileRecord>(),
    fileSpecs: new Map(Object.entries(init.fileSpecs ?? {})),
    fileSpecUploads: new Map(),
  };
}

/** A plugin definition as the registry holds it once loaded (compilation is not under test here). */
export function loadedPlugin(id: string, definition: PluginDefinition, profile: string | null = null): LoadedPlugin {
  return {
    id, file: `/virtual/${id}.ts`, definition, options: {}, logger: createLogger({ silent: true }),
    profile, config: {}, inputs: [], url: `file:///virtual/${id}.js`,
  };
}

export interface HttpFixtureOptions {
  /** Manifest YAML, written as app.yaml in the app folder. */
  manifest: string;
  /** Other files of the app folder (public/, translations/, chainlit.md …). */
  files?: FileTree;
  rootPath?: string;
  /** ui-dist contents; omit for an empty (unbuilt) folder. */
  uiDist?: FileTree;
  plugins?: Array<{ id: string; definition: PluginDefinition; profile?: string | null }>;
  sessions?: SessionInit[];
  /** Defaults to a silent logger. */
  logger?: Logger;
}

export interface HttpFixture {
  url(pathAndQuery: string): string;
  port: number;
  appRoot: string;
  storageDir: string;
  services: RuntimeServices;
  sessions: Map<string, SessionHandle>;
  actionCalls: Array<{ sessionId: string; action: ActionDict }>;
  close(): Promise<void>;
}

/** A real HTTP server on 127.0.0.1:0 running createHttpApp over a real manifest. */
export async function startHttp(options: HttpFixtureOptions): Promise<HttpFixture> {
  const appRoot = await tempTree({ 'app.yaml': options.manifest, ...(options.files ?? {}) }, 'crt-app-');
  const uiDist = await tempTree(options.uiDist ?? {}, 'crt-ui-');
  const storageDir = await tempTree({}, 'crt-files-');
  const manifest = await loadManifest(path.join(appRoot, 'app.yaml'));
  const registry = new PluginRegistry(
    (options.plugins ?? []).map((p) => loadedPlugin(p.id, p.definition, p.profile ?? null)),
    { root: appRoot },
  );
  const sessions = new Map((options.sessions ?? []).map((s) => [s.id, makeSession(s)] as const));
  const actionCalls: HttpFixture['actionCalls'] = [];
  const logger = options.logger ?? createLogger({ silent: true });
  const services: RuntimeServices = {
    logger,
    manifest: () => manifest,
    plugins: () => registry,
    rootPath: options.rootPath ?? '',
    uiDist,
    storage: createLocalStorage(storageDir),
    objectStorage: createLocalObjectStorage(storageDir),
    dataLayer: null,
    session: (id) => sessions.get(id),
    runAction: async (sessionId, action) => {
      actionCalls.push({ sessionId, action });
      return { handled: action.name };
    },
    browserCookie: BROWSER_COOKIE,
    ownerUrl: async () => null,
    auth: new AuthService({ manifest: () => manifest, plugins: () => registry, logger }),
    currentUser: async (headers) => {
      const id = headers[TEST_USER_HEADER];
      return typeof id === 'string' ? { identifier: id, metadata: {} } : null;
    },
  };
  const server = http.createServer(createHttpApp(services).callback());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: (p) => `http://127.0.0.1:${port}${p}`,
    port,
    appRoot,
    storageDir,
    services,
    sessions,
    actionCalls,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A request with the path sent byte for byte (fetch would normalise `..` away). */
export function rawRequest(port: number, method: string, rawPath: string, headers: Record<string, string> = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method, path: rawPath, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** The value of a cookie set by a response, or undefined. */
export function setCookieValue(res: Response, name: string): string | undefined {
  for (const line of res.headers.getSetCookie()) {
    const [pair] = line.split(';');
    const eq = pair!.indexOf('=');
    if (pair!.slice(0, eq) === name) return decodeURIComponent(pair!.slice(eq + 1));
  }
  return undefined;
}
