/** The URL a media tag or link can use for an element's file (see client/file-access.ts). */
import { useEffect, useState } from 'react';
import { blobUrl, needsFetch } from '../../client/file-access.js';

export function useFileUrl(url: string | null | undefined): string | undefined {
  const [resolved, setResolved] = useState<{ from: string; to: string } | null>(null);
  const fetchIt = Boolean(url && needsFetch(url));
  useEffect(() => {
    if (!url || !fetchIt) return;
    let live = true;
    blobUrl(url).then(
      (to) => live && setResolved({ from: url, to }),
      () => undefined, // the tag shows nothing, as a broken <img> would
    );
    return () => {
      live = false;
    };
  }, [url, fetchIt]);
  if (!url) return undefined;
  if (!fetchIt) return url;
  return resolved?.from === url ? resolved.to : undefined;
}
