/** Audio (`.inline-audio`, `autoPlay`) and video (`.inline-video`, `playerConfig`). */
import type { IElement } from '../../client/types.js';
import { useFileUrl } from './file-url.js';

type PlayerConfig = Record<string, unknown>;

interface VideoAttributes {
  muted?: boolean;
  loop?: boolean;
  autoPlay?: boolean;
  controls?: boolean;
  playsInline?: boolean;
  poster?: string;
  preload?: string;
  crossOrigin?: '' | 'anonymous' | 'use-credentials';
}

function record(value: unknown): PlayerConfig {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as PlayerConfig) : {};
}

/**
 * Chainlit passes `playerConfig` to react-player; we use a native <video>, so the options
 * that have a native meaning are mapped: top-level `muted`, `loop`, `playing`, `controls`,
 * `playsinline`, `light` (poster URL), and react-player's `file.attributes`.
 */
export function videoAttributes(config: unknown): VideoAttributes {
  const top = record(config);
  const attrs = { ...top, ...record(record(top.file).attributes) };
  const flag = (...keys: string[]) => keys.map((k) => attrs[k]).find((v) => typeof v === 'boolean') as boolean | undefined;
  const out: VideoAttributes = { controls: flag('controls') ?? true };
  const muted = flag('muted');
  if (muted !== undefined) out.muted = muted;
  const loop = flag('loop');
  if (loop !== undefined) out.loop = loop;
  const autoPlay = flag('playing', 'autoPlay', 'autoplay');
  if (autoPlay !== undefined) out.autoPlay = autoPlay;
  const inline = flag('playsinline', 'playsInline');
  if (inline !== undefined) out.playsInline = inline;
  const poster = [attrs.poster, attrs.light].find((v) => typeof v === 'string');
  if (typeof poster === 'string') out.poster = poster;
  if (typeof attrs.preload === 'string') out.preload = attrs.preload;
  if (attrs.crossOrigin === 'anonymous' || attrs.crossOrigin === 'use-credentials') out.crossOrigin = attrs.crossOrigin;
  return out;
}

/** The id of a YouTube URL, which a <video> cannot play (react-player embeds those). */
export function youtubeId(url: string): string | null {
  const m = /^https?:\/\/(?:www\.|m\.)?(?:youtube\.com\/(?:watch\?(?:.*&)?v=|embed\/|shorts\/)|youtu\.be\/)([\w-]{6,})/.exec(url);
  return m ? m[1]! : null;
}

export function AudioElement({ element, display }: { element: IElement; display: string }) {
  const url = useFileUrl(element.url);
  return (
    <div className={`${display}-audio element-media`}>
      <span className="element-name small muted">{element.name}</span>
      <audio controls src={url} autoPlay={Boolean(element.autoPlay)} />
    </div>
  );
}

export function VideoElement({ element, display }: { element: IElement & { playerConfig?: unknown }; display: string }) {
  const url = element.url ?? '';
  const src = useFileUrl(element.url);
  const size = element.size ?? 'medium';
  const yt = youtubeId(url);
  return (
    <div className={`${display}-video element-media size-${size}`}>
      {yt ? (
        <iframe
          className="element-video-frame"
          title={element.name}
          src={`https://www.youtube-nocookie.com/embed/${yt}`}
          allow="autoplay; encrypted-media; picture-in-picture"
          allowFullScreen
        />
      ) : (
        <video src={src} aria-label={element.name} {...videoAttributes(element.playerConfig)} />
      )}
    </div>
  );
}
