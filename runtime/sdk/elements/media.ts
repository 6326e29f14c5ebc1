import { Element, type ElementOptions, type ElementSize } from './base.js';

export interface ImageOptions extends ElementOptions {
  /** Default `medium`. */
  size?: ElementSize;
}

/**
 * An image from a url, a file or bytes.
 *
 * @example
 * ```ts
 * await new Message({ content: 'A cat', elements: [new Image({ name: 'cat', path: './public/cat.png', size: 'large' })] }).send();
 * ```
 */
export class Image extends Element {
  constructor(options: ImageOptions = {}) {
    super('image', options, 'image');
    this.size = options.size ?? 'medium';
  }
}

export interface AudioOptions extends ElementOptions {
  /** Start playing as soon as it is shown. */
  autoPlay?: boolean;
}

/**
 * An audio player.
 *
 * @example
 * ```ts
 * await new Message({ content: 'Listen', elements: [new Audio({ name: 'intro.mp3', path: './media/intro.mp3', autoPlay: true })] }).send();
 * ```
 */
export class Audio extends Element {
  constructor(options: AudioOptions = {}) {
    super('audio', options, 'audio');
    this.autoPlay = options.autoPlay ?? false;
  }
}

export interface VideoOptions extends ElementOptions {
  /** Default `medium`. */
  size?: ElementSize;
  /** Options handed to the UI's video player. */
  playerConfig?: Record<string, unknown>;
}

/**
 * A video player.
 *
 * @example
 * ```ts
 * await new Message({ content: 'Watch', elements: [new Video({ name: 'demo', url: 'https://example.com/demo.mp4' })] }).send();
 * ```
 */
export class Video extends Element {
  constructor(options: VideoOptions = {}) {
    super('video', options, 'video');
    this.size = options.size ?? 'medium';
    this.playerConfig = options.playerConfig ?? null;
  }
}

export interface PdfOptions extends ElementOptions {
  /** Page shown first (1-based). */
  page?: number;
}

/**
 * A PDF viewer.
 *
 * @example
 * ```ts
 * await new Message({ content: 'The report', elements: [new Pdf({ name: 'report', path: './docs/report.pdf', display: 'side', page: 2 })] }).send();
 * ```
 */
export class Pdf extends Element {
  constructor(options: PdfOptions = {}) {
    super('pdf', { ...options, mime: options.mime ?? 'application/pdf' }, 'document.pdf');
    this.page = options.page ?? null;
  }
}

/**
 * A download button for any file.
 *
 * @example
 * ```ts
 * await new Message({ content: 'Your export', elements: [new File({ name: 'export.csv', content: csvText })] }).send();
 * ```
 */
export class File extends Element {
  constructor(options: ElementOptions = {}) {
    super('file', options, 'file');
  }
}
