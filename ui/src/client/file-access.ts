/**
 * How the UI reads the app's files (`/project/file/<key>?session_id=…`, element contents).
 * The web app reads them with its login cookie, as plain URLs. The copilot has no cookie
 * (third-party cookies may be blocked, and it must not use the web app's login): it
 * fetches them with its own headers, and media show from `blob:` URLs.
 */
export interface FileAccess {
  /** The app's endpoint; only URLs under it get the headers. */
  endpoint: string;
  credentials: RequestCredentials;
  headers: () => Record<string, string>;
}

let access: FileAccess | null = null;

export function setFileAccess(value: FileAccess | null): void {
  access = value;
}

function ours(url: string): boolean {
  return access !== null && (url === access.endpoint || url.startsWith(`${access.endpoint}/`));
}

/** fetch() for a URL of the app: the cookie in the web app, the copilot's headers in the copilot. */
export function fetchFile(url: string): Promise<Response> {
  if (access && ours(url)) return fetch(url, { credentials: access.credentials, headers: access.headers() });
  return fetch(url, { credentials: 'include' });
}

/** Whether `url` must be fetched with headers before an <img>/<audio>/<a> can use it. */
export function needsFetch(url: string): boolean {
  return access !== null && ours(url) && url.startsWith(`${access.endpoint}/project/file/`);
}

const blobs = new Map<string, Promise<string>>();

/** A `blob:` URL of the file (one fetch per URL: a file key always serves the same bytes). */
export function blobUrl(url: string): Promise<string> {
  let p = blobs.get(url);
  if (!p) {
    p = fetchFile(url).then(async (r) => {
      if (!r.ok) throw new Error(`${r.status} ${r.statusText}`);
      return URL.createObjectURL(await r.blob());
    });
    p.catch(() => blobs.delete(url));
    blobs.set(url, p);
  }
  return p;
}
