/**
 * REST access (PROTOCOL.md §1.1, §4). Every URL is built from the root path the server
 * advertises in <meta property="og:root_path">, so the app works under --root-path.
 */
export class ClientError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly detail: unknown,
  ) {
    super(message);
    this.name = 'ClientError';
  }
}

export function readRootPath(doc: Document = document): string {
  const meta = doc.querySelector('meta[property="og:root_path"]');
  const raw = meta?.getAttribute('content') ?? '';
  return raw.replace(/\/+$/, '');
}

export interface ApiOptions {
  /**
   * `include` for the web app (its login cookie); `omit` for the copilot, which proves who
   * it is with its token alone and so works where third-party cookies are blocked.
   */
  credentials?: RequestCredentials;
  /** Headers for every request (the copilot's `Authorization` and client key). */
  headers?: () => Record<string, string>;
  /** Query parameters added to every URL (the copilot's `additionalQueryParamsForAPI`). */
  query?: Record<string, string>;
}

export class Api {
  /** Absolute HTTP endpoint: origin + root path, no trailing slash. */
  readonly endpoint: string;
  readonly credentials: RequestCredentials;

  constructor(
    readonly rootPath: string,
    origin: string = window.location.origin,
    private readonly on401?: () => void,
    private readonly options: ApiOptions = {},
  ) {
    this.endpoint = origin + rootPath;
    this.credentials = options.credentials ?? 'include';
  }

  url(path: string): string {
    const url = this.endpoint + (path.startsWith('/') ? path : `/${path}`);
    const extra = this.options.query;
    if (!extra || Object.keys(extra).length === 0) return url;
    return `${url}${url.includes('?') ? '&' : '?'}${new URLSearchParams(extra).toString()}`;
  }

  /** The headers every request carries (none for the web app). */
  headers(): Record<string, string> {
    return this.options.headers?.() ?? {};
  }

  async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const init: RequestInit = { method, credentials: this.credentials, headers: this.headers() };
    if (body !== undefined) {
      init.body = JSON.stringify(body);
      (init.headers as Record<string, string>)['Content-Type'] = 'application/json';
    }
    let res: Response;
    try {
      res = await fetch(this.url(path), init);
    } catch (err) {
      throw new ClientError((err as Error).message || 'Network error', 0, null);
    }
    if (!res.ok) {
      const detail = await res.json().then((j: { detail?: unknown }) => j?.detail, () => undefined);
      if (res.status === 401) this.on401?.();
      const text = typeof detail === 'string' ? detail : res.statusText;
      throw new ClientError(`${res.statusText || res.status}: ${text}`, res.status, detail);
    }
    const type = res.headers.get('content-type') ?? '';
    return (type.includes('json') ? await res.json() : await res.text()) as T;
  }

  get<T>(path: string): Promise<T> {
    return this.request<T>('GET', path);
  }

  post<T>(path: string, body: unknown): Promise<T> {
    return this.request<T>('POST', path, body);
  }

  put<T>(path: string, body: unknown): Promise<T> {
    return this.request<T>('PUT', path, body);
  }

  delete<T>(path: string, body: unknown): Promise<T> {
    return this.request<T>('DELETE', path, body);
  }

  /**
   * Multipart upload through XMLHttpRequest, which (unlike fetch) reports upload progress.
   */
  upload(
    file: File,
    sessionId: string,
    askParentId: string | null,
    onProgress: (percent: number) => void,
  ): { promise: Promise<{ id: string }>; cancel: () => void } {
    const xhr = new XMLHttpRequest();
    const query = new URLSearchParams({ session_id: sessionId });
    if (askParentId) query.set('ask_parent_id', askParentId);
    const promise = new Promise<{ id: string }>((resolve, reject) => {
      xhr.open('POST', this.url(`/project/file?${query.toString()}`), true);
      xhr.withCredentials = this.credentials === 'include';
      for (const [name, value] of Object.entries(this.headers())) xhr.setRequestHeader(name, value);
      xhr.upload.onprogress = (e) => {
        if (e.lengthComputable) onProgress(Math.round((e.loaded / e.total) * 100));
      };
      xhr.onload = () => {
        let body: { id?: string; detail?: unknown } = {};
        try {
          body = JSON.parse(xhr.responseText) as typeof body;
        } catch {
          // a non-JSON reply is reported with the status text below
        }
        if (xhr.status >= 200 && xhr.status < 300 && body.id) resolve({ id: body.id });
        else {
          const detail = typeof body.detail === 'string' ? body.detail : xhr.statusText;
          reject(new ClientError(detail || `HTTP ${xhr.status}`, xhr.status, body.detail));
        }
      };
      xhr.onerror = () => reject(new ClientError('Upload failed', xhr.status, null));
      xhr.onabort = () => reject(new ClientError('Upload cancelled', 0, 'aborted'));
      const form = new FormData();
      form.append('file', file, file.name);
      xhr.send(form);
    });
    return { promise, cancel: () => xhr.abort() };
  }
}
