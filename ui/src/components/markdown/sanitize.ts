/**
 * HTML policy for markdown. Safe mode shows raw HTML as text; with
 * features.unsafe_allow_html it is parsed, but scripts, on* handlers, javascript: URLs and
 * the UI's own hook classes are still stripped by rehype-sanitize.
 */
import { defaultSchema } from 'rehype-sanitize';
import type { Options as SanitizeSchema } from 'rehype-sanitize';

type MdNode = { type: string; value?: string; children?: MdNode[] };

/** remark plugin: turn raw HTML nodes into literal text, so `<b>` is shown, not parsed. */
export function remarkEscapeHtml() {
  const walk = (node: MdNode) => {
    if (node.type === 'html') node.type = 'text';
    node.children?.forEach(walk);
  };
  return (tree: MdNode) => walk(tree);
}

const codeClasses: [string, ...RegExp[]] = ['className', /^language-./, /^math-(inline|display)$/];

export const safeSchema: SanitizeSchema = {
  ...defaultSchema,
  attributes: {
    ...defaultSchema.attributes,
    code: [...(defaultSchema.attributes?.code ?? []), codeClasses],
  },
};

const extraTags = [
  'div', 'span', 'u', 'mark', 'small', 'big', 'center', 'font', 'figure', 'figcaption',
  'abbr', 'cite', 'dfn', 'time', 'label', 'video', 'audio', 'source', 'picture', 'caption',
  'colgroup', 'col', 'hr', 'br',
];

/**
 * Class names the UI and the DOM contract use as hooks (`.step`, `.message-content`,
 * `.inline-image`, …): message HTML may not carry them, or it could pass for part of the
 * UI (a fake `.step` breaks counts; CSS and scripts written for the UI would pick it up).
 */
const UI_HOOK_CLASS =
  /^(?:step(?:-.*)?|ai-message.*|assistant-body|user-message.*|message-.*|markdown-body|loading-cursor|streaming-cursor|edit-message|confirm-edit|command-.*|(?:positive|negative)-feedback-.*|(?:inline|side|page)-.*|element-.*|custom-element.*|tasklist.*|task|task-status-.*|dataframe|alert|toast|show-earlier|scroll-to-bottom|welcome-screen|watermark|composer.*|side-panel.*|react-pdf__.*|cl-tw)$/;

const notUiHook = new RegExp(`^(?!${UI_HOOK_CLASS.source})`);

export const permissiveSchema: SanitizeSchema = {
  ...safeSchema,
  tagNames: [...(safeSchema.tagNames ?? []), ...extraTags],
  attributes: {
    ...safeSchema.attributes,
    '*': [
      ...(safeSchema.attributes?.['*'] ?? []),
      ['className', notUiHook], 'style', 'title', 'align', 'dir', 'lang', 'width', 'height', 'color',
    ],
    video: ['src', 'controls', 'poster', 'width', 'height', 'loop', 'muted'],
    audio: ['src', 'controls', 'loop', 'muted'],
    source: ['src', 'type'],
    font: ['color', 'face', 'size'],
  },
  protocols: {
    ...safeSchema.protocols,
    src: ['http', 'https', 'data'],
  },
};
