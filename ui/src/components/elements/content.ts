/**
 * Loads an element's content from its URL (PROTOCOL.md §5.2: text, dataframe, plotly and
 * tasklist content travel by URL, never in the event). Results are shared per URL, so a
 * remount (virtualised list, side panel) costs no second request; a key always serves the
 * same bytes (docs/elements.md), so caching by URL is safe.
 */
import { useEffect, useState } from 'react';
import { fetchFile } from '../../client/file-access.js';

const cache = new Map<string, Promise<string>>();
const MAX_CACHED = 200;

export function fetchText(url: string): Promise<string> {
  let p = cache.get(url);
  if (!p) {
    p = fetchFile(url).then((r) => {
      if (!r.ok) throw new Error(`${r.status} ${r.statusText}`);
      return r.text();
    });
    // Failures are not kept: the next render tries again.
    p.catch(() => cache.delete(url));
    if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value as string);
    cache.set(url, p);
  }
  return p;
}

export type Loaded<T> = { state: 'loading' } | { state: 'error'; error: string } | { state: 'ready'; value: T };

/** The content at `url`, turned into T by `parse` (which may throw: shown as an error). */
export function useElementContent<T>(url: string | null | undefined, parse: (text: string) => T): Loaded<T> {
  const [loaded, setLoaded] = useState<Loaded<T>>({ state: 'loading' });
  useEffect(() => {
    if (!url) {
      setLoaded({ state: 'error', error: 'no content' });
      return;
    }
    let live = true;
    fetchText(url)
      .then((text) => parse(text))
      .then(
        (value) => live && setLoaded({ state: 'ready', value }),
        (err: unknown) => live && setLoaded({ state: 'error', error: err instanceof Error ? err.message : String(err) }),
      );
    return () => {
      live = false;
    };
    // `parse` is a module-level function at every call site.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [url]);
  return loaded;
}

export function identity(text: string): string {
  return text;
}

export function parseJson(text: string): unknown {
  return JSON.parse(text);
}
